import { readFileSync } from "node:fs";
import { join } from "node:path";
import { QUERY_SHAPES, describeProductQuery, type QueryShape } from "../../../src/inventory/products.repository";
import { ORDER_QUERY_SHAPES } from "../../../src/orders/orders.repository";

interface IndexField {
  fieldPath: string;
  order?: "ASCENDING" | "DESCENDING";
  arrayConfig?: "CONTAINS";
}
interface CompositeIndex {
  collectionGroup: string;
  queryScope: string;
  fields: IndexField[];
}

const INDEXES: CompositeIndex[] = JSON.parse(readFileSync(join(__dirname, "../../../../firestore.indexes.json"), "utf8")).indexes;

/** A query needs a composite index unless it filters or orders on a single field only. */
function needsComposite(shape: QueryShape): boolean {
  const fields = new Set([...shape.filters.map((f) => f.field), ...shape.orderBy.map((o) => o.field)]);
  const onlyEqualities = shape.orderBy.length === 0 && shape.filters.every((f) => f.op === "==");
  return fields.size > 1 && !onlyEqualities;
}

/** Firestore's rule: filter fields first (any order), then the order-by fields in order and direction. */
function serves(index: CompositeIndex, shape: QueryShape): boolean {
  if (index.collectionGroup !== shape.collectionGroup || index.queryScope !== "COLLECTION") return false;
  if (index.fields.length !== shape.filters.length + shape.orderBy.length) return false;
  const head = index.fields.slice(0, shape.filters.length);
  const filtersServed = shape.filters.every((f) =>
    head.some((field) => field.fieldPath === f.field && (f.op === "array-contains" ? field.arrayConfig === "CONTAINS" : field.order !== undefined)),
  );
  const tail = index.fields.slice(shape.filters.length);
  const orderServed = shape.orderBy.every((o, i) => tail[i].fieldPath === o.field && tail[i].order === (o.direction === "asc" ? "ASCENDING" : "DESCENDING"));
  return filtersServed && orderServed;
}

describe("composite indexes", () => {
  test("every query shape the inventory code can run has a matching composite index in firestore.indexes.json", () => {
    const missing = QUERY_SHAPES.filter(needsComposite).filter((shape) => !INDEXES.some((index) => serves(index, shape)));
    expect(missing).toEqual([]);
  });

  test("every order list the API or a web client runs (customer's orders, a shop's orders by status, type and day) has its index", () => {
    const missing = ORDER_QUERY_SHAPES.filter(needsComposite).filter((shape) => !INDEXES.some((index) => serves(index, shape)));
    expect(ORDER_QUERY_SHAPES.length).toBe(9);
    expect(missing).toEqual([]);
  });

  test("the list of query shapes covers the filters the list endpoint combines", () => {
    const shape = describeProductQuery({ sort: "price", order: "desc", categoryCount: 3, search: true });
    expect(QUERY_SHAPES).toContainEqual(shape);
    expect(needsComposite(shape)).toBe(true);
  });

  test("the check notices a missing index", () => {
    const unindexed: QueryShape = { collectionGroup: "products", filters: [{ field: "barcode", op: "==" }], orderBy: [{ field: "name", direction: "asc" }] };
    expect(INDEXES.some((index) => serves(index, unindexed))).toBe(false);
  });
});
