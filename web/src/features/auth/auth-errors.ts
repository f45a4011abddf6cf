import { ApiError } from "../../lib/api";

/** Firebase Auth and API failures in words for people. */
export function authErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const code = (error as { code?: string })?.code ?? "";
  if (code === "auth/invalid-credential" || code === "auth/wrong-password" || code === "auth/user-not-found") return "Wrong email or password.";
  if (code === "auth/network-request-failed") return "No connection: sign in needs the network once.";
  if (code === "auth/too-many-requests") return "Too many attempts; wait a minute and try again.";
  return error instanceof Error ? error.message : "Something went wrong.";
}
