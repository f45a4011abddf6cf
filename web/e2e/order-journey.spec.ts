import { expect, test, type Page } from "@playwright/test";
import { newPage, openInventory, screenshot } from "./helpers";
import { newCustomer, newShopNearIndiranagar } from "./storefront-rest";
import { customerPage, findShopByLocality, signInAsCustomer } from "./storefront-pages";

// Both people through their own screens, at the same time: a customer orders on the storefront
// (a phone-sized context) while the shop (another context) runs it on the orders board; each
// sees the other's step live, without a reload.
test("a customer orders from a nearby shop while the shop sees it arrive on the board, confirms, prepares and marks it ready; the customer's page follows each step", async ({ browser }) => {
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
