import { rollupTaskId } from "../../../src/kpis/kpis.rollup";

describe("roll-up task ids", () => {
  test("name the shop and the due time, so every writer of one burst names the same task", () => {
    const due = new Date("2026-11-22T10:15:01.250Z");
    expect(rollupTaskId("shopA", due)).toBe(`kpi-rollup-shopA-${due.getTime()}`);
    expect(rollupTaskId("shopA", new Date(due.getTime()))).toBe(rollupTaskId("shopA", due));
    expect(rollupTaskId("shopA", new Date(due.getTime() + 1000))).not.toBe(rollupTaskId("shopA", due));
  });

  test("hash a shop id Cloud Tasks would not accept into allowed characters", () => {
    const id = rollupTaskId("shop with spaces/and.dots", new Date(0));
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).toBe(rollupTaskId("shop with spaces/and.dots", new Date(0)));
    expect(id).not.toBe(rollupTaskId("shop with spaces/and.dot", new Date(0)));
  });
});
