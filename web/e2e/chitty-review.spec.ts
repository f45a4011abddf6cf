import { expect, test } from "@playwright/test";
import { expectAccessible, newPage, openInventory, OWNER, screenshot } from "./helpers";
import { apiCall, CUSTOMER, getOrder, placeOrder, toPhone } from "./orders-api";

const CORRECTED_SKU = "AMU-TAA-TON-1L";

test("the shop reviews a chitty beside its suggestions, corrects one line, accepts the rest, and the order's items and total update live", async ({ browser }) => {
  const order = await placeOrder({ items: [], has_chitty: true });
  // The customer's typed list (the text/plain variant of the chitty upload: no OCR, same matching).
  const upload = await apiCall<{ status: string; items_found: number }>(CUSTOMER, "POST", `/orders/${order.id}/chitty`, "1 kg tata salt\n2 madhur sugar\ntoor dal 1 kg\n", "text/plain; charset=utf-8");
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  expect(upload.body.items_found).toBeGreaterThanOrEqual(2);

  const owner = await newPage(browser);
  await openInventory(owner, OWNER);
  await owner.getByRole("link", { name: "Orders" }).click();
  const link = owner.locator(`[data-testid=order-card][data-order-id="${order.id}"]`).getByRole("link", { name: /Review chitty/ });
  await link.click();

  await expect(owner.getByTestId("photo-note")).toContainText("typed list");
  const suggestions = owner.getByTestId("suggestion");
  await expect(suggestions).toHaveCount(3);
  await expect(owner.getByRole("list", { name: "Lines as read" })).toContainText("tata salt");
  await expect(owner.getByTestId("order-total")).toHaveText("Total ₹0.00");
  await screenshot(owner, "30-chitty-review");
  await expectAccessible(owner, "chitty review");

  // Correct line 1 to another product and quantity, through the catalog picker.
  const first = owner.locator("[data-testid=suggestion][data-line='1']");
  await first.getByRole("button", { name: "Correct…" }).click();
  const dialog = owner.getByRole("dialog");
  // The server is the authority: a product with no stock is refused, and its message is shown.
  await dialog.getByLabel("Product").fill("amul fresh paneer");
  await owner.getByRole("option", { name: /Amul Fresh Paneer.*out of stock/ }).first().click();
  await dialog.getByRole("button", { name: "Correct and add" }).click();
  await expect(owner.getByText(/Not enough stock for Amul Fresh Paneer/)).toBeVisible();
  await expect(first).toHaveAttribute("data-status", "suggested");
  await dialog.getByLabel("Product").fill("amul taaza");
  await owner.getByRole("option", { name: new RegExp(CORRECTED_SKU) }).click();
  await dialog.getByLabel("Quantity (units)").fill("3");
  await screenshot(owner, "31-chitty-correct");
  await expectAccessible(owner, "chitty correction dialog");
  await dialog.getByRole("button", { name: "Correct and add" }).click();
  await expect(dialog).toBeHidden();
  await expect(owner.locator("[data-testid=suggestion][data-line='1']")).toHaveAttribute("data-status", "corrected");
  const items = owner.getByTestId("order-items");
  await expect(items.locator(`[data-sku="${CORRECTED_SKU}"]`)).toContainText("3");

  await owner.getByRole("button", { name: "Accept the rest" }).click();
  await expect(owner.locator("[data-testid=suggestion][data-status=suggested]")).toHaveCount(0, { timeout: 30_000 });
  const stored = await getOrder(CUSTOMER, order.id);
  expect(stored.items.length).toBeGreaterThanOrEqual(2);
  await expect(items.locator("tbody tr")).toHaveCount(stored.items.length);
  const total = `Total ₹${(stored.total_amount_paise / 100).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  await expect(owner.getByTestId("order-total")).toHaveText(total);
  expect(stored.total_amount_paise).toBe(stored.items.reduce((s, l) => s + Math.round(l.line_total * 100), 0));
  await screenshot(owner, "32-chitty-review-decided");

  await toPhone(owner);
  await screenshot(owner, "33-chitty-review-phone");
  await expectAccessible(owner, "chitty review (phone)");
  await owner.context().close();
});
