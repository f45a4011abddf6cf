import { STOP_WORDS, UNIT_WORDS, expandWord, normaliseText, phoneticKey, wordsOf } from "./chitty.text";
import type { Amount } from "./chitty.lines";

/**
 * The shop's catalog as the matcher sees it: each product's words (name, brand, aliases), its
 * pack size in base units (from `unit` or from a size written in the name) and the group of
 * pack sizes it belongs to ("Tata Salt 1 kg" and "Tata Salt 500 g" are one product in two packs).
 */

/** What the matcher needs of a product; any catalog (seed, CSV, Firestore) maps to this. */
export interface CatalogProduct {
  /** The product's document id, where it has one (Firestore); the CLI's products have none. */
  id?: string;
  sku: string;
  name: string;
  brand?: string | null;
  category?: string | null;
  /** The pack as sold: "5 kg", "500 g", "1 dozen", "4 x 125 g", "6 pcs". */
  unit?: string | null;
  /** Words the shop taught the reader for this product (corrections become aliases). */
  aliases?: string[];
}

export interface IndexedProduct {
  product: CatalogProduct;
  /** The name without its size, as words. */
  baseWords: string[];
  /** Each alias as words. */
  aliasWords: string[][];
  pack: Amount | null;
  /** Loose goods (vegetables, "loose" dal) may be sold in fractions of a pack. */
  loose: boolean;
  /** Products that differ only by pack size share a group key. */
  groupKey: string;
}

export interface CatalogIndex {
  products: IndexedProduct[];
  /** Inverse document frequency of each product word (rare words weigh more). */
  idf: Map<string, number>;
  /** Every distinct product word. */
  vocabulary: string[];
  groups: Map<string, IndexedProduct[]>;
}

const PACK_RE = /(?:(\d+)\s*[x×*]\s*)?(\d+(?:\.\d+)?)\s*([a-z]+)\b/;
const COUNT_NOUN_RE = /^(pc|pcs|piece|pieces|pads?|sticks?|cartridges?|boxes|box|nos|tablets?|sachets?|rolls?|bags?|units?)$/;

/** "4 x 125 g" → 500 g; "1 dozen" → 12 pc; "XL 15 pads" → 15 pc; "1.2 L" → 1200 ml. */
export function parsePack(text: string | null | undefined): Amount | null {
  if (!text) return null;
  const m = PACK_RE.exec(normaliseText(text));
  if (!m) return null;
  const times = m[1] ? Number(m[1]) : 1;
  const value = Number(m[2]);
  const word = m[3];
  const unit = UNIT_WORDS.get(word);
  const scale: Record<string, [number, Amount["dim"]]> = { kg: [1000, "g"], g: [1, "g"], l: [1000, "ml"], ml: [1, "ml"], dozen: [12, "pc"], pc: [1, "pc"] };
  const known = unit && unit !== "pack" ? scale[unit] : COUNT_NOUN_RE.test(word) ? scale.pc : undefined;
  if (!known || !(value > 0)) return null;
  return { value: Math.round(times * value * known[0] * 1000) / 1000, dim: known[1] };
}

const SIZE_IN_NAME_RE = /\b(?:\d+\s*[x×*]\s*)?\d+(?:\.\d+)?\s*(?:kg|kgs|g|gm|gms|grams?|l|ltr|litres?|ml|dozen|pcs?|pieces|pads|sticks|cartridges|boxes)\b\.?/gi;

/** Product words: the name without its size, split, stop words dropped. */
export function productWords(text: string): string[] {
  return wordsOf(text.replace(SIZE_IN_NAME_RE, " ")).filter((w) => /[a-z]/.test(w) && !STOP_WORDS.has(w));
}

function isLoose(p: CatalogProduct): boolean {
  return /\b(loose|khula)\b/i.test(p.name) || /fruit|vegetable|\bveg\b|loose/i.test(p.category ?? "");
}

/** Builds the matcher's index of a catalog; O(products × words). */
export function indexCatalog(products: CatalogProduct[]): CatalogIndex {
  const indexed: IndexedProduct[] = products.map((product) => {
    const sizeFromName = (product.name.match(SIZE_IN_NAME_RE) ?? []).pop();
    const pack = parsePack(product.unit) ?? parsePack(sizeFromName);
    const brandWords = product.brand ? productWords(product.brand) : [];
    const nameWords = productWords(product.name);
    const baseWords = [...new Set([...brandWords, ...nameWords])];
    const aliasWords = (product.aliases ?? []).map(productWords).filter((a) => a.length > 0);
    const groupKey = nameWords.map(phoneticKey).join(" ");
    return { product, baseWords, aliasWords, pack, loose: isLoose(product), groupKey };
  });
  const df = new Map<string, number>();
  const groups = new Map<string, IndexedProduct[]>();
  for (const p of indexed) {
    groups.set(p.groupKey, [...(groups.get(p.groupKey) ?? []), p]);
  }
  // Document frequency counts groups, not pack sizes, so a product sold in two sizes is not "common".
  for (const members of groups.values()) {
    const words = new Set(members.flatMap((m) => [...m.baseWords, ...m.aliasWords.flat()]));
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const n = Math.max(groups.size, 1);
  const idf = new Map<string, number>();
  for (const [w, f] of df) idf.set(w, Math.log(1 + n / f));
  return { products: indexed, idf, vocabulary: [...df.keys()], groups };
}

/** The catalog words a written word could mean (itself and its vocabulary synonyms). */
export function queryAlternatives(word: string): string[] {
  return expandWord(word);
}
