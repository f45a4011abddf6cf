import { expect, test } from "@playwright/test";
import { expectAccessible, findRow, openInventory, OWNER, screenshot, STAFF, openEditForm } from "./helpers";

test("staff see the price read-only and the owner can change it", async ({ browser }) => {
  const staff = await (await browser.newContext()).newPage();
  await openInventory(staff, STAFF);
  const row = await findRow(staff, "parle g gold 250", "PAR-GOL-BIS-250G");
  await openEditForm(staff, row);
  const price = staff.getByLabel("Price (₹)");
  await expect(price).toBeDisabled();
  await expect(staff.getByText("Only the owner changes prices")).toBeVisible();
  await screenshot(staff, "06-staff-edit");
  await expectAccessible(staff, "edit product (staff)");
  await staff.context().close();

  const owner = await (await browser.newContext()).newPage();
  await openInventory(owner, OWNER);
  const ownerRow = await findRow(owner, "parle g gold 250", "PAR-GOL-BIS-250G");
  await openEditForm(owner, ownerRow);
  await expect(owner.getByLabel("Price (₹)")).toBeEnabled();
  await owner.getByLabel("Price (₹)").fill("32.50");
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(ownerRow.getByTestId("price")).toHaveText("₹32.50", { timeout: 30_000 });

  // The product page shows the ledger and, to the owner, the price audit.
  await ownerRow.getByRole("link", { name: /Parle-G Gold Biscuits 250 g/ }).click();
  await expect(owner.getByRole("table", { name: "Stock movements" }).getByTestId("movement").first()).toBeVisible();
  await expect(owner.getByTestId("audit").first()).toContainText("₹32.50");
  await screenshot(owner, "07-product-detail");
  await expectAccessible(owner, "product detail");
  await owner.context().close();
});
