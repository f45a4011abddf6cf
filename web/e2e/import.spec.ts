import { expect, test } from "@playwright/test";
import { expectAccessible, openInventory, OWNER, screenshot } from "./helpers";

const CSV = [
  "name,sku,category,quantity,unit_price",
  "Test Rice 1 kg,WEB-RICE-1KG,Staples,40,\"₹1,200.50\"",
  "Test Poha 500 g,WEB-POHA-500G,Staples,25,45",
  ",WEB-NONAME,Staples,3,10",
  "Test Sugar 1 kg,WEB-SUGAR-1KG,Staples,-5,48",
].join("\n");

test("an owner dry-runs a CSV, imports it with live progress, and downloads the failed rows", async ({ page }) => {
  await openInventory(page, OWNER);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import products from CSV" })).toBeVisible();
  await page.locator("input[type=file]").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByText("stock.csv")).toBeVisible();

  await page.getByRole("button", { name: /Dry run/ }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Dry run: nothing was written");
  await expect(report.getByRole("row")).toHaveCount(5);
  await expect(report).toContainText("Would create");
  await screenshot(page, "08-import-dry-run");
  await expectAccessible(page, "import dry run");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  const progress = page.getByTestId("import-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText("Import completed", { timeout: 60_000 });
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(report).toContainText("Import finished");
  await expect(report).toContainText("quantity");
  await screenshot(page, "09-import-done");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Download the failed rows/ }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString("utf8");
  expect(csv).toContain("WEB-SUGAR-1KG");
  expect(csv).toContain("WEB-NONAME");

  // The new products are in the live inventory.
  await page.getByRole("link", { name: "Inventory" }).click();
  await page.getByLabel("Search").fill("test rice");
  await expect(page.locator('[data-sku="WEB-RICE-1KG"]')).toContainText("₹1,200.50");
});

test("a file the API refuses shows the API's message", async ({ page }) => {
  await openInventory(page, OWNER);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.locator("input[type=file]").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("name,sku\nx,y\n") });
  await page.getByRole("button", { name: /Dry run/ }).click();
  await expect(page.getByRole("alert")).toContainText(/missing|column/i);
});
