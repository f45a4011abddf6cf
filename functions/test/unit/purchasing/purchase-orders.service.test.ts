import { bookReceipt, transition } from "../../../src/purchasing/purchase-orders.service";
import { dueBy, supplierPerformance } from "../../../src/purchasing/suppliers.performance";
import { PO_TRANSITIONS, type PoStatus, type PurchaseOrderDoc } from "../../../src/purchasing/purchase-orders.schema";
import { newStoredProduct, type ProductDoc } from "../../../src/inventory/products.schema";
import { AppError } from "../../../src/platform/errors";

const at = new Date("2026-11-20T06:00:00Z");
const po = (over: Partial<PurchaseOrderDoc> = {}): PurchaseOrderDoc => ({
  shop_id: "s",
  owner_uid: "o",
  supplier_id: "sup",
  supplier_name: "Sup",
  supplier_phone: "+919845012345",
  supplier_min_order_paise: 0,
  status: "sent",
  lines: [{ line_id: "L1", product_id: "SALT", sku: "SALT", name: "Salt", ordered_qty: 10, received_qty: 0, unit_cost_paise: 2000, pack_size: 1, added_on_receipt: false }],
  total_paise: 20000,
  notes: null,
  source: "manual",
  receipts: [],
  history: [],
  created_by: "o",
  created_at: at,
  updated_at: at,
  sent_at: at,
  received_at: null,
  version: 2,
  ...over,
});
const salt = (quantity: number): ProductDoc => newStoredProduct({ sku: "SALT", name: "Salt", category: "x", quantity, unit_price_paise: 2500 }, "o", at);
const ctx = { actorId: "o", at, source: "api" as const, ref: null };
const body = (quantity: number, extra: Record<string, unknown> = {}) => ({ lines: [{ line_id: "L1", quantity }], allow_over_receipt: false, update_buying_price: false, ...extra });

describe("the purchase order status machine", () => {
  const all: PoStatus[] = ["draft", "sent", "partly_received", "received", "closed", "cancelled"];
  for (const from of all) {
    for (const to of ["sent", "cancelled", "closed"] as const) {
      const allowed = PO_TRANSITIONS[from].includes(to);
      test(`${from} → ${to} is ${allowed ? "allowed" : "a 409"}`, () => {
        const run = () => transition("p", po({ status: from }), to, { actorId: "o", at });
        if (allowed) expect(run()).toMatchObject({ status: to, version: 3 });
        else expect(run).toThrow(expect.objectContaining({ kind: "CONFLICT" }) as unknown as AppError);
      });
    }
  }
  test("an order with goods received cannot be cancelled (close it instead)", () => {
    const received = po({ status: "sent", receipts: [{ receipt_id: "r", at, by: "o", lines: [], updated_buying_price: false }] });
    expect(() => transition("p", received, "cancelled", { actorId: "o", at })).toThrow("close it instead");
  });
});

describe("booking a receipt", () => {
  test("books the quantity as a receipt movement tied to the line and moves the order to partly received, then received", () => {
    const first = bookReceipt({ poId: "p", po: po(), receiptId: "r1", body: body(4), products: new Map([["SALT", salt(1)]]), items: new Map(), ctx });
    expect(first.stock[0]).toMatchObject({ productId: "SALT", product: { quantity: 5 }, movement: { id: "receipt-p-r1-L1", doc: { delta: 4, reason: "receipt", ref: "po/p/line/L1", quantity_after: 5 } } });
    expect(first.po).toMatchObject({ status: "partly_received", version: 3 });
    const second = bookReceipt({ poId: "p", po: first.po, receiptId: "r2", body: body(6), products: new Map([["SALT", salt(5)]]), items: new Map(), ctx });
    expect(second.po).toMatchObject({ status: "received", received_at: at });
    const replay = bookReceipt({ poId: "p", po: second.po, receiptId: "r1", body: body(4), products: new Map([["SALT", salt(11)]]), items: new Map(), ctx });
    expect(replay).toMatchObject({ replayed: true, stock: [] });
  });
  test("over-receipt is refused unless allowed; a stock ceiling breach is refused", () => {
    expect(() => bookReceipt({ poId: "p", po: po(), receiptId: "r", body: body(11), products: new Map([["SALT", salt(0)]]), items: new Map(), ctx })).toThrow("allow_over_receipt");
    expect(bookReceipt({ poId: "p", po: po(), receiptId: "r", body: body(11, { allow_over_receipt: true }), products: new Map([["SALT", salt(0)]]), items: new Map(), ctx }).po.status).toBe("received");
    expect(() => bookReceipt({ poId: "p", po: po(), receiptId: "r", body: body(10, { allow_over_receipt: true }), products: new Map([["SALT", salt(999_995)]]), items: new Map(), ctx })).toThrow(AppError);
  });
});

describe("supplier figures", () => {
  test("due by the end of the IST day of sent_at + lead time", () => {
    // 20 Nov 11:30 IST + 2 days → 22 Nov 23:59:59.999 IST = 22 Nov 18:29:59.999 UTC.
    expect(dueBy(at, 2).toISOString()).toBe("2026-11-22T18:29:59.999Z");
  });
  test("drafts and cancelled orders do not count; an open partly received order counts as sent but not in the fill rate", () => {
    const f = supplierPerformance("sup", 2, [
      { id: "a", doc: po({ status: "draft", sent_at: null }) },
      { id: "b", doc: po({ status: "cancelled" }) },
      { id: "c", doc: po({ status: "partly_received", lines: [{ ...po().lines[0], received_qty: 3 }] }) },
    ]);
    expect(f).toMatchObject({ orders_sent: 1, orders_completed: 0, on_time_rate: null, fill_rate: null, price_changes: [] });
  });
});
