import { FieldValue } from "firebase-admin/firestore";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { productDoc, productRef, putProduct } from "../../helpers/products";
import { kpiDocuments, recompute, summary, waitUntilExact } from "../../helpers/kpis";
import { handleProductWritten } from "../../../src/kpis/kpis.handlers";
import { db } from "../../../src/platform/firebase";

// Trigger side effects share the emulator's event queue with other suites.
jest.setTimeout(150_000);

beforeAll(() => {
  // The code under test and the test share the default app; let the code configure it first.
  db();
});

describe("KPI trigger", () => {
  test("a created product shows up in the shop's summary with the MSME figures", async () => {
    const shopId = uniqueId("kpi");
    await putProduct(shopId, { sku: "ATTA-5KG", quantity: 3, unit_price_paise: 4550, low_stock_threshold: 5 });
    await putProduct(shopId, { sku: "DAL-1KG", category: "Pulses", quantity: 0 });
    const got = await waitUntilExact(shopId);
    expect(got).toMatchObject({ products: 2, units: 3, value_paise: 13650, low_stock: 1, out_of_stock: 1 });
    expect(Object.keys(got.by_category).sort()).toEqual(["Pulses", "Staples"]);
  });

  test("a category change moves the product's counts to the new category", async () => {
    const shopId = uniqueId("kpi-cat");
    await putProduct(shopId, { sku: "MILK-1L", category: "Dairy", quantity: 4 });
    await waitUntilExact(shopId);
    await productRef(shopId, "MILK-1L").update({ category: "Beverages", version: 2 });
    const got = await waitFor(async () => {
      const s = await summary(shopId);
      return s.by_category.Beverages?.products === 1 ? s : undefined;
    }, "Beverages to count the product", 120_000);
    expect(got.by_category).toEqual({ Beverages: { products: 1, units: 4, value_paise: 4 * 4550, low_stock: 1, out_of_stock: 0 } });
    expect(got.products).toBe(1);
  });

  test("a delete removes the product from every KPI", async () => {
    const shopId = uniqueId("kpi-del");
    await putProduct(shopId, { sku: "A" });
    await putProduct(shopId, { sku: "B", quantity: 1 });
    await waitUntilExact(shopId);
    await productRef(shopId, "B").delete();
    await waitFor(async () => ((await summary(shopId)).products === 1 ? true : undefined), "the delete to be counted", 120_000);
    expect(await summary(shopId)).toEqual(await recompute(shopId));
    expect((await adminDb().doc(`shops/${shopId}/kpi_products/B`).get()).exists).toBe(false);
  });

  test("delivering the same event twice changes nothing the second time", async () => {
    const shopId = uniqueId("kpi-dup");
    const doc = await putProduct(shopId, { sku: "DUP-1", quantity: 3 });
    await waitUntilExact(shopId);
    const before = await kpiDocuments(shopId);
    const input = { eventId: "evt-dup-1", shopId, productId: "DUP-1", before: null, after: doc as unknown as Record<string, unknown> };
    const first = await handleProductWritten(input);
    const second = await handleProductWritten(input);
    expect(first.changed).toBe(false); // the real trigger already delivered it once
    expect(second.changed).toBe(false);
    expect(await kpiDocuments(shopId)).toEqual(before);
    expect(await summary(shopId)).toMatchObject({ products: 1, units: 3 });
  });

  test("a late, out-of-order event recomputes from the current product and adds nothing", async () => {
    const shopId = uniqueId("kpi-ooo");
    const v1 = await putProduct(shopId, { sku: "OOO", quantity: 9 });
    await productRef(shopId, "OOO").update({ quantity: 2, version: 2 });
    await productRef(shopId, "OOO").update({ quantity: 7, version: 3 });
    const exact = await waitFor(async () => {
      const s = await summary(shopId);
      return s.units === 7 ? s : undefined;
    }, "the last write to be applied", 120_000);
    const docsBefore = await kpiDocuments(shopId);
    // The v1 → v2 event arrives again, late: it must not bring quantity 2 back.
    const stale = await handleProductWritten({
      eventId: "evt-late",
      shopId,
      productId: "OOO",
      before: v1 as unknown as Record<string, unknown>,
      after: { ...v1, quantity: 2, version: 2 } as unknown as Record<string, unknown>,
    });
    expect(stale.changed).toBe(false);
    expect(await summary(shopId)).toEqual(exact);
    expect(await kpiDocuments(shopId)).toEqual(docsBefore);
  });

  test(
    "after 1,000 random concurrent creates, updates, deletes and stock changes across two shops, each KPI document equals a recomputation exactly",
    async () => {
      const shops = [uniqueId("kpi-load-a"), uniqueId("kpi-load-b")];
      const skus = Array.from({ length: 80 }, (_, i) => `LOAD-${i}`);
      const categories = ["Staples", "Dairy", "Snacks", "Pulses", "Spices/Masala", "Bath.Soap"];
      let seed = 20261122;
      const rand = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed % n;
      };
      type Op = { shopId: string; sku: string; kind: "put" | "adjust" | "category" | "price" | "delete" };
      const kinds: Op["kind"][] = ["put", "put", "adjust", "adjust", "adjust", "category", "price", "delete"];
      const ops: Op[] = Array.from({ length: 1000 }, () => ({ shopId: shops[rand(2)], sku: skus[rand(skus.length)], kind: kinds[rand(kinds.length)] }));
      const randomFields = () => ({
        category: categories[rand(categories.length)],
        quantity: rand(15),
        unit_price_paise: 100 + rand(100000),
        low_stock_threshold: rand(8),
      });

      const run = async (op: Op) => {
        const ref = productRef(op.shopId, op.sku);
        if (op.kind === "delete") return void (await ref.delete());
        if (op.kind === "put") return void (await ref.set(productDoc({ sku: op.sku, ...randomFields() })));
        // Plain writes, as the API, offline edits and imports make them (a missing product is created).
        const change = randomFields();
        const update =
          op.kind === "adjust" ? { quantity: change.quantity } : op.kind === "category" ? { category: change.category } : { unit_price_paise: change.unit_price_paise };
        try {
          await ref.update({ ...update, version: FieldValue.increment(1), updated_at: new Date() });
        } catch (err) {
          if ((err as { code?: number }).code !== 5) throw err; // NOT_FOUND
          await ref.set(productDoc({ sku: op.sku, ...change }));
        }
      };

      let next = 0;
      await Promise.all(
        Array.from({ length: 40 }, async () => {
          while (next < ops.length) await run(ops[next++]);
        }),
      );

      for (const shopId of shops) {
        const got = await waitUntilExact(shopId, 240_000);
        expect(got).toEqual(await recompute(shopId));
        expect(got.products).toBeGreaterThan(0);
      }
    },
    420_000,
  );
});
