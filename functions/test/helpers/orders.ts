import { call, newOwner, type TestUser } from "./api";
import { adminDb, uniqueId } from "./emulators";
import { putProduct } from "./products";

/** A shop (registered through the API) with some products written as every writer stores them. */
export async function shopWithProducts(products: Array<{ sku: string; quantity: number; unit_price_paise?: number; name?: string }>, shop: Record<string, unknown> = {}) {
  const owner = await newOwner();
  if (Object.keys(shop).length) await adminDb().doc(`shops/${owner.shopId}`).update(shop);
  for (const p of products) await putProduct(owner.shopId, { sku: p.sku, quantity: p.quantity, unit_price_paise: p.unit_price_paise ?? 5000, ...(p.name ? { name: p.name } : {}) });
  return owner;
}

/** Places an order through the API. */
export function placeOrder(customer: TestUser, body: Record<string, unknown>, key?: string) {
  return call("POST", "/v1/orders", { token: customer.token, body, headers: key ? { "idempotency-key": key } : {} });
}

/** Changes an order's status through the API. */
export function patchOrder(user: TestUser, orderId: string, body: Record<string, unknown>) {
  return call("PATCH", `/v1/orders/${orderId}`, { token: user.token, body });
}

/** The quantity of a product now. */
export async function quantityOf(shopId: string, productId: string): Promise<number> {
  return (await adminDb().doc(`shops/${shopId}/products/${productId}`).get()).get("quantity") as number;
}

/** Σ delta of a product's stock movements with a given reason (all reasons when omitted). */
export async function ledgerSum(shopId: string, productId: string, reason?: string): Promise<{ sum: number; count: number }> {
  const snap = await adminDb().collection(`shops/${shopId}/stock_movements`).where("product_id", "==", productId).get();
  const docs = snap.docs.filter((d) => !reason || d.get("reason") === reason);
  return { sum: docs.reduce((s, d) => s + (d.get("delta") as number), 0), count: docs.length };
}

/** A fresh idempotency key. */
export function newKey(): string {
  return uniqueId("key");
}
