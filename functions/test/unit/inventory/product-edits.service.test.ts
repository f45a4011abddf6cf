import { decideEdit } from "../../../src/inventory/product-edits.service";
import type { ProductEditDoc } from "../../../src/inventory/product-edits.schema";
import { newStoredProduct, type ProductDoc } from "../../../src/inventory/products.schema";

const AT = new Date("2026-11-22T10:00:00Z");
const product: ProductDoc = {
  ...newStoredProduct({ sku: "dal-1", name: "Toor Dal", category: "Pulses", quantity: 4, unit_price_paise: 14000, unit: "1 kg" }, "owner", AT),
  version: 5,
};
const edit = (e: Partial<ProductEditDoc>): ProductEditDoc => ({ product_id: "DAL-1", kind: "fields", status: "pending", created_by: "staff", created_at: AT, ...e });

describe("decideEdit", () => {
  test("field changes on the current version apply with one version bump and a movement for the quantity", () => {
    const d = decideEdit("e1", edit({ base_version: 5, changes: { name: "Arhar Dal", quantity: 6 } }), product, "staff", AT);
    expect(d.outcome).toMatchObject({ status: "applied", applied_version: 6 });
    expect(d.product).toMatchObject({ name: "Arhar Dal", quantity: 6, version: 6, updated_by: "staff" });
    expect(d.movement).toMatchObject({ delta: 2, quantity_after: 6, reason: "edit", source: "edit", ref: "e1" });
  });

  test("field changes on an older version become a conflict keeping base, theirs and mine", () => {
    const d = decideEdit("e1", edit({ base_version: 4, base: { name: "Dal" }, changes: { name: "Arhar Dal" } }), product, "staff", AT);
    expect(d.product).toBeUndefined();
    expect(d.outcome).toMatchObject({
      status: "conflict",
      conflict: { base: { name: "Dal" }, theirs: { name: "Toor Dal" }, mine: { name: "Arhar Dal" }, base_version: 4, current_version: 5 },
    });
  });

  test("a rename made after the same person's stock adjustment applies on the current version (no field clashed)", () => {
    // Base saw version 4 with quantity 6; an adjustment since moved quantity to 4 (version 5). The name did not move.
    const d = decideEdit("e2", edit({ base_version: 4, base: { name: "Toor Dal" }, changes: { name: "Arhar Dal" } }), product, "staff", AT);
    expect(d.outcome).toMatchObject({ status: "applied", applied_version: 6 });
    expect(d.product).toMatchObject({ name: "Arhar Dal", quantity: 4, version: 6 });
  });

  test("conflicts are decided per field: only a field changed since its base by another write clashes", () => {
    const clash = decideEdit("e3", edit({ base_version: 4, base: { name: "Toor Dal", quantity: 9 }, changes: { name: "Arhar Dal", quantity: 10 } }), product, "staff", AT);
    expect(clash.outcome).toMatchObject({
      status: "conflict",
      conflict: { base: { name: "Toor Dal", quantity: 9 }, theirs: { name: "Toor Dal", quantity: 4 }, mine: { name: "Arhar Dal", quantity: 10 }, base_version: 4, current_version: 5 },
    });
    // Someone else already made the same change: nothing clashes.
    const same = decideEdit("e4", edit({ base_version: 4, base: { name: "Dal" }, changes: { name: "Toor Dal" } }), product, "staff", AT);
    expect(same.outcome).toMatchObject({ status: "applied" });
    // A field with no base value on an older version: we cannot tell, so it clashes (as before).
    const unknown = decideEdit("e5", edit({ base_version: 4, changes: { name: "Arhar Dal" } }), product, "staff", AT);
    expect(unknown.outcome.status).toBe("conflict");
  });

  test("adjustments apply on any version, and never below zero", () => {
    const ok = decideEdit("a1", edit({ kind: "adjustment", delta: -4, reason: "sale" }), product, "staff", AT);
    expect(ok.outcome).toMatchObject({ status: "applied", applied_version: 6 });
    expect(ok.movement).toMatchObject({ delta: -4, quantity_after: 0, reason: "sale" });
    const tooMuch = decideEdit("a2", edit({ kind: "adjustment", delta: -5, reason: "sale" }), product, "staff", AT);
    expect(tooMuch.outcome).toMatchObject({ status: "rejected", rejection: expect.stringContaining("Not enough stock") });
    expect(tooMuch.product).toBeUndefined();
  });

  test("staff price changes, missing products and former members are rejected", () => {
    expect(decideEdit("e", edit({ base_version: 5, changes: { unit_price_paise: 1 } }), product, "staff", AT).outcome.status).toBe("rejected");
    expect(decideEdit("e", edit({ base_version: 5, changes: { unit_price_paise: 1 } }), product, "owner", AT).audit).toMatchObject({ action: "product.price-changed" });
    expect(decideEdit("e", edit({ base_version: 5, changes: { name: "x" } }), null, "staff", AT).outcome.status).toBe("rejected");
    expect(decideEdit("e", edit({ base_version: 5, changes: { name: "x" } }), product, null, AT).outcome.status).toBe("rejected");
  });
});
