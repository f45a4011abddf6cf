import { searchTokens } from "./products.schema";

/** The derived fields a stored product should hold, from the fields they derive from; null if those are unreadable. */
export function derivedFieldsOf(data: Record<string, unknown>): { search_tokens: string[] } | null {
  if (typeof data.name !== "string" || typeof data.sku !== "string") return null;
  return { search_tokens: searchTokens(data.name, data.sku) };
}

/** True when a stored product's derived fields differ from what the server computes (a deleted product: false). */
export function derivedFieldsStale(data: Record<string, unknown> | null): boolean {
  if (!data) return false;
  const want = derivedFieldsOf(data);
  if (!want) return false;
  const stored = data.search_tokens;
  return !Array.isArray(stored) || stored.length !== want.search_tokens.length || stored.some((t, i) => t !== want.search_tokens[i]);
}

/**
 * A stored product's data with its derived fields recomputed from the fields they derive from,
 * so a wrong or malformed stored `search_tokens` (a client may have written one) is never
 * trusted and never makes the document unreadable. Every read of a product goes through it.
 */
export function withDerivedFields(data: unknown): unknown {
  if (!data || typeof data !== "object") return data;
  const want = derivedFieldsOf(data as Record<string, unknown>);
  return want ? { ...(data as Record<string, unknown>), ...want } : data;
}
