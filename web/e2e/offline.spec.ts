import { expect, test } from "@playwright/test";
import { expectAccessible, findRow, newPage, openInventory, OWNER, screenshot, STAFF, openEditForm } from "./helpers";

test("staff edits and adjusts stock while offline, reopens the page offline, then sees it applied and resolves the conflict", async ({ browser }) => {
  const staff = await newPage(browser);
  const context = staff.context();
  await openInventory(staff, STAFF);
  // Let the service worker take the app shell so the page opens with no network.
  await staff.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === "activated");
  await staff.reload();
  await expect(staff.getByTestId("product-row").first()).toBeVisible();

  const toorRow = await findRow(staff, "toor dal 1", "TAT-SAM-TOO-1KG");
  const toorBefore = Number(await toorRow.getByTestId("quantity").textContent());

  await context.setOffline(true);
  await expect(staff.getByTestId("offline")).toBeVisible();
  // Two one-tap sales.
  await toorRow.getByRole("button", { name: /Sold 1/ }).click();
  await toorRow.getByRole("button", { name: /Sold 1/ }).click();
  await expect(toorRow.getByTestId("pending-delta")).toHaveText("-2 pending");
  // A field edit on the version this device saw.
  const butterRow = await findRow(staff, "amul butter 100", "AMU-BUT-PAS-100G");
  await openEditForm(staff, butterRow);
  await staff.getByLabel("Name").fill("Amul Butter 100 g (staff)");
  await staff.getByRole("button", { name: "Save" }).click();
  await expect(staff.getByTestId("pending-count")).toHaveText(/^3 pending/);
  await screenshot(staff, "04-offline-pending");

  // Close the tab and open the console again, still offline: the queue is still there.
  await staff.close();
  const reopened = await context.newPage();
  await reopened.goto("/");
  await expect(reopened.getByTestId("pending-count")).toHaveText(/^3 pending/, { timeout: 30_000 });

  // Meanwhile the owner, online, renames the same product.
  const owner = await newPage(browser);
  await openInventory(owner, OWNER);
  const ownerButter = await findRow(owner, "amul butter 100", "AMU-BUT-PAS-100G");
  await openEditForm(owner, ownerButter);
  await owner.getByLabel("Name").fill("Amul Butter 100 g (owner)");
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(ownerButter).toContainText("Amul Butter 100 g (owner)");

  // Back online: the sales apply, the stale rename comes back as a conflict.
  await context.setOffline(false);
  const toor = await findRow(reopened, "toor dal 1", "TAT-SAM-TOO-1KG");
  await expect(toor.getByTestId("quantity")).toHaveText(String(toorBefore - 2), { timeout: 30_000 });
  const conflict = reopened.getByTestId("conflict");
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await expect(conflict).toContainText("Amul Butter 100 g (owner)");
  await expect(conflict).toContainText("Amul Butter 100 g (staff)");
  await screenshot(reopened, "05-conflict");
  await expectAccessible(reopened, "conflict view");

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(conflict).toHaveCount(0);
  await reopened.getByLabel("Search").fill("amul butter 100");
  await expect(reopened.locator('[data-sku="AMU-BUT-PAS-100G"]')).toContainText("Amul Butter 100 g (staff)", { timeout: 30_000 });
  await expect(reopened.getByTestId("pending-count")).toHaveCount(0);
  await context.close();
  await owner.context().close();
});
