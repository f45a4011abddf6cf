/** The customer's screens as a person drives them: shared by the storefront and order journeys. */
import { expect, type Browser, type Page } from "@playwright/test";
import { PASSWORD } from "./helpers";

export const PHONE = { width: 390, height: 844 };

/** A customer's phone-sized browser that never reaches a map tile server (the list works without tiles). */
export async function customerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  await context.route(/tile\.openstreetmap\.org|\{s\}\.tile|\/tiles?\//, (route) => route.abort());
  return context.newPage();
}

export async function signInAsCustomer(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Customers land on the storefront, not the console.
  await expect(page.getByRole("heading", { name: "Shops near you" })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/store$/);
}

export async function findShopByLocality(page: Page, locality: string, shopName: string, pick?: string): Promise<void> {
  await page.getByLabel("Locality or PIN code").fill(locality);
  await page.getByRole("button", { name: "Find shops" }).click();
  // A PIN code shared by several localities lists them to choose from.
  if (pick) await page.getByRole("listitem").filter({ hasText: pick }).click();
  await expect(page.getByTestId("place")).toContainText(pick ?? locality);
  await expect(page.getByTestId("shop-card").filter({ hasText: shopName })).toBeVisible();
}
