/**
 * The one typed client of the `/v1` HTTPS API (types mirror the zod contracts served at
 * /v1/openapi.json). The app and the API share an origin: Firebase Hosting rewrites /v1/** to
 * the `api` function. Every failure becomes an `ApiError` whose `message` is the API's own.
 */
import { firebase } from "./firebase";

export type ShopRole = "owner" | "staff";

export interface ShopMembership {
  shop_id: string;
  name: string;
  role: ShopRole;
}

export interface Me {
  uid: string;
  email: string;
  display_name: string | null;
  role: "owner" | "staff" | "customer";
  shops: ShopMembership[];
}

export interface RegisterRequest {
  email: string;
  password: string;
  role?: "owner" | "customer";
  display_name?: string;
  shop?: { name: string; address?: string; city?: string; phone?: string };
}

export interface Invite {
  id: string;
  shop_id: string;
  shop_name: string;
  role: "staff";
  email: string | null;
  status: "pending" | "accepted" | "revoked";
  expires_at: string;
}

export interface AcceptInviteResponse {
  shop_id: string;
  role: ShopRole;
  refresh_token: true;
}

export type ImportStatus = "planning" | "writing" | "completed" | "failed";

export interface ImportRowResult {
  row_number: number;
  sku: string | null;
  status: "created" | "updated" | "unchanged" | "error";
  changes?: string[];
  details?: string;
}

export interface ImportReport {
  import_id: string | null;
  dry_run: boolean;
  status: ImportStatus;
  processed_rows: number;
  successful_creates: number;
  successful_updates: number;
  unchanged: number;
  errors: { row_number: number; sku: string | null; details: string }[];
  written: number;
  columns: string[];
  ignored_columns: string[];
  results?: ImportRowResult[];
  results_url: string | null;
}

export interface StockAdjustmentRequest {
  delta: number;
  reason: "sale" | "receipt" | "count" | "damage" | "return";
  id?: string;
}

/** `PATCH /v1/orders/{id}`: a status change (preparation minutes when confirming, a reason when the shop cancels). */
export interface OrderStatusChange {
  status: "confirmed" | "preparing" | "ready" | "picked_up" | "delivered" | "cancelled";
  estimated_preparation_minutes?: number;
  reason?: string;
}

/** A chitty suggestion as `GET /v1/orders/{id}/suggestions` answers it. */
export interface ChittySuggestion {
  id: string;
  status: "suggested" | "unmatched" | "accepting" | "accepted" | "rejected" | "corrected";
  product_id: string | null;
  quantity: number | null;
}

/** The API's single error shape. */
interface ErrorBody {
  error?: string;
  message?: string;
  detail?: string;
  status?: number;
  issues?: { path: string; message: string }[];
}

/** A failed call, carrying the API's message (shown to people as is) and its kind. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The one place that turns a failed response (or no response) into words for people. */
export async function toApiError(response: Response | null, cause?: unknown): Promise<ApiError> {
  if (!response) {
    const offline = typeof navigator !== "undefined" && navigator.onLine === false;
    return new ApiError(
      offline ? "You are offline: this needs a connection to the server." : `Cannot reach the server (${cause instanceof Error ? cause.message : "network error"}).`,
      0,
      "NETWORK",
    );
  }
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const message = body?.message ?? body?.detail ?? `The server could not do this (${response.statusText || "error"}).`;
  return new ApiError(message, response.status, body?.error ?? "UNEXPECTED");
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  form?: FormData;
  shopId?: string | null;
  query?: Record<string, string | undefined>;
  /** Call without a signed-in user (registration). */
  anonymous?: boolean;
  raw?: boolean;
  /** Extra headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

/** One authenticated `/v1` call (features with their own route lists build on it). */
export async function apiRequest<T>(path: string, options: CallOptions = {}): Promise<T> {
  return call<T>(path, options);
}

async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (!options.anonymous) {
    const { auth } = firebase();
    await auth.authStateReady(); // the console may open before Auth has confirmed the sign-in
    const user = auth.currentUser;
    if (!user) throw new ApiError("Please sign in again.", 401, "UNAUTHENTICATED");
    headers.Authorization = `Bearer ${await user.getIdToken()}`;
  }
  if (options.shopId) headers["X-Shop-Id"] = options.shopId;
  Object.assign(headers, options.headers);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) query.set(k, v);
  const url = `/v1${path}${query.size ? `?${query}` : ""}`;
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? "GET", headers, body });
  } catch (cause) {
    throw await toApiError(null, cause);
  }
  if (!response.ok) throw await toApiError(response);
  if (options.raw) return response as unknown as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The `/v1` API, one function per route the console uses. */
export const api = {
  register: (body: RegisterRequest) => call<Me>("/auth/register", { method: "POST", body, anonymous: true }),
  me: () => call<Me>("/users/me"),
  createInvite: (shopId: string, body: { email?: string; expires_in_hours?: number }) =>
    call<Invite>(`/shops/${encodeURIComponent(shopId)}/invites`, { method: "POST", body }),
  acceptInvite: (inviteId: string) => call<AcceptInviteResponse>(`/invites/${encodeURIComponent(inviteId)}/accept`, { method: "POST" }),
  /**
   * Not on the backend yet (see the README's Web app section): the console calls it and shows
   * the API's answer, so wiring the route is all it takes.
   */
  removeMember: (shopId: string, uid: string) =>
    call<void>(`/shops/${encodeURIComponent(shopId)}/members/${encodeURIComponent(uid)}`, { method: "DELETE" }),
  adjustStock: (shopId: string, productId: string, body: StockAdjustmentRequest) =>
    call<unknown>(`/products/${encodeURIComponent(productId)}/adjustments`, { method: "POST", body, shopId }),
  importCsv: (shopId: string, file: File, options: { dryRun: boolean; importId?: string }) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return call<ImportReport>("/products/import/csv", {
      method: "POST",
      form,
      shopId,
      query: { dry_run: options.dryRun ? "true" : undefined, import_id: options.importId },
    });
  },
  /** The failed rows of a completed import, as a CSV blob (the route needs the ID token, so no plain link). */
  importErrorsCsv: async (shopId: string, importId: string): Promise<Blob> => {
    const response = await call<Response>(`/imports/${encodeURIComponent(importId)}/errors.csv`, { shopId, raw: true });
    return response.blob();
  },
  /** Moves an order along a transition; the server checks the transition and the role. */
  changeOrderStatus: (orderId: string, body: OrderStatusChange) =>
    call<unknown>(`/orders/${encodeURIComponent(orderId)}`, { method: "PATCH", body }),
  /** Accepts, rejects or corrects (`{product_id, quantity}`) one chitty suggestion. */
  decideSuggestion: (orderId: string, suggestionId: string, action: "accept" | "reject" | "correct", body?: { product_id: string; quantity: number }) =>
    call<ChittySuggestion>(`/orders/${encodeURIComponent(orderId)}/suggestions/${encodeURIComponent(suggestionId)}/${action}`, {
      method: "POST",
      body: action === "correct" ? body : undefined,
    }),
};
