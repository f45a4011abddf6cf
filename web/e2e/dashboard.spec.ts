import { expect, test } from "@playwright/test";
import { expectAccessible, findRow, newPage, openInventory, OWNER, screenshot, SHOP, STAFF } from "./helpers";

test("the owner's dashboard shows the chain and each shop, and changes live after a stock change", async ({ browser }) => {
  const owner = await newPage(browser);
  await openInventory(owner, OWNER);
  await owner.getByRole("link", { name: "Dashboard" }).click();
  await expect(owner.getByRole("radio", { name: "Whole chain" })).toBeChecked();
  await expect(owner.getByTestId("kpi-products")).not.toHaveText("0");
  await expect(owner.getByRole("table", { name: "Shops" })).toContainText(SHOP);
  await screenshot(owner, "10-dashboard-chain");
  await expectAccessible(owner, "dashboard (chain)");

  await owner.locator("label").filter({ hasText: SHOP }).click();
  await expect(owner.getByTestId("out-list").getByRole("listitem").first()).toBeVisible();
  const units = owner.getByTestId("kpi-units");
  await expect(units).not.toHaveText("0");
  const before = Number((await units.textContent())!.replace(/,/g, ""));
  await screenshot(owner, "11-dashboard-shop");
  await expectAccessible(owner, "dashboard (shop)");

  const staff = await newPage(browser);
  await openInventory(staff, STAFF);
  const row = await findRow(staff, "amul taaza toned milk 1", "AMU-TAA-TON-1L");
  await row.getByRole("button", { name: /Received 1/ }).click();
  await row.getByRole("button", { name: /Received 1/ }).click();

  await expect(units).toHaveText((before + 2).toLocaleString("en-IN"), { timeout: 45_000 });
  await owner.context().close();
  await staff.context().close();
});
