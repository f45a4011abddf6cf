import { onDocumentWritten } from "firebase-functions/v2/firestore";
import "../config";
import { adminApp } from "../platform/firebase";

// firebase-functions decodes a Firestore event's snapshots with the default Admin app before
// the handler runs, so the app must exist at load time (initializeApp is cheap: no I/O).
adminApp();

/**
 * Keeps server-owned derived fields (search_tokens) right after any product write: a direct SDK
 * write may store whatever tokens it likes (reads never trust them); this rewrites them.
 */
export const onProductDerivedFieldsStale = onDocumentWritten({ document: "shops/{shopId}/products/{productId}", retry: true }, async (event) => {
  const after = event.data?.after.exists ? (event.data.after.data() ?? null) : null;
  const { derivedFieldsStale } = await import("./products.derived");
  // Nothing to do (the common case, and every import row): return before loading or reading anything else.
  if (!derivedFieldsStale(after)) return;
  const { handleProductDerivedFieldsStale } = await import("./products.handlers");
  await handleProductDerivedFieldsStale({ eventId: event.id, shopId: event.params.shopId, productId: event.params.productId });
});
