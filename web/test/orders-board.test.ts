import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedActions, buildColumns, detectNewOrders, dueAt, formatAge, istDay, mergeOrders, titleWithBadge, TRANSITIONS, type BoardOrder, type OrderStatus } from "../src/features/orders-board/board";
import { averagePrepMinutes, readOrderKpiDay, sumOrderKpis } from "../src/features/orders-board/orderKpis";

function order(id: string, over: Partial<BoardOrder> = {}): BoardOrder {
  return {
    id,
    shop_id: "s1",
    customer_name: "Priya",
    order_type: "instant",
    scheduled_pickup_time: null,
    items: [],
    item_count: 0,
    total_paise: 0,
    order_notes: null,
    has_chitty: false,
    awaiting_chitty: false,
    status: "pending",
    estimated_preparation_minutes: null,
    cancel_reason: null,
    ist_date: "2026-11-22",
    version: 1,
    created_at: new Date("2026-11-22T05:00:00Z"),
    updated_at: new Date("2026-11-22T05:00:00Z"),
    ...over,
  };
}

const targets = (status: OrderStatus, role: Parameters<typeof allowedActions>[1]) => allowedActions(status, role).map((a) => a.to);

describe("allowed transitions per role", () => {
  it("owner and staff move an order forward and cancel only while pending or confirmed", () => {
    for (const role of ["owner", "staff"] as const) {
      expect(targets("pending", role)).toEqual(["confirmed", "cancelled"]);
      expect(targets("confirmed", role)).toEqual(["preparing", "ready", "cancelled"]);
      expect(targets("preparing", role)).toEqual(["ready"]);
      expect(targets("ready", role)).toEqual(["picked_up", "delivered"]);
      expect(targets("picked_up", role)).toEqual([]);
      expect(targets("cancelled", role)).toEqual([]);
    }
  });
  it("a customer may only cancel a pending order, without being asked for a reason", () => {
    expect(allowedActions("pending", "customer")).toEqual([{ to: "cancelled", label: "Cancel order", asks: null }]);
    for (const s of ["confirmed", "preparing", "ready"] as const) expect(targets(s, "customer")).toEqual([]);
  });
  it("nobody signed in gets no buttons", () => {
    expect(allowedActions("pending", null)).toEqual([]);
  });
  it("confirming asks for preparation minutes and the shop's cancel asks for a reason", () => {
    const pending = allowedActions("pending", "staff");
    expect(pending.find((a) => a.to === "confirmed")?.asks).toBe("minutes");
    expect(pending.find((a) => a.to === "cancelled")?.asks).toBe("reason");
    expect(allowedActions("confirmed", "owner").find((a) => a.to === "preparing")?.asks).toBeNull();
  });
  it("the transitions are the backend's own (read from functions/src/orders/orders.service.ts)", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "../../functions/src/orders/orders.service.ts"), "utf8");
    const block = /export const TRANSITIONS[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? "";
    const backend = Object.fromEntries([...block.matchAll(/(\w+):\s*\[([^\]]*)\]/g)].map(([, from, tos]) => [from, [...tos.matchAll(/"(\w+)"/g)].map((m) => m[1])]));
    expect(Object.keys(backend).length).toBe(7);
    expect(backend).toEqual(TRANSITIONS);
  });
  it("never offers a transition the backend does not allow", () => {
    for (const [from, tos] of Object.entries(TRANSITIONS) as Array<[OrderStatus, OrderStatus[]]>)
      for (const role of ["owner", "staff", "customer"] as const) for (const t of targets(from, role)) expect(tos).toContain(t);
  });
});

describe("board columns", () => {
  const today = "2026-11-22";
  it("puts each working status in its column and only today's finished orders in done", () => {
    const cols = buildColumns(
      [
        order("a"),
        order("b", { status: "confirmed" }),
        order("c", { status: "preparing" }),
        order("d", { status: "ready" }),
        order("e", { status: "picked_up" }),
        order("f", { status: "cancelled", ist_date: "2026-11-20", updated_at: new Date("2026-11-20T10:00:00Z") }),
        order("g", { status: "cancelled", ist_date: "2026-11-21", updated_at: new Date("2026-11-22T01:00:00Z") }),
      ],
      today,
    );
    expect(cols.pending.map((o) => o.id)).toEqual(["a"]);
    expect(cols.confirmed.map((o) => o.id)).toEqual(["b"]);
    expect(cols.preparing.map((o) => o.id)).toEqual(["c"]);
    expect(cols.ready.map((o) => o.id)).toEqual(["d"]);
    expect(cols.done.map((o) => o.id).sort()).toEqual(["e", "g"]);
  });
  it("sorts instant orders oldest first and pre-orders by pickup time, together by when they are due", () => {
    const cols = buildColumns(
      [
        order("new-instant", { created_at: new Date("2026-11-22T05:30:00Z") }),
        order("old-instant", { created_at: new Date("2026-11-22T05:00:00Z") }),
        order("pre-tomorrow", { order_type: "pre_order", scheduled_pickup_time: new Date("2026-11-23T05:30:00Z"), created_at: new Date("2026-11-22T04:00:00Z") }),
        order("pre-soon", { order_type: "pre_order", scheduled_pickup_time: new Date("2026-11-22T05:10:00Z"), created_at: new Date("2026-11-21T12:00:00Z") }),
      ],
      today,
    );
    expect(cols.pending.map((o) => o.id)).toEqual(["old-instant", "pre-soon", "new-instant", "pre-tomorrow"]);
  });
  it("keeps ties in a stable order by id", () => {
    const at = new Date("2026-11-22T05:00:00Z");
    expect(buildColumns([order("z", { created_at: at }), order("m", { created_at: at })], today).pending.map((o) => o.id)).toEqual(["m", "z"]);
  });
  it("a pre-order without a pickup time falls back to its age", () => {
    expect(dueAt(order("x", { order_type: "pre_order" }))).toBe(new Date("2026-11-22T05:00:00Z").getTime());
  });
});

describe("merging listeners and spotting new orders", () => {
  it("keeps the copy with the higher version", () => {
    const merged = mergeOrders([order("a", { version: 2, status: "confirmed" })], [order("a", { version: 1 }), order("b")]);
    expect(merged.get("a")?.status).toBe("confirmed");
    expect([...merged.keys()].sort()).toEqual(["a", "b"]);
  });
  it("rings for nothing on the baseline, then only for unseen pending orders", () => {
    const seen = new Set<string>();
    expect(detectNewOrders(seen, [order("a")], true)).toEqual([]);
    expect(detectNewOrders(seen, [order("a"), order("b"), order("c", { status: "confirmed" })], false)).toEqual(["b"]);
    expect(detectNewOrders(seen, [order("a"), order("b")], false)).toEqual([]);
  });
  it("puts the count of new orders in the title", () => {
    expect(titleWithBadge("Orders", 0)).toBe("Orders");
    expect(titleWithBadge("Orders", 3)).toBe("(3) Orders");
  });
});

describe("IST days and ages", () => {
  it("an instant after 18:30 UTC is the next IST day", () => {
    expect(istDay(new Date("2026-11-22T18:29:59Z"))).toBe("2026-11-22");
    expect(istDay(new Date("2026-11-22T18:30:00Z"))).toBe("2026-11-23");
  });
  it("reads ages in minutes and hours", () => {
    const now = new Date("2026-11-22T06:00:00Z");
    expect(formatAge(new Date("2026-11-22T05:59:40Z"), now)).toBe("just now");
    expect(formatAge(new Date("2026-11-22T05:57:00Z"), now)).toBe("3 min ago");
    expect(formatAge(new Date("2026-11-22T04:55:00Z"), now)).toBe("1 h 5 min ago");
  });
});

describe("order KPIs", () => {
  it("reads a day defensively and sums a chain", () => {
    const a = readOrderKpiDay({ orders: 2, revenue_paise: 15050, by_status: { pending: 1, ready: 1 }, prep_seconds_total: 600, prep_count: 1 });
    const b = readOrderKpiDay({ orders: "x", revenue_paise: 1.5, by_status: { pending: 2, __proto__: 5 } });
    const sum = sumOrderKpis([a, b]);
    expect(sum.orders).toBe(2);
    expect(sum.revenue_paise).toBe(15050);
    expect(sum.by_status.pending).toBe(3);
    expect(averagePrepMinutes(sum)).toBe(10);
    expect(averagePrepMinutes(readOrderKpiDay(undefined))).toBeNull();
  });
});
