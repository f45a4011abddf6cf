/**
 * The customer's side of the order journeys, through the REST API (the storefront's screens are
 * another branch's): sign in with the Auth emulator, place orders, attach a chitty. Requests go
 * to the app's origin, whose Hosting rewrite forwards /v1 to the functions emulator.
 */
import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "./helpers";

export const CUSTOMER = "priya@kirana.demo";
export const SHOP_ID = "shop-indiranagar";

const APP = process.env.KIRANA_APP_URL ?? "http://127.0.0.1:5050";
const AUTH = process.env.KIRANA_AUTH_EMULATOR ?? "127.0.0.1:9099";

const tokens = new Map<string, string>();

/** An ID token for a demo login (Auth emulator REST). */
export async function idToken(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const res = await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, returnSecureToken: true }),
  });
  expect(res.status, `sign in ${email}`).toBe(200);
  const token = ((await res.json()) as { idToken: string }).idToken;
  tokens.set(email, token);
  return token;
}

/** Calls the API as a user; returns status and JSON body. */
export async function apiCall<T = Record<string, unknown>>(email: string, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<{ status: number; body: T }> {
  const res = await fetch(`${APP}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await idToken(email)}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface ShopItem {
  product_id: string;
  product_name: string;
  price: number;
  stock: number;
}

/** Products of the shop with plenty of stock (so repeated runs never run short). */
export async function stockedItems(count: number): Promise<ShopItem[]> {
  const { status, body } = await apiCall<ShopItem[] | { items: ShopItem[] }>(CUSTOMER, "GET", `/shops/${SHOP_ID}/items`);
  expect(status).toBe(200);
  const items = Array.isArray(body) ? body : body.items;
  const plenty = items.filter((i) => i.stock >= 50);
  expect(plenty.length).toBeGreaterThanOrEqual(count);
  return plenty.slice(0, count);
}

/**
 * A pickup time the shop is always open at: tomorrow 11:00 IST (the demo shops' hours cover it on
 * every day), so the journeys do not depend on when they run — an instant order at night is
 * refused as "closed".
 */
export function pickupTomorrow(): string {
  const ist = new Date(Date.now() + 330 * 60_000);
  ist.setUTCDate(ist.getUTCDate() + 1);
  return `${ist.toISOString().slice(0, 10)}T11:00:00+05:30`;
}

/** Places a pre-order as the customer; returns the order (API view). */
export async function placeOrder(opts: { items?: Array<{ product_id: string; quantity: number }>; has_chitty?: boolean; notes?: string } = {}): Promise<{ id: string; total_amount_paise: number }> {
  const items = opts.items ?? (await stockedItems(2)).map((i, n) => ({ product_id: i.product_id, quantity: n + 1 }));
  const { status, body } = await apiCall<{ id: string; total_amount_paise: number }>(CUSTOMER, "POST", "/orders", {
    shop_id: SHOP_ID,
    order_type: "pre_order",
    scheduled_pickup_time: pickupTomorrow(),
    items,
    ...(opts.has_chitty ? { has_chitty: true } : {}),
    ...(opts.notes ? { order_notes: opts.notes } : {}),
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

/** The order as the API answers it to a user. */
export async function getOrder(email: string, id: string) {
  const { status, body } = await apiCall<{ status: string; estimated_preparation_minutes: number | null; items: Array<{ product_id: string; quantity: number; line_total: number }>; total_amount_paise: number; cancel_reason: string | null }>(
    email,
    "GET",
    `/orders/${id}`,
  );
  expect(status).toBe(200);
  return body;
}

/** Phone size; waits until the menu drawer has slid away (it animates when the breakpoint changes). */
export async function toPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("link", { name: "Inventory" })).not.toBeInViewport();
}
