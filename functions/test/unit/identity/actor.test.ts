import { currentShop, primaryRole, requireShop, type Actor } from "../../../src/identity/actor";

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
  test("an owner of several shops acts on the first one (by id) until choosing a current shop", () => {
    expect(requireShop(actor({ b: "owner", a: "owner" }), undefined)).toEqual({ shopId: "a", role: "owner" });
    expect(requireShop({ ...actor({ a: "owner", b: "staff" }), currentShopId: "b" }, undefined)).toEqual({ shopId: "b", role: "staff" });
  });
  test("a named shop wins over the current shop", () => {
    expect(requireShop({ ...actor({ a: "owner", b: "owner" }), currentShopId: "b" }, "a")).toEqual({ shopId: "a", role: "owner" });
  });
  test("a current shop the caller has left falls back to their first shop", () => {
    expect(currentShop({ ...actor({ c: "staff" }), currentShopId: "gone" })).toBe("c");
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
