import { z, DocId, IsoTimestamp } from "../platform/schema";
import { PRODUCT_BOUNDS, Rupees, Sku } from "../inventory/products.schema";
import { gstinProblem } from "./gstin";

/**
 * Suppliers of a chain (an owner's shops): the distributors the owner buys from, what each
 * supplies at what buying price and in what pack. Shared with the replenishment domain, which
 * reads `suppliers/{id}` and `suppliers/{id}/items/{sku}` to size its suggestions.
 */

/** Bounds of every supplier number (money sums stay far below 2^53). */
export const SUPPLIER_BOUNDS = {
  maxLeadTimeDays: 90,
  /** ₹1 crore. */
  maxMinOrderPaise: 1_000_000_000,
  maxPackSize: 10_000,
  maxItems: 200,
  maxSuppliersListed: 500,
} as const;

/** Stored `suppliers/{supplierId}`. */
export const SupplierDoc = z.object({
  owner_uid: z.string(),
  name: z.string(),
  phone: z.string(),
  gstin: z.string().nullable(),
  lead_time_days: z.number().int().min(0).max(SUPPLIER_BOUNDS.maxLeadTimeDays),
  min_order_paise: z.number().int().min(0).max(SUPPLIER_BOUNDS.maxMinOrderPaise),
  active: z.boolean(),
  created_at: z.date(),
  updated_at: z.date(),
  version: z.number().int().min(1),
});
export type SupplierDoc = z.infer<typeof SupplierDoc>;

/** Stored `suppliers/{supplierId}/items/{sku}` (the document id is the product id: the upper-cased SKU). */
export const SupplierItemDoc = z.object({
  sku: z.string(),
  name: z.string(),
  buying_price_paise: z.number().int().min(0).max(PRODUCT_BOUNDS.maxPricePaise),
  pack_size: z.number().int().min(1).max(SUPPLIER_BOUNDS.maxPackSize),
  updated_at: z.date(),
});
export type SupplierItemDoc = z.infer<typeof SupplierItemDoc>;

/** "+91 98450 12345", "098450-12345", "9845012345" → "+919845012345"; null when not an Indian mobile number. */
export function normaliseIndianMobile(text: string): string | null {
  const digits = text.replace(/[\s()-]/g, "");
  const m = /^(?:\+91|0091|91|0)?([6-9]\d{9})$/.exec(digits);
  return m ? `+91${m[1]}` : null;
}

const Name = z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters");
const Phone = z
  .string()
  .max(20, "phone must be at most 20 characters")
  .refine((p) => normaliseIndianMobile(p) !== null, "phone must be an Indian mobile number (10 digits starting 6–9, optionally +91)")
  .transform((p) => normaliseIndianMobile(p) as string)
  .openapi({ example: "+91 98450 12345" });
const Gstin = z
  .string()
  .trim()
  .max(20, "gstin must be 15 characters")
  .transform((g) => g.toUpperCase())
  .superRefine((g, ctx) => {
    const problem = gstinProblem(g);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({ example: "27AAPFU0939F1ZV" });
const LeadTime = z.number().int("lead_time_days must be a whole number").min(0, "lead_time_days must be ≥ 0").max(SUPPLIER_BOUNDS.maxLeadTimeDays, `lead_time_days must be at most ${SUPPLIER_BOUNDS.maxLeadTimeDays}`);
const MinOrder = Rupees.refine((v) => v * 100 <= SUPPLIER_BOUNDS.maxMinOrderPaise, "min_order must be at most ₹1,00,00,000");

/** One product a supplier supplies. */
export const SupplierItemInput = z
  .object({
    sku: Sku,
    name: Name,
    buying_price: Rupees.openapi({ description: "Buying price of one unit in rupees", example: 38.5 }),
    pack_size: z.number().int("pack_size must be a whole number").min(1, "pack_size must be ≥ 1").max(SUPPLIER_BOUNDS.maxPackSize).default(1).openapi({ description: "Units per case (a case of 12: 12)" }),
  })
  .strict();
export type SupplierItemInput = z.infer<typeof SupplierItemInput>;

const Items = z
  .array(SupplierItemInput)
  .max(SUPPLIER_BOUNDS.maxItems, `a supplier lists at most ${SUPPLIER_BOUNDS.maxItems} items`)
  .refine((items) => new Set(items.map((i) => i.sku.toUpperCase())).size === items.length, "items must not repeat a SKU");

/** `POST /v1/suppliers`. */
export const CreateSupplierBody = z
  .object({
    name: Name,
    phone: Phone,
    gstin: Gstin.nullable().optional(),
    lead_time_days: LeadTime,
    min_order: MinOrder.default(0).openapi({ description: "Minimum order value in rupees" }),
    active: z.boolean().default(true),
    items: Items.default([]),
  })
  .strict();
export type CreateSupplierBody = z.infer<typeof CreateSupplierBody>;

/** `PATCH /v1/suppliers/{id}`: changed fields plus the version last seen; `items` replaces the whole list. */
export const UpdateSupplierBody = z
  .object({
    version: z.number().int().min(1),
    name: Name.optional(),
    phone: Phone.optional(),
    gstin: Gstin.nullable().optional(),
    lead_time_days: LeadTime.optional(),
    min_order: MinOrder.optional(),
    active: z.boolean().optional(),
    items: Items.optional(),
  })
  .strict();
export type UpdateSupplierBody = z.infer<typeof UpdateSupplierBody>;

export const SupplierIdParams = z.object({ id: DocId }).strict();
export const DeleteSupplierQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();

export const SupplierItemResponse = z.object({ sku: z.string(), product_id: z.string(), name: z.string(), buying_price: z.number(), buying_price_paise: z.number().int(), pack_size: z.number().int() }).openapi("SupplierItem");
export const SupplierResponse = z
  .object({
    id: z.string(),
    owner_uid: z.string(),
    name: z.string(),
    phone: z.string(),
    gstin: z.string().nullable(),
    lead_time_days: z.number().int(),
    min_order: z.number(),
    min_order_paise: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
    created_at: IsoTimestamp,
    updated_at: IsoTimestamp,
    items: z.array(SupplierItemResponse).optional(),
  })
  .openapi("Supplier");
export type SupplierResponse = z.infer<typeof SupplierResponse>;
export const SupplierList = z.object({ items: z.array(SupplierResponse) });

/** `GET /v1/suppliers/{id}/performance`. */
export const SupplierPerformance = z
  .object({
    supplier_id: z.string(),
    orders_sent: z.number().int(),
    orders_completed: z.number().int().openapi({ description: "Sent orders fully received (or closed after receiving)" }),
    on_time_rate: z.number().nullable().openapi({ description: "Share of completed orders whose last receipt came by sent_at + lead time; null with none" }),
    fill_rate: z.number().nullable().openapi({ description: "Units received / units ordered over sent orders (capped per line at the ordered quantity); null with none" }),
    units_ordered: z.number().int(),
    units_received: z.number().int(),
    price_changes: z.array(
      z.object({ sku: z.string(), product_id: z.string(), at: IsoTimestamp, po_id: z.string(), from_paise: z.number().int(), to_paise: z.number().int(), change_pct: z.number() }),
    ),
  })
  .openapi("SupplierPerformance");
export type SupplierPerformance = z.infer<typeof SupplierPerformance>;
