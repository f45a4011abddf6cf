import { newStoredProduct, searchTokens, productIdForSku, type ProductDoc } from "../../src/inventory/products.schema";
import { adminDb } from "./emulators";

/** A valid stored product (the shared ProductDoc shape), as every writer stores it. */
export function productDoc(over: Partial<ProductDoc> & { sku: string }): ProductDoc {
  const name = over.name ?? `Product ${over.sku}`;
  const base = newStoredProduct({ sku: over.sku, name, category: "Staples", quantity: 10, unit_price_paise: 4550 }, "test", new Date());
  return { ...base, ...over, search_tokens: over.search_tokens ?? searchTokens(name, over.sku) };
}

/** The document of a product in a shop. */
export function productRef(shopId: string, sku: string) {
  return adminDb().doc(`shops/${shopId}/products/${productIdForSku(sku)}`);
}

/** Writes (creates or replaces) a product with the Admin SDK, as the API, edits and imports do. */
export async function putProduct(shopId: string, over: Partial<ProductDoc> & { sku: string }): Promise<ProductDoc> {
  const doc = productDoc(over);
  await productRef(shopId, over.sku).set(doc);
  return doc;
}
