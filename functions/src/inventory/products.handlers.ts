import { msSince } from "../platform/clock";
import { rewriteDerivedFields } from "./products.repository";
import { logProductDerivedFieldsRepaired } from "./products.logs";

/** Input of the derived-fields handler. */
export interface ProductDerivedFieldsStale {
  eventId: string;
  shopId: string;
  productId: string;
}

/**
 * Rewrites a product's derived fields (search_tokens) when they differ from what the server
 * computes, in a transaction on the product as it is now (no version bump: the fields are not the
 * client's). Idempotent: a redelivered or late event finds them right and writes nothing.
 */
export async function handleProductDerivedFieldsStale(input: ProductDerivedFieldsStale): Promise<{ repaired: boolean }> {
  const start = process.hrtime.bigint();
  const repaired = await rewriteDerivedFields(input.shopId, input.productId);
  if (repaired) {
    logProductDerivedFieldsRepaired({ eventId: input.eventId, path: `shops/${input.shopId}/products/${input.productId}`, shopId: input.shopId, productId: input.productId, latencyMs: msSince(start) });
  }
  return { repaired };
}
