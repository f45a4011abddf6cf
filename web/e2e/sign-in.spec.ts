import { expect, test } from "@playwright/test";
import { expectAccessible, OWNER, screenshot, SHOP, signIn } from "./helpers";

test("an owner of two shops signs in, picks a shop, sees its live inventory, and the choice sticks", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to your shop" })).toBeVisible();
  await screenshot(page, "01-sign-in");
  await expectAccessible(page, "sign in");

  await signIn(page, OWNER);
  await expect(page.getByRole("heading", { name: "Which shop are you working in?" })).toBeVisible();
  await screenshot(page, "02-shop-picker");
  await expectAccessible(page, "shop picker");
  await page.getByRole("button", { name: new RegExp(SHOP) }).click();

  await expect(page.getByTestId("product-row").first()).toBeVisible();
  await expect(page.getByTestId("product-count")).toHaveText(/^21\d of 21\d products$/); // 212 seeded (+ any the CSV journey added)
  // Word-prefix search, a category chip, the low/out filters.
  await page.getByLabel("Search").fill("toor d");
  await expect(page.getByTestId("product-row")).toHaveCount(2);
  await page.getByLabel("Search").fill("");
  await page.getByText("Out of stock", { exact: true }).click();
  const outRows = page.getByTestId("product-row");
  await expect(outRows.first()).toBeVisible();
  for (const badge of await outRows.locator("text=Out").all()) await expect(badge).toBeVisible();
  await page.getByText("All", { exact: true }).click();
  await screenshot(page, "03-inventory");
  await expectAccessible(page, "inventory");

  await page.reload();
  await expect(page.getByTestId("product-row").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Shop" })).toHaveValue(new RegExp(SHOP));
});

test("a wrong password is refused with a message, not a code", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Email").fill(OWNER);
  await page.getByLabel(/^Password/).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
});
