import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, newPage, openInventory, OWNER, screenshot, SHOP, STAFF } from "./helpers";
import { apiCall, CUSTOMER, getOrder, placeOrder, toPhone } from "./orders-api";

const DESKTOP = { width: 1280, height: 860 };

async function openBoard(page: Page, email: string): Promise<void> {
  await openInventory(page, email);
  await page.getByRole("link", { name: "Orders" }).click();
  await expect(page.getByTestId("board-live")).toBeVisible({ timeout: 60_000 });
}

const card = (page: Page, id: string) => page.locator(`[data-testid=order-card][data-order-id="${id}"]`);
/** The card's status buttons' names, without the "Seen" acknowledgement. */
async function buttonsOf(page: Page, id: string): Promise<string[]> {
  const names = await card(page, id).getByRole("button").allTextContents();
  return names.filter((n) => n !== "Seen");
}

test("the shop sees a customer's new order arrive live with a cue, confirms it with preparation minutes, prepares it and marks it ready", async ({ browser }) => {
  const owner = await newPage(browser);
  await openBoard(owner, OWNER);
  await owner.getByRole("button", { name: "Turn sound on for new orders" }).click();
  const sound = owner.getByRole("button", { name: /Sound on/ });
  await expect(sound).toHaveAttribute("data-beeps", "1");

  const order = await placeOrder({ notes: "Ring the bell twice" });
  const c = card(owner, order.id);
  await expect(owner.getByTestId("column-pending").locator(`[data-order-id="${order.id}"]`)).toBeVisible({ timeout: 30_000 });
  await expect(c).toHaveAttribute("data-new", "true");
  await expect(c.getByText("New", { exact: true })).toBeVisible();
  await expect(sound).toHaveAttribute("data-beeps", "2");
  await expect(owner).toHaveTitle(/^\(\d+\) Orders/);
  await expect(c).toContainText("Ring the bell twice");
  await expect(c.getByTestId("order-total")).toHaveText(`₹${(order.total_amount_paise / 100).toLocaleString("en-IN", { minimumFractionDigits: 2 })}`);
  await c.scrollIntoViewIfNeeded();
  await screenshot(owner, "20-orders-board-new-order");
  await expectAccessible(owner, "orders board");

  await c.getByRole("button", { name: "Confirm" }).click();
  const dialog = owner.getByRole("dialog", { name: "Confirm this order" });
  await dialog.getByLabel("Preparation minutes").fill("25");
  await screenshot(owner, "21-orders-board-confirm");
  await expectAccessible(owner, "confirm dialog");
  await dialog.getByRole("button", { name: "Confirm order" }).click();
  await expect(owner.getByTestId("column-confirmed").locator(`[data-order-id="${order.id}"]`)).toContainText("25 min prep");
  await expect(c).not.toHaveAttribute("data-new", "true");
  await expect(owner).toHaveTitle(/^Orders/);

  await c.getByRole("button", { name: "Start preparing" }).click();
  await expect(owner.getByTestId("column-preparing").locator(`[data-order-id="${order.id}"]`)).toBeVisible();
  await c.getByRole("button", { name: "Mark ready" }).click();
  await expect(owner.getByTestId("column-ready").locator(`[data-order-id="${order.id}"]`)).toBeVisible();
  const stored = await getOrder(CUSTOMER, order.id);
  expect(stored.status).toBe("ready");
  expect(stored.estimated_preparation_minutes).toBe(25);

  await toPhone(owner);
  await c.scrollIntoViewIfNeeded();
  await screenshot(owner, "22-orders-board-phone");
  await expectAccessible(owner, "orders board (phone)");
  await owner.context().close();
});

test("staff see only the transitions they may make, and cancelling needs a reason", async ({ browser }) => {
  const staff = await newPage(browser);
  await openBoard(staff, STAFF);
  const pending = await placeOrder();
  const preparing = await placeOrder();
  expect((await apiCall(OWNER, "PATCH", `/orders/${preparing.id}`, { status: "confirmed" })).status).toBe(200);
  expect((await apiCall(OWNER, "PATCH", `/orders/${preparing.id}`, { status: "preparing" })).status).toBe(200);

  await expect(card(staff, pending.id)).toBeVisible({ timeout: 30_000 });
  await expect(staff.getByTestId("column-preparing").locator(`[data-order-id="${preparing.id}"]`)).toBeVisible({ timeout: 30_000 });
  expect(await buttonsOf(staff, pending.id)).toEqual(["Confirm", "Cancel order"]);
  expect(await buttonsOf(staff, preparing.id)).toEqual(["Mark ready"]);

  await card(staff, pending.id).getByRole("button", { name: "Cancel order" }).click();
  const dialog = staff.getByRole("dialog", { name: "Cancel this order" });
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(dialog.getByText("Give a reason: the customer sees it")).toBeVisible();
  await screenshot(staff, "23-orders-board-cancel-needs-reason");
  await expectAccessible(staff, "cancel dialog");
  expect((await getOrder(CUSTOMER, pending.id)).status).toBe("pending");

  // Whitespace is not a reason either; a real one cancels.
  await dialog.getByLabel(/Reason/).fill("   ");
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(dialog.getByText("Give a reason: the customer sees it")).toBeVisible();
  await dialog.getByLabel(/Reason/).fill("Out of toor dal today");
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(dialog).toBeHidden();
  await expect(card(staff, pending.id)).toBeHidden();
  await staff.getByTestId("done-toggle").click();
  await expect(staff.getByTestId("column-done").locator(`[data-order-id="${pending.id}"]`)).toContainText("Cancelled: Out of toor dal today");
  const stored = await getOrder(CUSTOMER, pending.id);
  expect(stored.status).toBe("cancelled");
  expect(stored.cancel_reason).toBe("Out of toor dal today");
  await staff.context().close();
});

test("the dashboard's order figures for today change live when an order is placed and cancelled", async ({ browser }) => {
  const owner = await newPage(browser);
  await openInventory(owner, OWNER);
  await owner.getByRole("link", { name: "Dashboard" }).click();
  await owner.locator("label").filter({ hasText: SHOP }).click();
  const count = owner.getByTestId("kpi-orders-today");
  const revenue = owner.getByTestId("kpi-revenue-today");
  const pendingBadge = owner.getByTestId("kpi-orders-by-status").locator("[data-status=pending]");
  await expect(count).not.toHaveText("0", { timeout: 30_000 }); // the seed's orders and the journeys above
  const read = async () => ({
    orders: Number((await count.textContent())!.replace(/,/g, "")),
    revenue: Math.round(Number((await revenue.textContent())!.replace(/[₹,]/g, "")) * 100),
    pending: Number((await pendingBadge.textContent())!.replace(/\D/g, "")),
  });
  const before = await read();

  const order = await placeOrder();
  await expect(count).toHaveText((before.orders + 1).toLocaleString("en-IN"), { timeout: 45_000 });
  await expect.poll(read, { timeout: 30_000 }).toEqual({ orders: before.orders + 1, revenue: before.revenue + order.total_amount_paise, pending: before.pending + 1 });
  await owner.getByTestId("order-kpis").scrollIntoViewIfNeeded();
  await screenshot(owner, "24-dashboard-order-kpis");
  await expectAccessible(owner, "dashboard with order KPIs");

  expect((await apiCall(CUSTOMER, "PATCH", `/orders/${order.id}`, { status: "cancelled" })).status).toBe(200);
  await expect.poll(read, { timeout: 45_000 }).toEqual({ orders: before.orders + 1, revenue: before.revenue, pending: before.pending });
  await toPhone(owner);
  await owner.getByTestId("order-kpis").scrollIntoViewIfNeeded();
  await screenshot(owner, "25-dashboard-order-kpis-phone");
  await owner.setViewportSize(DESKTOP);
  await owner.context().close();
});
