/**
 * The storefront journeys' back door: real HTTP to the API (through the Hosting emulator's /v1
 * rewrite) and ID tokens from the Auth emulator, for what another person does (the shop moving
 * an order along) and for checking what the server holds.
 */
import { expect } from "@playwright/test";
import { PASSWORD } from "./helpers";
import { idToken } from "./orders-api";

const APP = process.env.KIRANA_APP_URL ?? "http://127.0.0.1:5050";

/** One API call; fails the test with the API's message on an unexpected status. */
export async function rest<T>(method: string, path: string, options: { email?: string; body?: unknown; shopId?: string; expect?: number } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.email) headers.authorization = `Bearer ${await idToken(options.email)}`;
  if (options.shopId) headers["x-shop-id"] = options.shopId;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${APP}/v1${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBe(options.expect ?? (method === "POST" ? 201 : 200));
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A new customer account (fresh per test: nothing shared with other journeys). */
export async function newCustomer(tag: string): Promise<string> {
  const email = `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
  await rest("POST", "/auth/register", { body: { email, password: PASSWORD, role: "customer", display_name: `Customer ${tag}` } });
  return email;
}

export interface TestShop {
  id: string;
  name: string;
  owner: string;
  products: { id: string; name: string }[];
}

/**
 * A new owner with a shop a few hundred metres from Indiranagar's centre and no published hours
 * (always open, so the journeys do not depend on the time of day), stocked with a few products (those of the chitty fixture among them).
 */
export async function newShopNearIndiranagar(tag: string): Promise<TestShop> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const owner = `owner-${tag}-${stamp}@e2e.test`;
  const name = `E2E ${tag} Stores ${stamp.slice(-5)}`;
  const me = await rest<{ shops: { shop_id: string }[] }>("POST", "/auth/register", {
    body: { email: owner, password: PASSWORD, display_name: "E2E Owner", shop: { name, address: "12th Main, Indiranagar, Bengaluru 560038", city: "Bengaluru", location: { lat: 12.9731, lng: 77.6398 } } },
  });
  const shopId = me.shops[0].shop_id;
  const products = [];
  for (const [i, p] of [
    { name: "Toor Dal 1kg", category: "Dals", unit_price: 165 },
    { name: "Amul Butter 500g", category: "Dairy", unit_price: 285.5 },
    { name: "Parle-G Biscuits 800g", category: "Snacks", unit_price: 90 },
    // What the chitty fixture list-comic.jpg asks for: atta 5 kg, Tata namak 1 kg, maggi x4, cheeni 2 kg.
    { name: "Aashirvaad Atta 5kg", category: "Staples", unit_price: 285 },
    { name: "Tata Salt 1kg", category: "Staples", unit_price: 28 },
    { name: "Maggi 2-Minute Noodles 70g", category: "Snacks", unit_price: 14 },
    { name: "Sugar 1kg", category: "Staples", unit_price: 48 },
  ].entries()) {
    const created = await rest<{ id: string; name: string }>("POST", "/products", { email: owner, shopId, body: { ...p, sku: `E2E-${stamp}-${i}`, quantity: 40 } });
    products.push({ id: created.id, name: created.name });
  }
  return { id: shopId, name, owner, products };
}
