/** The storefront's `/v1` calls, on the app's one API client (errors carry the API's message). */
import { apiRequest, toApiError } from "../../lib/api";
import { firebase } from "../../lib/firebase";
import type { ChittyResult, NearbyShop, PlaceOrderBody, SearchResults, Shop, ShopItem } from "./types";
import type { Point } from "./geo";

const point = (p: Point) => ({ lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) });

export const storefrontApi = {
  nearby: (at: Point, radiusKm = 10) => apiRequest<NearbyShop[]>("/shops/nearby", { query: { ...point(at), radius_km: String(radiusKm) } }),
  shop: (shopId: string) => apiRequest<Shop>(`/shops/${encodeURIComponent(shopId)}`),
  items: (shopId: string) => apiRequest<ShopItem[]>(`/shops/${encodeURIComponent(shopId)}/items`),
  search: (q: string, at: Point) => apiRequest<SearchResults>("/search", { query: { q, ...point(at) } }),
  /** POST /v1/orders under an Idempotency-Key: a retried tap gets the same order back. */
  placeOrder: (body: PlaceOrderBody, key: string) =>
    apiRequest<{ id: string }>("/orders", { method: "POST", body, headers: { "Idempotency-Key": key } }),
  cancelOrder: (orderId: string, reason: string) =>
    apiRequest<unknown>(`/orders/${encodeURIComponent(orderId)}`, { method: "PATCH", body: { status: "cancelled", reason } }),
};

/**
 * Uploads a chitty photo to `POST /v1/orders/{id}/chitty` with XMLHttpRequest, whose upload
 * events (unlike fetch's) give a progress bar. `onProgress` gets 0..1.
 */
export async function uploadChitty(orderId: string, file: File, onProgress: (fraction: number) => void): Promise<ChittyResult> {
  const user = firebase().auth.currentUser;
  if (!user) throw await toApiError(null, new Error("Please sign in again."));
  const token = await user.getIdToken();
  const form = new FormData();
  form.append("file", file, file.name || "chitty.jpg");
  return new Promise<ChittyResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/v1/orders/${encodeURIComponent(orderId)}/chitty`);
    xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers: { "content-type": "application/json" } });
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as ChittyResult);
      } else void toApiError(response).then(reject);
    };
    xhr.onerror = () => void toApiError(null, new Error("upload failed")).then(reject);
    xhr.send(form);
  });
}
