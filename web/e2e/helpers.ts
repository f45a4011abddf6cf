import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "kirana123";
export const OWNER = "ramesh@kirana.demo";
export const STAFF = "suresh@kirana.demo"; // staff of shop-indiranagar
export const SHOP = "Gupta Kirana Store, Indiranagar";

const SCREENS = path.resolve(here, "../artifacts/screens");

/** Keeps a screenshot of the current screen as a test artifact (web/artifacts/screens). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: false });
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => {
            const data = n.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
            return `${n.target.join(" ")}${data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})` : ""}`;
          })
          .join(" | ")}`,
    );
  expect(bad, bad.join("\n")).toEqual([]);
}

/** Signs in through the form. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and opens the Indiranagar shop's inventory (choosing the shop when asked). */
export async function openInventory(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  const choose = page.getByRole("button", { name: new RegExp(SHOP) });
  const firstRow = page.getByTestId("product-row").first();
  await expect(choose.or(firstRow)).toBeVisible({ timeout: 60_000 });
  if (await choose.isVisible()) await choose.click();
  await expect(firstRow).toBeVisible({ timeout: 60_000 });
}

/** A fresh browser context (its own storage: another person or device). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The row of one product, found by searching its name. */
export async function findRow(page: Page, search: string, sku: string) {
  await page.getByLabel("Search").fill(search);
  const row = page.locator(`[data-testid=product-row][data-sku="${sku}"]`);
  await expect(row).toBeVisible();
  return row;
}

/**
 * Opens a row's edit form. The inventory list re-renders rows as live snapshots arrive, so a click
 * can land on a row that is being replaced; click again until the form is there.
 */
export async function openEditForm(page: Page, row: Locator): Promise<void> {
  await expect(async () => {
    if (!(await page.getByLabel("Name").isVisible())) await row.getByRole("button", { name: /^Edit/ }).click();
    await expect(page.getByLabel("Name")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}
