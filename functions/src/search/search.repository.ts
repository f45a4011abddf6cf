import { parseStoredOrSkip } from "../platform/firestore";
import { productsCol } from "../inventory/products.repository";
import { ProductDoc } from "../inventory/products.schema";
import { withDerivedFields } from "../inventory/products.derived";

/**
 * Products of one shop carrying any of `tokens` in their `search_tokens` (the word prefixes
 * every product writer stores), at most `limit`; malformed documents are skipped and logged.
 */
export async function productsWithAnyToken(shopId: string, tokens: string[], limit: number): Promise<{ products: Array<{ id: string; doc: ProductDoc }>; documentsRead: number }> {
  const base = productsCol(shopId);
  const query = tokens.length === 1 ? base.where("search_tokens", "array-contains", tokens[0]) : base.where("search_tokens", "array-contains-any", tokens);
  const snap = await query.limit(limit).get();
  const out: Array<{ id: string; doc: ProductDoc }> = [];
  for (const d of snap.docs) {
    const doc = parseStoredOrSkip(ProductDoc, withDerivedFields(d.data()), d.ref.path);
    if (doc) out.push({ id: d.id, doc });
  }
  return { products: out, documentsRead: snap.size };
}
