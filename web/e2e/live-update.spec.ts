import { expect, test } from "@playwright/test";
import { findRow, newPage, openInventory, OWNER, STAFF } from "./helpers";

test("a stock change made by a colleague in another browser appears without a reload", async ({ browser }) => {
  const owner = await newPage(browser);
  const staff = await newPage(browser);
  await openInventory(owner, OWNER);
  await openInventory(staff, STAFF);

  const ownerRow = await findRow(owner, "tata salt 1", "TAT-SAL-IOD-1KG");
  const before = Number(await ownerRow.getByTestId("quantity").textContent());
  const staffRow = await findRow(staff, "tata salt 1", "TAT-SAL-IOD-1KG");
  await staffRow.getByRole("button", { name: /Received 1/ }).click();

  await expect(ownerRow.getByTestId("quantity")).toHaveText(String(before + 1));
  await owner.context().close();
  await staff.context().close();
});
