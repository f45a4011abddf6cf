/** A random id for documents the client names (offline edits, imports): 20 url-safe characters. */
export function newClientId(prefix = ""): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return prefix + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
