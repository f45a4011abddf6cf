import type { Amount, ParsedLine } from "./chitty.lines";
import type { IndexedProduct } from "./chitty.catalog";

/**
 * Quantities in catalog units: which pack of a product a line means, and how many.
 * "atta 10 kg" against a 5 kg pack is 2 (the 10 kg pack, where the shop has one, is 1);
 * "500 g jeera" against a 100 g pack is 5; "aadha kilo pyaz" is 0.5 of a 1 kg pack, because
 * fractions are allowed only for loose goods; "maggi x4" is 4 of the smallest pack.
 */

export interface ResolvedQuantity {
  product: IndexedProduct;
  quantity: number;
}

const EPS = 1e-6;

function isWhole(x: number): boolean {
  return Math.abs(x - Math.round(x)) < EPS;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The pack bought by default: the smallest one (the everyday size). */
function defaultVariant(variants: IndexedProduct[]): IndexedProduct {
  return [...variants].sort((a, b) => (a.pack?.value ?? Infinity) - (b.pack?.value ?? Infinity))[0];
}

/** Resolves the variant and quantity for a line within a group of pack sizes of one product. */
export function resolveQuantity(line: Pick<ParsedLine, "amount" | "count" | "countIsPacks"> & { sizeHint?: number | null }, variants: IndexedProduct[], preferred?: IndexedProduct): ResolvedQuantity {
  const fallback = preferred && variants.length === 1 ? preferred : defaultVariant(variants);
  let amount: Amount | null = line.amount;
  let count = line.count;
  const sized = (dim: Amount["dim"]): IndexedProduct[] => variants.filter((v) => v.pack?.dim === dim).sort((a, b) => a.pack!.value - b.pack!.value);

  // A bare size whose unit OCR lost ("kissan jam 400"): grams or millilitres when a pack of this
  // product equals it ("pepsodent 150" → the 150 g pack) or, with no count, whole packs make it
  // up (400 → 2 × 200 g); otherwise it was a count after all ("ande 60" → 60 eggs).
  const hint = line.sizeHint ?? null;
  if (!amount && hint !== null) {
    const dims = (["g", "ml"] as const).filter((d) => sized(d).length);
    const exact = dims.find((d) => sized(d).some((v) => Math.abs(v.pack!.value - hint) < EPS));
    const dividing = count === null ? dims.find((d) => sized(d).some((v) => isWhole(hint / v.pack!.value) && hint / v.pack!.value <= 12)) : undefined;
    const dim = exact ?? dividing;
    if (dim) amount = { value: hint, dim };
    else if (count === null) count = hint;
  }

  // For products sold in pieces (eggs in 6s, bananas by the dozen), a bare number that fills whole
  // packs is a number of pieces: "ande 12" is two packs of 6, "kela 6" the 6-piece pack.
  // "2 nos" of rice: pieces of a product not sold in pieces are packs.
  if (amount && amount.dim === "pc" && !sized("pc").length && count === null) {
    count = amount.value;
    amount = null;
  }
  if (!amount && count !== null && !line.countIsPacks) {
    const pieces = sized("pc");
    if (pieces.length && pieces.some((v) => v.pack!.value > 1 && count! >= v.pack!.value && isWhole(count! / v.pack!.value))) {
      amount = { value: count, dim: "pc" };
      count = null;
    }
  }

  if (amount) {
    const same = sized(amount.dim);
    if (same.length) {
      const exact = same.find((v) => Math.abs(v.pack!.value - amount!.value) < EPS);
      if (count !== null) {
        // A size and a count: the size picks the pack ("Tata Salt 1kg x 2").
        const nearest = exact ?? [...same].sort((a, b) => Math.abs(Math.log(a.pack!.value / amount!.value)) - Math.abs(Math.log(b.pack!.value / amount!.value)))[0];
        return { product: nearest, quantity: count };
      }
      if (exact) return { product: exact, quantity: 1 };
      const dividing = same.filter((v) => isWhole(amount!.value / v.pack!.value));
      if (dividing.length) {
        const largest = dividing[dividing.length - 1];
        return { product: largest, quantity: Math.round(amount.value / largest.pack!.value) };
      }
      const smallest = same[0];
      if (smallest.loose) return { product: smallest, quantity: Math.max(0.01, round2(amount.value / smallest.pack!.value)) };
      return { product: smallest, quantity: Math.max(1, Math.ceil(amount.value / smallest.pack!.value - EPS)) };
    }
  }
  const quantity = count ?? 1;
  const target = fallback;
  if (!isWhole(quantity) && !target.loose) return { product: target, quantity: Math.max(1, Math.ceil(quantity)) };
  return { product: target, quantity: isWhole(quantity) ? Math.round(quantity) : round2(quantity) };
}
