import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, PASSWORD, screenshot } from "./helpers";
import { newCustomer, newShopNearIndiranagar, rest } from "./storefront-rest";
import { customerPage, findShopByLocality, PHONE, signInAsCustomer } from "./storefront-pages";

const here = path.dirname(fileURLToPath(import.meta.url));
// Rendered by the chitty bench's generator (functions/tools/chitty/generate.ts --fixtures).
const CHITTY_PHOTO = path.resolve(here, "../../functions/test/fixtures/chitty/list-comic.jpg");
const DESKTOP = { width: 1280, height: 860 };

/** Screenshot and axe check of the current screen at phone size, then at desktop size. */
async function captureScreen(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshot(page, `storefront-${name}-phone`);
  await expectAccessible(page, `${name} (phone)`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `storefront-${name}-desktop`);
  await expectAccessible(page, `${name} (desktop)`);
  await page.setViewportSize(PHONE);
}


test("a customer finds a nearby shop by locality, orders, attaches a chitty and follows the order live to ready for pickup", async ({ browser }) => {
  test.setTimeout(300_000); // a long journey, with OCR on two shared cores
  const shop = await newShopNearIndiranagar("live");
  const customer = await newCustomer("live");
  const page = await customerPage(browser);
  await signInAsCustomer(page, customer);

  await findShopByLocality(page, "Indiranagar", shop.name);
  const card = page.getByTestId("shop-card").filter({ hasText: shop.name });
  await expect(card).toContainText("Open now");
  await expect(card.getByTestId("distance")).toHaveText(/\d+ m$/);
  await expect(page.getByTestId("shop-map")).toBeVisible();
  await captureScreen(page, "nearby");

  // One search box over nearby shops and products.
  await page.getByLabel("Search shops and products").fill("amul butter");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-product").filter({ hasText: shop.name })).toContainText("₹285.50");
  await captureScreen(page, "search");

  await card.click();
  await expect(page.getByRole("heading", { name: shop.name })).toBeVisible();
  await page.getByRole("group", { name: "Categories" }).getByText("Dairy", { exact: true }).click();
  await expect(page.getByTestId("catalog-item")).toHaveCount(1);
  await page.getByRole("button", { name: "Add Amul Butter 500g" }).click();
  await page.getByRole("button", { name: "One more Amul Butter 500g" }).click();
  await page.getByRole("group", { name: "Categories" }).getByText("All", { exact: true }).click();
  await page.getByRole("button", { name: "Add Toor Dal 1kg" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("₹736.00");
  // The cart survives a reload.
  await page.reload();
  await expect(page.getByTestId("cart-total")).toHaveText("₹736.00", { timeout: 30_000 });
  await captureScreen(page, "shop");

  await page.getByRole("button", { name: /^Place order/ }).click();
  await expect(page).toHaveURL(/\/store\/orders\/[^/]+$/);
  const orderId = decodeURIComponent(page.url().split("/").pop()!);
  const status = page.getByTestId("order-status");
  await expect(status).toHaveText("Waiting for the shop");
  await expect(page.getByTestId("order-total")).toHaveText("₹736.00");

  // Attach a chitty photo: upload progress, then the server's reading.
  await page.locator('input[type="file"][accept="image/*"]').setInputFiles(CHITTY_PHOTO);
  await expect(page.locator('input[type="file"]')).toHaveAttribute("capture", "environment");
  await page.getByRole("button", { name: "Send the photo" }).click();
  await expect(page.getByTestId("chitty-progress")).toBeVisible();
  await expect(page.getByTestId("chitty-result")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("chitty-progress")).toHaveAttribute("data-progress", "100");
  await expect(page.getByTestId("chitty-result")).toContainText("Your list was read");
  await captureScreen(page, "order");

  // The shop moves the order along (through the API; the orders board is another screen).
  await rest("PATCH", `/orders/${orderId}`, { email: shop.owner, body: { status: "confirmed", estimated_preparation_minutes: 12 } });
  await expect(status).toHaveText("Confirmed");
  await expect(page.getByTestId("prep-time")).toHaveText(/about 12 minutes/);
  await rest("PATCH", `/orders/${orderId}`, { email: shop.owner, body: { status: "preparing" } });
  await expect(status).toHaveText("Being prepared");
  await rest("PATCH", `/orders/${orderId}`, { email: shop.owner, body: { status: "ready" } });
  await expect(status).toHaveText("Ready for pickup");
  await expect(page.getByText("Your order is ready for pickup.").first()).toBeVisible();
  await captureScreen(page, "order-ready");

  // The notification list with its unread count; marking one read lowers it.
  const unread = Number(await page.getByTestId("unread-count").textContent());
  expect(unread).toBeGreaterThanOrEqual(3);
  await page.getByRole("link", { name: /^Notifications, \d+ unread/ }).click();
  await expect(page.getByTestId("notification").first()).toBeVisible();
  await captureScreen(page, "notifications");
  await page.getByRole("button", { name: "Mark read" }).first().click();
  await expect(page.getByTestId("unread-count")).toHaveText(String(unread - 1));

  // Another customer cannot open this order.
  const other = await customerPage(browser);
  await signInAsCustomer(other, await newCustomer("other"));
  await other.goto(`/store/orders/${encodeURIComponent(orderId)}`);
  await expect(other.getByTestId("order-not-found")).toBeVisible();
  await expect(other.getByText("Amul Butter")).toHaveCount(0);
  await captureScreen(other, "not-your-order");
  await other.context().close();
  await page.context().close();
});

test("an order placed while offline is kept, sent when the connection returns, and makes exactly one order", async ({ browser }) => {
  const shop = await newShopNearIndiranagar("offline");
  const customer = await newCustomer("offline");
  const page = await customerPage(browser);
  await signInAsCustomer(page, customer);
  await findShopByLocality(page, "560038", shop.name, "Indiranagar, Bengaluru 560038");
  await page.getByTestId("shop-card").filter({ hasText: shop.name }).click();
  await page.getByRole("button", { name: "Add Parle-G Biscuits 800g" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("₹90.00");

  await page.context().setOffline(true);
  await expect(page.getByTestId("offline")).toBeVisible();
  await page.getByRole("button", { name: /^Place order/ }).click();
  await expect(page.getByTestId("request-waiting")).toContainText("will be sent when you're back online");
  await captureScreen(page, "offline-order");

  await page.context().setOffline(false);
  const link = page.getByTestId("request-placed").getByRole("link", { name: "Open your order" });
  await expect(link).toBeVisible({ timeout: 90_000 });
  await link.click();
  await expect(page.getByTestId("order-status")).toHaveText("Waiting for the shop");
  await expect(page.getByTestId("order-total")).toHaveText("₹90.00");

  const mine = await rest<{ items: { shop_id: string; total_amount_paise: number }[] }>("GET", "/orders/me", { email: customer });
  expect(mine.items.filter((o) => o.shop_id === shop.id)).toEqual([expect.objectContaining({ total_amount_paise: 9000 })]);
  // A reload (the SDK re-opening its cache) sends nothing twice.
  await page.reload();
  await expect(page.getByTestId("order-status")).toBeVisible({ timeout: 30_000 });
  const again = await rest<{ items: { shop_id: string }[] }>("GET", "/orders/me", { email: customer });
  expect(again.items.filter((o) => o.shop_id === shop.id)).toHaveLength(1);

  await page.goto("/store/orders");
  await expect(page.getByRole("link", { name: new RegExp(shop.name) })).toBeVisible({ timeout: 60_000 });
  await captureScreen(page, "my-orders");
  await page.context().close();
});

test("an owner lands on the console and can switch to the storefront and back", async ({ browser }) => {
  const shop = await newShopNearIndiranagar("both");
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Email").fill(shop.owner);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("product-row").first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("heading", { name: "Shops near you" })).toBeVisible();
  await page.getByRole("link", { name: "Shop console" }).click();
  await expect(page.getByTestId("product-row").first()).toBeVisible();
  await context.close();
});
