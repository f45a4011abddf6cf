import { randomBytes } from "node:crypto";
import { z, DocId, IsoTimestamp, isUsableDocId } from "../platform/schema";

/**
 * The stored product shape, shared by every domain that touches products (inventory API,
 * offline edits, CSV import, KPI triggers). Path: shops/{shopId}/products/{productId}, where
 * productId = productIdForSku(sku), so SKU uniqueness within a shop is enforced by the
 * document id itself (a create of an existing SKU fails atomically, in the API and the rules).
 */

/** SKUs: 1–64 characters, letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const Sku = z
  .string()
  .trim()
  .min(1, "sku is required")
  .max(64, "sku must be at most 64 characters")
  .regex(SKU_PATTERN, "sku may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit");

/** SKUs are unique case-insensitively: "atta-5kg" and "ATTA-5KG" are the same product. */
export function productIdForSku(sku: string): string {
  return sku.trim().toUpperCase();
}

/**
 * THE bounds of every number a product holds, enforced by every writer (API, security rules,
 * CSV import, offline edits, adjustments) so every derived sum stays an exact integer:
 * Σ quantity × unit_price over a shop's largest catalog (MAX_CATALOG_PRODUCTS products, each
 * worth at most MAX_STOCK_VALUE_PAISE) is ≤ 10^14 paise, and a chain of up to 90 such shops is
 * still below 2^53 ≈ 9.007 × 10^15. The same numbers are written out in firestore.rules.
 */
export const PRODUCT_BOUNDS = {
  /** Units of one product in stock (also the largest threshold and |adjustment|): ten lakh. */
  maxQuantity: 1_000_000,
  /** Unit price and MRP: ₹10,00,000. */
  maxPricePaise: 100_000_000,
  /** quantity × unit_price of one product: ₹1 crore. */
  maxStockValuePaise: 1_000_000_000,
  /** Products per shop the sums are sized for (the API and the import refuse more). */
  maxCatalogProducts: 100_000,
} as const;

/** Integer paise; the API speaks rupees with at most two decimals. */
export const Paise = z.number().int().min(0).max(PRODUCT_BOUNDS.maxPricePaise);

/** Rupees as the API accepts them: a number ≥ 0 with at most two decimals. */
export const Rupees = z
  .number()
  .min(0, "must be ≥ 0")
  .max(PRODUCT_BOUNDS.maxPricePaise / 100, `must be at most ₹${(PRODUCT_BOUNDS.maxPricePaise / 100).toLocaleString("en-IN")}`)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "must have at most 2 decimals (paise)");

/** ₹12.50 → 1250 paise (exact for inputs accepted by `Rupees`); -0 becomes 0. */
export function rupeesToPaise(rupees: number): number {
  return Math.round(rupees * 100) + 0;
}

/**
 * Why a product's numbers are out of bounds (quantity, prices, stock value), or null. Every
 * path that creates or changes a product asks this before writing.
 */
export function productBoundsProblem(p: { quantity: number; unit_price_paise: number; mrp_paise?: number | null; low_stock_threshold?: number }): string | null {
  const b = PRODUCT_BOUNDS;
  if (!Number.isSafeInteger(p.quantity) || p.quantity < 0 || p.quantity > b.maxQuantity) return `quantity must be a whole number from 0 to ${b.maxQuantity.toLocaleString("en-IN")}`;
  if (!Number.isSafeInteger(p.unit_price_paise) || p.unit_price_paise < 0 || p.unit_price_paise > b.maxPricePaise) return `unit_price must be from ₹0 to ₹${(b.maxPricePaise / 100).toLocaleString("en-IN")}`;
  if (p.mrp_paise !== undefined && p.mrp_paise !== null && (!Number.isSafeInteger(p.mrp_paise) || p.mrp_paise < 0 || p.mrp_paise > b.maxPricePaise)) return `mrp must be from ₹0 to ₹${(b.maxPricePaise / 100).toLocaleString("en-IN")}`;
  if (p.low_stock_threshold !== undefined && (!Number.isSafeInteger(p.low_stock_threshold) || p.low_stock_threshold < 0 || p.low_stock_threshold > b.maxQuantity)) return `low_stock_threshold must be from 0 to ${b.maxQuantity.toLocaleString("en-IN")}`;
  if (p.quantity * p.unit_price_paise > b.maxStockValuePaise) {
    return `stock value (quantity × unit_price) must be at most ₹${(b.maxStockValuePaise / 100).toLocaleString("en-IN")} for one product; got ${p.quantity.toLocaleString("en-IN")} × ₹${(p.unit_price_paise / 100).toFixed(2)}`;
  }
  return null;
}

/** 1250 paise → 12.5 rupees. */
export function paiseToRupees(paise: number): number {
  return paise / 100;
}

/** Why a quantity changed; every change leaves a stock movement with one of these. */
// "order": a customer's order took the stock; "order_cancelled": a cancelled order gave it back.
export const StockReason = z.enum(["sale", "receipt", "count", "damage", "return", "create", "edit", "import", "delete", "order", "order_cancelled"]);
export type StockReason = z.infer<typeof StockReason>;

/** Lower-cased prefixes of every word of a name (and of the SKU), for "starts with" search. */
export function searchTokens(name: string, sku: string): string[] {
  const tokens = new Set<string>();
  const words = `${name} ${sku}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const word of words) {
    for (let i = 1; i <= Math.min(word.length, 20); i++) tokens.add(word.slice(0, i));
  }
  return [...tokens].sort();
}

/** A product incarnation: 1–32 letters and digits (random per create; legacy products read as "0"). */
export const Incarnation = z.string().regex(/^[A-Za-z0-9]{1,32}$/, "incarnation must be 1–32 letters or digits");
/** The incarnation of products stored before incarnations existed. */
export const LEGACY_INCARNATION = "0";

/** A fresh random incarnation (12 base-36 characters). */
export function newIncarnation(): string {
  return randomBytes(9).readBigUInt64BE().toString(36).padStart(12, "0").slice(-12);
}

/** Stored `shops/{shopId}/products/{productId}`. */
export const ProductDoc = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  // Stored numbers are read as any safe integer ≥ 0: every writer enforces PRODUCT_BOUNDS, and a
  // product stored before the bounds existed stays readable (and repairable by a write).
  quantity: z.number().int().min(0),
  unit_price_paise: z.number().int().min(0),
  low_stock_threshold: z.number().int().min(0),
  mrp_paise: z.number().int().min(0).nullable(),
  unit: z.string().nullable(),
  barcode: z.string().nullable(),
  /**
   * Derived from name and sku by `searchTokens`. Server-owned: a client's value is never
   * trusted (reads recompute it, `withDerivedFields`, and a trigger rewrites a wrong stored one).
   */
  search_tokens: z.array(z.string()),
  /**
   * Which life of this product id this is: chosen at create, never changed. Ledger and audit
   * ids of direct client writes include it, so an id of a deleted product is never reused.
   * Products stored before it existed read as "0".
   */
  incarnation: Incarnation.default(LEGACY_INCARNATION),
  version: z.number().int().min(1),
  created_at: z.date(),
  updated_at: z.date(),
  updated_by: z.string(),
});
export type ProductDoc = z.infer<typeof ProductDoc>;

/** Default low-stock threshold when none is given. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/**
 * THE stock-status definitions, used by the products API (the `low_stock` flag and filter), the
 * KPIs and reconciliation alike: a product is low on stock when it still has some but no more
 * than its own threshold (0 < quantity ≤ low_stock_threshold); at zero it is out of stock,
 * counted separately, never both.
 */
export function isLowStock(p: { quantity: number; low_stock_threshold: number }): boolean {
  return p.quantity > 0 && p.quantity <= p.low_stock_threshold;
}

/** A product is out of stock when its quantity is zero. */
export function isOutOfStock(p: { quantity: number }): boolean {
  return p.quantity === 0;
}

/** The stored fields a new product is made from (money already in paise). */
export interface NewProductFields {
  sku: string;
  name: string;
  category: string;
  quantity: number;
  unit_price_paise: number;
  low_stock_threshold?: number;
  mrp_paise?: number | null;
  unit?: string | null;
  barcode?: string | null;
  /** Defaults to a fresh random one. */
  incarnation?: string;
}

/** A new stored product at version 1, with its derived search tokens; every create path uses it. */
export function newStoredProduct(fields: NewProductFields, actorId: string, at: Date): ProductDoc {
  return {
    sku: fields.sku,
    name: fields.name,
    category: fields.category,
    quantity: fields.quantity,
    unit_price_paise: fields.unit_price_paise,
    low_stock_threshold: fields.low_stock_threshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
    mrp_paise: fields.mrp_paise ?? null,
    unit: fields.unit ?? null,
    barcode: fields.barcode ?? null,
    search_tokens: searchTokens(fields.name, fields.sku),
    incarnation: fields.incarnation ?? newIncarnation(),
    version: 1,
    created_at: at,
    updated_at: at,
    updated_by: actorId,
  };
}

/** Stored `shops/{shopId}/stock_movements/{movementId}`: the shop's stock ledger. */
export const StockMovementDoc = z.object({
  product_id: z.string(),
  sku: z.string(),
  // Safe integers only: a forged movement with an unsafe delta is skipped by lists, never a 500.
  delta: z.number().int(),
  reason: StockReason,
  quantity_after: z.number().int().min(0),
  actor_id: z.string(),
  /**
   * Which path made the change: the API, an offline edit, a CSV import, the seed, or a direct
   * client write through the Firestore SDK (the security rules make that write its movement).
   */
  source: z.enum(["api", "edit", "import", "seed", "client", "order_request"]),
  /** The edit id, import id, order id, or request that caused it. */
  ref: z.string().nullable(),
  at: z.date(),
});
export type StockMovementDoc = z.infer<typeof StockMovementDoc>;

// ---------------------------------------------------------------------------------------------
// Audit records and the HTTP contract of the inventory API.
// ---------------------------------------------------------------------------------------------

/** Stored `shops/{shopId}/audit/{auditId}`: price changes and deletions, who and when. */
export const AuditDoc = z.object({
  action: z.enum(["product.price-changed", "product.deleted"]),
  product_id: z.string(),
  sku: z.string(),
  actor_id: z.string(),
  source: z.enum(["api", "edit", "import", "seed", "client", "order_request"]),
  /** The fields concerned, before and after (after is null for a deletion). */
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()).nullable(),
  ref: z.string().nullable(),
  at: z.date(),
});
export type AuditDoc = z.infer<typeof AuditDoc>;

/** The fields a change may touch, in stored form (SKU is immutable, the rest is derived). */
export const EDITABLE_FIELDS = ["name", "category", "quantity", "unit_price_paise", "low_stock_threshold", "mrp_paise", "unit", "barcode"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ProductChanges = Partial<Pick<ProductDoc, EditableField>>;

/** Reasons a client may give for a stock adjustment. */
export const AdjustmentReason = z.enum(["sale", "receipt", "count", "damage", "return"]);
export type AdjustmentReason = z.infer<typeof AdjustmentReason>;

const Name = z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters");
const Category = z.string().trim().min(1, "category is required").max(50, "category must be at most 50 characters");
const Quantity = z.number().int("quantity must be an integer").min(0, "quantity must be ≥ 0").max(PRODUCT_BOUNDS.maxQuantity);
const Threshold = z.number().int().min(0, "low_stock_threshold must be ≥ 0").max(PRODUCT_BOUNDS.maxQuantity);
const Unit = z.string().trim().min(1).max(30).openapi({ example: "1 kg" });
const Barcode = z.string().trim().min(1).max(64);
const Version = z.number().int().min(1).openapi({ description: "The version the client last saw" });

/** `POST /v1/products`. Money in rupees (at most 2 decimals); stored as paise. */
export const CreateProductBody = z
  .object({
    sku: Sku,
    name: Name,
    category: Category,
    quantity: Quantity.default(0),
    unit_price: Rupees.openapi({ example: 52.5 }),
    low_stock_threshold: Threshold.default(DEFAULT_LOW_STOCK_THRESHOLD),
    mrp: Rupees.nullable().optional(),
    unit: Unit.nullable().optional(),
    barcode: Barcode.nullable().optional(),
  })
  .strict()
  .openapi("CreateProductRequest");
export type CreateProductBody = z.infer<typeof CreateProductBody>;

/**
 * `PUT`/`PATCH /v1/products/{id}`: the changed fields plus the `version` the client last saw
 * (or an `If-Match` header). `id`, `sku` and read-only fields of a full-object PUT are accepted
 * when they match the stored product, so a client may send back what it read.
 */
export const UpdateProductBody = z
  .object({
    version: Version.optional(),
    id: z.string().optional(),
    sku: z.string().optional(),
    name: Name.optional(),
    category: Category.optional(),
    quantity: Quantity.optional(),
    unit_price: Rupees.optional(),
    low_stock_threshold: Threshold.optional(),
    mrp: Rupees.nullable().optional(),
    unit: Unit.nullable().optional(),
    barcode: Barcode.nullable().optional(),
    // Read-only fields a client may echo back from a GET; ignored.
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
    updated_by: z.string().optional(),
    low_stock: z.boolean().optional(),
  })
  .strict()
  .openapi("UpdateProductRequest");
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

/** A product as the API shows it: money in rupees, `id` = the product id (the upper-cased SKU). */
export const ProductResponse = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    category: z.string(),
    quantity: z.number().int(),
    unit_price: z.number(),
    low_stock_threshold: z.number().int(),
    low_stock: z.boolean().openapi({ description: "0 < quantity ≤ low_stock_threshold (out of stock is quantity 0)" }),
    mrp: z.number().nullable(),
    unit: z.string().nullable(),
    barcode: z.string().nullable(),
    version: z.number().int(),
    created_at: IsoTimestamp,
    updated_at: IsoTimestamp,
    updated_by: z.string(),
  })
  .openapi("Product");
export type ProductResponse = z.infer<typeof ProductResponse>;

/** Sort keys of the list, mapped to stored fields in the repository. */
export const ProductSort = z.enum(["name", "quantity", "price", "updated_at"]);
export type ProductSort = z.infer<typeof ProductSort>;

const BoolParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** `GET /v1/products` query. Without `limit` or `cursor` the answer is a plain array. */
export const ListProductsQuery = z
  .object({
    search: z.string().trim().max(64).optional().openapi({ description: "Start of any word of the name, or of the SKU; case-insensitive" }),
    category: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((c) => c.split(",")).map((c) => c.trim()).filter(Boolean)))
      .pipe(z.array(z.string().max(50)).max(30, "at most 30 categories at once"))
      .openapi({ description: "Exact category; repeat or comma-separate for several" }),
    low_stock: BoolParam.optional(),
    in_stock: BoolParam.optional(),
    sort: ProductSort.default("name"),
    order: z.enum(["asc", "desc"]).default("asc"),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z.string().max(2000).optional(),
  })
  .strict();
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

/** A page of products, when the list is paginated. */
export const ProductPage = z
  .object({ items: z.array(ProductResponse), next_cursor: z.string().nullable() })
  .openapi("ProductPage");
export type ProductPage = z.infer<typeof ProductPage>;

export const ProductIdParams = z
  .object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, "not a product id").refine(isUsableDocId, "not a product id") })
  .strict();
export type ProductIdParams = z.infer<typeof ProductIdParams>;

/** `DELETE /v1/products/{id}` query: an optional version check (or `If-Match`). */
export const DeleteProductQuery = z.object({ version: z.coerce.number().int().min(1).optional() }).strict();

/** `POST /v1/products/{id}/adjustments`: a relative stock change; never conflicts. */
export const AdjustStockBody = z
  .object({
    delta: z.number().int("delta must be an integer").refine((d) => d !== 0, "delta must not be 0").refine((d) => Math.abs(d) <= PRODUCT_BOUNDS.maxQuantity, `delta must be at most ${PRODUCT_BOUNDS.maxQuantity.toLocaleString("en-IN")} either way`),
    reason: AdjustmentReason,
    /** A client-chosen id makes a retried adjustment harmless. */
    id: DocId.optional().openapi({ description: "Client-chosen id: a replay with the same id applies once" }),
  })
  .strict()
  .openapi("StockAdjustmentRequest");
export type AdjustStockBody = z.infer<typeof AdjustStockBody>;

/** A stock movement as the API shows it. */
export const StockMovementResponse = z
  .object({
    id: z.string(),
    product_id: z.string(),
    sku: z.string(),
    delta: z.number().int(),
    reason: StockReason,
    quantity_after: z.number().int(),
    actor_id: z.string(),
    source: z.string(),
    ref: z.string().nullable(),
    at: IsoTimestamp,
  })
  .openapi("StockMovement");
export type StockMovementResponse = z.infer<typeof StockMovementResponse>;

/** `POST /v1/products/{id}/adjustments` answer. */
export const AdjustStockResponse = z
  .object({ product: ProductResponse, movement: StockMovementResponse, applied: z.boolean() })
  .openapi("StockAdjustment");
