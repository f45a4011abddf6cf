import { gstinCheckCharacter, gstinProblem } from "../../../src/purchasing/gstin";
import { CreateSupplierBody, normaliseIndianMobile } from "../../../src/purchasing/suppliers.schema";

describe("GSTIN validation", () => {
  test.each([
    ["27AAPFU0939F1ZV", null],
    ["29AAGCB7383J1Z4", null],
    ["27AAPFU0939F1ZW", "check character"],
    ["29AAGCB7383J1Z5", "check character"],
    ["00AAPFU0939F1ZV", "state code 00"],
    ["39AAPFU0939F1Z?", "must be a state code"],
    ["27AAPFU0939F1Z", "15 characters"],
    ["27AAPF00939F1ZV", "must be a state code"],
    ["27AAPFU0939F0ZV", "must be a state code"],
    ["2AAAPFU0939F1ZV", "must be a state code"],
  ])("%s → %s", (gstin, problem) => {
    const found = gstinProblem(gstin);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  test("every state code 01–38 is accepted with its computed check character; 39 is not a state", () => {
    for (let state = 1; state <= 39; state++) {
      const first14 = `${String(state).padStart(2, "0")}AAPFU0939F1Z`;
      const gstin = first14 + gstinCheckCharacter(first14);
      expect(gstinProblem(gstin) === null).toBe(state <= 38);
    }
  });

  test("a single changed character is always caught by the check character", () => {
    const good = "27AAPFU0939F1ZV";
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (let i = 2; i < 14; i++) {
      for (const c of alphabet) {
        if (c === good[i]) continue;
        const typo = good.slice(0, i) + c + good.slice(i + 1);
        // Some typos break the shape first; none passes.
        expect(gstinProblem(typo)).not.toBeNull();
      }
    }
  });

  test("the API contract upper-cases a GSTIN and refuses a bad one with a readable issue", () => {
    const base = { name: "Sri Lakshmi Agencies", phone: "98450 12345", lead_time_days: 2 };
    expect(CreateSupplierBody.parse({ ...base, gstin: "27aapfu0939f1zv" }).gstin).toBe("27AAPFU0939F1ZV");
    const bad = CreateSupplierBody.safeParse({ ...base, gstin: "27AAPFU0939F1ZW" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toContain("check character");
  });
});

describe("Indian mobile numbers", () => {
  test.each([
    ["9845012345", "+919845012345"],
    ["+91 98450 12345", "+919845012345"],
    ["098450-12345", "+919845012345"],
    ["0091 9845012345", "+919845012345"],
    ["5845012345", null],
    ["984501234", null],
    ["+1 415 555 0100", null],
    ["98450123456", null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseIndianMobile(input)).toBe(expected);
  });
});
