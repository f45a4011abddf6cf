import { applyProductChanges, assertPriceChangeAllowed, assertVersion, changesFromUpdateBody, decodeCursor, encodeCursor, expectedVersion, versionFromIfMatch } from "../../../src/inventory/products.service";
import { newStoredProduct, type ProductDoc } from "../../../src/inventory/products.schema";
import { AppError } from "../../../src/platform/errors";

const AT = new Date("2026-11-22T10:00:00Z");
const product: ProductDoc = {
  ...newStoredProduct({ sku: "atta-5", name: "Atta 5kg", category: "Flour", quantity: 10, unit_price_paise: 25000 }, "u0", AT),
  version: 3,
};

function errorKind(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.kind : "other";
  }
  return undefined;
}

describe("applyProductChanges", () => {
  test("bumps the version once, recomputes search tokens and names the changed fields", () => {
    const later = new Date("2026-11-22T11:00:00Z");
    const { changed, next } = applyProductChanges(product, { name: "Chakki Atta", quantity: 10, category: "Staples" }, { actorId: "u1", at: later });
    expect(changed).toEqual(["name", "category"]);
    expect(next).toMatchObject({ name: "Chakki Atta", version: 4, updated_by: "u1", updated_at: later });
    expect(next.search_tokens).toContain("chakki".slice(0, 3));
    expect(product.version).toBe(3);
  });

  test("a change that changes nothing returns the stored product untouched", () => {
    const { changed, next } = applyProductChanges(product, { name: "Atta 5kg", unit_price_paise: 25000 }, { actorId: "u1", at: new Date() });
    expect(changed).toEqual([]);
    expect(next).toBe(product);
  });
});

describe("the rules of an update", () => {
  test("a stale version is a conflict carrying the current product", () => {
    expect(errorKind(() => assertVersion("ATTA-5", product, 3))).toBeUndefined();
    try {
      assertVersion("ATTA-5", product, 2);
      throw new Error("no conflict");
    } catch (err) {
      expect((err as AppError).kind).toBe("CONFLICT");
      expect((err as AppError).details?.current).toMatchObject({ id: "ATTA-5", version: 3, unit_price: 250 });
    }
  });

  test("staff trip the price wire only when the price differs", () => {
    expect(errorKind(() => assertPriceChangeAllowed("staff", product, { unit_price_paise: 25000 }))).toBeUndefined();
    expect(errorKind(() => assertPriceChangeAllowed("staff", product, { unit_price_paise: 26000 }))).toBe("FORBIDDEN");
    expect(errorKind(() => assertPriceChangeAllowed("owner", product, { unit_price_paise: 26000 }))).toBeUndefined();
  });

  test("rupees become paise and the SKU may be echoed but not changed", () => {
    expect(changesFromUpdateBody("ATTA-5", product, { unit_price: 12.5, mrp: null, sku: "ATTA-5" })).toEqual({ unit_price_paise: 1250, mrp_paise: null });
    expect(errorKind(() => changesFromUpdateBody("ATTA-5", product, { sku: "rice" }))).toBe("INVALID_DATA");
  });

  test("If-Match accepts the ETags the API gives out and must agree with the body", () => {
    expect(versionFromIfMatch('"4"')).toBe(4);
    expect(versionFromIfMatch('W/"4"')).toBe(4);
    expect(versionFromIfMatch("*")).toBeUndefined();
    expect(errorKind(() => versionFromIfMatch("abc"))).toBe("INVALID_DATA");
    expect(errorKind(() => expectedVersion(3, '"4"'))).toBe("INVALID_DATA");
    expect(expectedVersion(undefined, '"4"')).toBe(4);
  });

  test("a cursor only works for the sort it came from", () => {
    const cursor = encodeCursor({ sort: "price", order: "desc" }, { value: 1200, id: "X" });
    expect(decodeCursor({ sort: "price", order: "desc" }, cursor)).toEqual({ value: 1200, id: "X" });
    expect(errorKind(() => decodeCursor({ sort: "name", order: "desc" }, cursor))).toBe("INVALID_DATA");
  });
});
