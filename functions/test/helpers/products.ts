import { searchTokens, productIdForSku, type ProductDoc } from "../../src/inventory/products.schema";
import { adminDb } from "./emulators";

/** A valid stored product (the shared ProductDoc shape), as every writer stores it. */
export function productDoc(over: Partial<ProductDoc> & { sku: string }): ProductDoc {
  const name = over.name ?? `Product ${over.sku}`;
  const at = new Date();
  return {
    name,
    category: "Staples",
    quantity: 10,
    unit_price_paise: 4550,
    low_stock_threshold: 5,
    mrp_paise: null,
    unit: null,
    barcode: null,
    search_tokens: searchTokens(name, over.sku),
    version: 1,
    created_at: at,
    updated_at: at,
    updated_by: "test",
    ...over,
  };
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
