import { expect, test } from "@playwright/test";
import { expectAccessible, openInventory, OWNER, PASSWORD, screenshot } from "./helpers";

test("an owner invites staff with a link; the new person registers from it and joins the shop as staff", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await openInventory(owner, OWNER);
  await owner.getByRole("link", { name: "Staff", exact: true }).click();
  await expect(owner.getByTestId("member").first()).toBeVisible();
  await owner.getByRole("button", { name: "Create invite" }).click();
  const code = (await owner.getByTestId("invite-code").textContent())!;
  expect(code.length).toBeGreaterThan(8);
  await screenshot(owner, "12-staff-invite");
  await expectAccessible(owner, "staff");

  const email = `web-staff-${Date.now()}@kirana.test`;
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(`/invite/${code}`);
  await newcomer.getByRole("link", { name: "create an account" }).click();
  await newcomer.getByLabel("Your name").fill("Web Staff");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel(/^Password/).fill(PASSWORD);
  await newcomer.getByRole("button", { name: "Register" }).click();
  await newcomer.getByRole("button", { name: "Accept the invite" }).click();
  await expect(newcomer.getByTestId("product-row").first()).toBeVisible({ timeout: 30_000 });
  await expect(newcomer.getByText(`${email} · staff`)).toBeVisible();

  // The owner's member list shows the newcomer live.
  await expect(owner.getByTestId("member").filter({ hasText: email })).toBeVisible();
  // An invite code used up by someone else is refused with the API's message.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`/invite/not-a-real-code-123`);
  await other.getByLabel("Email").fill(OWNER);
  await other.getByLabel(/^Password/).fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.getByRole("button", { name: "Accept the invite" }).click();
  await expect(other.getByRole("alert")).not.toContainText(/^\d{3}$/);
  await expect(other.getByRole("alert")).toContainText(/invite/i);
  for (const p of [owner, newcomer, other]) await p.context().close();
});
