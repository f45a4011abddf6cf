import { primaryRole, requireShop, type Actor } from "../../../src/identity/actor";
import { AppError } from "../../../src/platform/errors";

const actor = (shops: Actor["shops"]): Actor => ({ uid: "u", email: "u@x.in", displayName: null, role: primaryRole(shops), shops });

describe("primaryRole", () => {
  test("owner anywhere wins over staff elsewhere", () => {
    expect(primaryRole({ a: "staff", b: "owner" })).toBe("owner");
  });
  test("staff when only staff", () => {
    expect(primaryRole({ a: "staff" })).toBe("staff");
  });
  test("no membership means customer", () => {
    expect(primaryRole({})).toBe("customer");
  });
});

describe("requireShop", () => {
  test("uses the caller's only shop when none is named", () => {
    expect(requireShop(actor({ a: "staff" }), undefined)).toEqual({ shopId: "a", role: "staff" });
  });
  test("asks which shop when the caller has several", () => {
    let err: unknown;
    try {
      requireShop(actor({ a: "owner", b: "owner" }), undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe("INVALID_DATA");
    expect((err as AppError).message).toContain("X-Shop-Id");
  });
  test("refuses a shop the caller is not a member of", () => {
    expect(() => requireShop(actor({ a: "owner" }), "b")).toThrow(/not a member of shop b/);
  });
  test("refuses a role that is not allowed", () => {
    expect(() => requireShop(actor({ a: "staff" }), "a", ["owner"])).toThrow(/needs the owner role/);
  });
  test("a customer with no shop is forbidden", () => {
    expect(() => requireShop(actor({}), undefined)).toThrow(/not a member of any shop/);
  });
});
