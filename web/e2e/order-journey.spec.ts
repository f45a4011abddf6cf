import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { newPage, openInventory, screenshot } from "./helpers";
import { newCustomer, newShopNearIndiranagar } from "./storefront-rest";
import { customerPage, findShopByLocality, signInAsCustomer } from "./storefront-pages";

// Rendered by the chitty bench's generator: "atta 5 kg", "Tata namak 1 kg", "maggi x4", "cheeni 2 kg".
const CHITTY_PHOTO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../functions/test/fixtures/chitty/list-comic.jpg");

// Both people through their own screens, at the same time: a customer orders on the storefront
// (a phone-sized context) while the shop (another context) runs it on the orders board; each
// sees the other's step live, without a reload.
test("a customer orders from a nearby shop and attaches a chitty photo while the shop sees it arrive on the board, corrects one line of the chitty and accepts the rest, confirms, prepares and marks it ready; the customer's page follows each step", async ({ browser }) => {
  test.setTimeout(240_000);
  const shop = await newShopNearIndiranagar("joint");
  const customerEmail = await newCustomer("joint");

  const owner = await newPage(browser);
  await openInventory(owner, shop.owner);
  await owner.getByRole("link", { name: "Orders" }).click();
  await expect(owner.getByTestId("board-live")).toBeVisible({ timeout: 60_000 });

  const customer: Page = await customerPage(browser);
  await signInAsCustomer(customer, customerEmail);
  await findShopByLocality(customer, "Indiranagar", shop.name);
  await customer.getByTestId("shop-card").filter({ hasText: shop.name }).click();
  await customer.getByRole("button", { name: "Add Toor Dal 1kg" }).click();
  await customer.getByRole("button", { name: "One more Toor Dal 1kg" }).click();
  await expect(customer.getByTestId("cart-total")).toHaveText("₹330.00");
  await customer.getByRole("button", { name: /^Place order/ }).click();
  await expect(customer).toHaveURL(/\/store\/orders\/[^/]+$/);
  const orderId = decodeURIComponent(customer.url().split("/").pop()!);
  const status = customer.getByTestId("order-status");
  await expect(status).toHaveText("Waiting for the shop");

  // The shop's board shows the new order without a reload, marked new.
  const card = owner.locator(`[data-testid=order-card][data-order-id="${orderId}"]`);
  await expect(owner.getByTestId("column-pending").locator(`[data-order-id="${orderId}"]`)).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveAttribute("data-new", "true");
  await expect(card.getByTestId("order-total")).toHaveText("₹330.00");
  await screenshot(owner, "40-journey-board-new-order");

  // The customer photographs the handwritten list and attaches it to the order.
  await customer.locator('input[type="file"][accept="image/*"]').setInputFiles(CHITTY_PHOTO);
  await customer.getByRole("button", { name: "Send the photo" }).click();
  await expect(customer.getByTestId("chitty-result")).toContainText("Your list was read", { timeout: 90_000 });

  // The shop opens the order beside the chitty's suggestions, corrects one line, accepts the rest.
  await card.getByRole("link", { name: /Review chitty|Details/ }).click();
  const suggestions = owner.getByTestId("suggestion");
  await expect(suggestions.first()).toBeVisible({ timeout: 30_000 });
  // The photo itself, beside the suggestions (a JPEG the server kept; a real image the browser decoded).
  const photo = owner.getByRole("img", { name: "The customer's chitty photo" });
  await expect(photo).toBeVisible({ timeout: 30_000 });
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
  const first = suggestions.first();
  await first.getByRole("button", { name: "Correct…" }).click();
  const correct = owner.getByRole("dialog");
  await correct.getByLabel("Product").fill("amul butter");
  await owner.getByRole("option", { name: /Amul Butter 500g/ }).first().click();
  await correct.getByLabel("Quantity (units)").fill("1");
  await correct.getByRole("button", { name: "Correct and add" }).click();
  await expect(correct).toBeHidden();
  await expect(first).toHaveAttribute("data-status", "corrected");
  if ((await owner.locator("[data-testid=suggestion][data-status=suggested]").count()) > 0) {
    await owner.getByRole("button", { name: "Accept the rest" }).click();
    await expect(owner.locator("[data-testid=suggestion][data-status=suggested]")).toHaveCount(0, { timeout: 30_000 });
  }
  await screenshot(owner, "42-journey-chitty-reviewed");
  // The customer's page shows the items the shop added, with the new total, without a reload.
  const items = customer.getByRole("region", { name: "Items" });
  await expect(items).toContainText("1 × Amul Butter 500g", { timeout: 30_000 });
  await expect(customer.getByTestId("order-total")).not.toHaveText("₹330.00");
  await owner.getByRole("link", { name: /Orders board/ }).click();
  await expect(owner.getByTestId("board-live")).toBeVisible({ timeout: 30_000 });

  await card.getByRole("button", { name: "Confirm" }).click();
  const dialog = owner.getByRole("dialog", { name: "Confirm this order" });
  await dialog.getByLabel("Preparation minutes").fill("20");
  await dialog.getByRole("button", { name: "Confirm order" }).click();
  await expect(status).toHaveText("Confirmed", { timeout: 30_000 });
  await expect(customer.getByTestId("prep-time")).toHaveText(/about 20 minutes/);

  await card.getByRole("button", { name: "Start preparing" }).click();
  await expect(status).toHaveText("Being prepared", { timeout: 30_000 });

  await card.getByRole("button", { name: "Mark ready" }).click();
  await expect(status).toHaveText("Ready for pickup", { timeout: 30_000 });
  await expect(customer.getByText("Your order is ready for pickup.").first()).toBeVisible({ timeout: 30_000 });
  await expect(owner.getByTestId("column-ready").locator(`[data-order-id="${orderId}"]`)).toBeVisible();
  await screenshot(customer, "41-journey-customer-ready");

  await owner.context().close();
  await customer.context().close();
});
