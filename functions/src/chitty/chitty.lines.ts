import { NON_ITEM_WORDS, NUMBER_WORDS, STOP_WORDS, UNIT_WORDS, normaliseText } from "./chitty.text";

/**
 * Reading one chitty line: "aata 5 kg", "maggi x4", "toor daal 1/2 kg", "2 darjan kela",
 * "Tata Salt 1kg x 2", "aadha kilo pyaz" → the name text, an amount (mass, volume or pieces)
 * and a count of packs. Lines that are not items (a name, a date, a phone number, "Total",
 * "jaldi bhejna") come back as `null`.
 */

/** A measured amount in base units: grams, millilitres or pieces. */
export interface Amount {
  value: number;
  dim: "g" | "ml" | "pc";
}

export interface ParsedLine {
  /** The line as read. */
  raw: string;
  /** The words that name the product (quantities, units and filler removed). */
  nameWords: string[];
  /** A weight, volume or piece count written on the line ("2 kg", "500g", "1 dozen"). */
  amount: Amount | null;
  /** How many packs ("x3", "3 pkt", a leading or trailing bare number). */
  count: number | null;
  /** True when the count was marked as packs ("x3", "3 pkt"), not a bare number. */
  countIsPacks: boolean;
  /**
   * A bare number too large to be a count ("kissan jam 400", "pepsodent 150" — OCR often loses
   * the "g" after a size): a pack size in the product's own unit, if one fits (chitty.quantity.ts).
   */
  sizeHint: number | null;
}

/** Bare numbers from this up are sizes whose unit was lost, not how many packs. */
export const SIZE_HINT_MIN = 40;

const BASE: Record<string, [number, Amount["dim"]]> = Object.assign(Object.create(null), {
  kg: [1000, "g"],
  g: [1, "g"],
  l: [1000, "ml"],
  ml: [1, "ml"],
  dozen: [12, "pc"],
  pc: [1, "pc"],
});

/** Largest count or amount a line may ask for; anything above is a misread, not an order. */
export const MAX_LINE_COUNT = 1000;
const MAX_AMOUNT = 1_000_000; // 1,000 kg / 1,000 L in base units

type Tok = { kind: "num"; value: number; text: string } | { kind: "word"; text: string } | { kind: "times" };

function parseNumber(text: string): number | null {
  const frac = /^(\d+)\/(\d+)$/.exec(text);
  if (frac) {
    const d = Number(frac[2]);
    return d > 0 ? Number(frac[1]) / d : null;
  }
  const dec = /^\d+(?:[.,]\d+)?$/.exec(text);
  if (dec) return Number(text.replace(",", "."));
  return null;
}

const UNIT_AHEAD = String.raw`(?=\s*(?:kgs?|kilos?|g|gms?|grams?|ml|ltrs?|litres?|pkts?|packets?|dozen|darjan)\b)`;
const LOOKS_LIKE_DIGIT: Record<string, string> = Object.assign(Object.create(null), { o: "0", z: "2", s: "5" });

/**
 * Digits that OCR read as the letters they resemble, where only a number can stand: "z5o" → 250,
 * "zoo gm" → 200 gm, "xz" → x2, a lone "z" → 2, "1oo6" → 100 g ("g" read as "6"), "6rams" → grams,
 * "1k6" → 1kg. A letter run into a word ("bingo") is left alone.
 */
export function repairDigits(text: string): string {
  const asDigits = (t: string): string => t.replace(/[ozs]/g, (c) => LOOKS_LIKE_DIGIT[c]);
  return text
    .replace(/(?<![a-z])(?=[oz0-9]*\d)[oz0-9]+/g, asDigits)
    .replace(new RegExp(String.raw`(?<![a-z0-9])(?:[zs][o0]{0,2}|[o0]{2,3})${UNIT_AHEAD}`, "g"), asDigits)
    .replace(/\bx\s*z\b/g, "x 2")
    .replace(/\bz\b/g, "2")
    .replace(/(^\s*|\.\s*)[il]\s*x\b/g, "$11 x")
    .replace(/\b([1-9]\d{0,2}0)6\b/g, "$1 g")
    .replace(/\b6ra(?:ms?|m)?\b/g, "grams")
    .replace(/(\d|\b)k6\b/g, "$1kg");
}

function tokenise(line: string): Tok[] {
  let s = repairDigits(normaliseText(line));
  // "1 1/2" → "1.5"; a mixed number is one value.
  s = s.replace(/(\d+)\s+(\d+)\s*\/\s*(\d+)/g, (_m, w, n, d) => (Number(d) > 0 ? String(Number(w) + Number(n) / Number(d)) : _m));
  // "1/2" read as "I/2" or "l/2", often run into the word before ("daalI/2").
  s = s.replace(/([a-z\s]|^)[il]\s*\/\s*(\d)/g, "$1 1/$2");
  s = s.replace(/(\d)\s*\/\s*(\d)/g, "$1/$2");
  // A multipack "4 x 250 g" is one size of 1000 g.
  s = s.replace(/\b(\d+)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(kg|g|gm|gms|grams?|ml|l|ltr)\b/g, (_m, n, v, u) => `${Number(n) * Number(v)} ${u}`);
  // OCR reads "1" as "l" or "i" and "0" as "o" next to digits and units: "l kg", "5o0g".
  s = s.replace(/(^|\s)[li]\s+(?=(kg|g|gm|ltr|l|kilo|pkt|dozen)\b)/g, "$11 ");
  // "IOOG", "lOO gm": a size written with letters that look like digits.
  s = s.replace(/\b[il1]([o0]{1,3})\s*(g|gm|gms|kg|ml)\b/g, (_m, zeros: string, unit: string) => `1${"0".repeat(zeros.length)} ${unit}`);
  s = s.replace(/(\d)o/g, "$10").replace(/o(\d)/g, "0$1");
  // A handwritten "g" is often read as "9": "200 9" is 200 g.
  s = s.replace(/\b(\d{2,4})\s*9\b/g, "$1 g");
  // "gramsx3", "kgx2": a times sign run into the word before it.
  s = s.replace(/\b(kgs?|gms?|grams?|g|ltrs?|l|ml|pkts?|pcs?|nos)x(?=\s*\d)/g, "$1 x ");
  s = s
    .replace(/[×*]/g, " x ")
    .replace(/(\d)\s*x(?=\s|\d|$)/g, "$1 x ")
    .replace(/(^|\s)x\s*(\d)/g, "$1 x $2")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2");
  const toks: Tok[] = [];
  for (const piece of s.split(/[^a-z0-9./,]+/)) {
    const text = piece.replace(/^[.,/]+|[.,/]+$/g, "");
    if (!text) continue;
    if (text === "x") {
      toks.push({ kind: "times" });
      continue;
    }
    const value = parseNumber(text);
    if (value !== null) toks.push({ kind: "num", value, text });
    else if (/^[a-z]+$/.test(text)) toks.push({ kind: "word", text });
    else for (const w of text.split(/[.,/]+/)) if (w) toks.push(/^\d/.test(w) ? { kind: "num", value: Number(w), text: w } : { kind: "word", text: w });
  }
  return toks;
}

/** True when the raw line is a phone number, a date, a time, a price or a total. */
function looksLikeNonItem(raw: string): boolean {
  const s = normaliseText(raw);
  const digits = s.replace(/\D/g, "");
  if (digits.length >= 7 && digits.length / s.replace(/\s/g, "").length > 0.5) return true; // phone numbers
  if (/\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b/.test(s)) return true; // dates
  if (/\b\d{1,2}:\d{2}\b/.test(s)) return true; // times
  if (/(₹|\brs\.?\s*\d)/.test(s)) return true; // prices
  return false;
}

/** Parses one line; `null` when it names no item. */
export function parseLine(raw: string): ParsedLine | null {
  const line = raw.trim();
  if (!/[a-z]/i.test(normaliseText(line))) return null;
  if (looksLikeNonItem(line)) return null;
  // List numbering ("1.", "2)", "3 -") is not a quantity.
  const unnumbered = line.replace(/^\s*[-•*]\s*/, "").replace(/^\s*\d{1,2}\s*[.):\]]\s*(?=\D)/, "");
  const toks = tokenise(unnumbered);

  let amount: Amount | null = null;
  let sizeInName: Amount | null = null;
  let count: number | null = null;
  let countIsPacks = false;
  const nameWords: string[] = [];
  const bare: Array<{ value: number; index: number }> = [];
  const used = new Set<number>();

  const numberAt = (i: number): number | null => {
    const t = toks[i];
    if (!t) return null;
    if (t.kind === "num") return t.value;
    if (t.kind === "word") return NUMBER_WORDS.get(t.text) ?? null;
    return null;
  };

  for (let i = 0; i < toks.length; i++) {
    if (used.has(i)) continue;
    const t = toks[i];
    const value = numberAt(i);
    const next = toks[i + 1];
    const unit = next && next.kind === "word" ? UNIT_WORDS.get(next.text) : undefined;
    if (value !== null && unit) {
      used.add(i).add(i + 1);
      if (unit === "pack") {
        count = value;
        countIsPacks = true;
      } else {
        const [factor, dim] = BASE[unit];
        const a: Amount = { value: value * factor, dim };
        if (amount) sizeInName = amount;
        amount = a;
      }
      continue;
    }
    if (t.kind === "times") {
      const after = numberAt(i + 1);
      if (after !== null && toks[i + 1]?.kind === "num") {
        count = after;
        countIsPacks = true;
        used.add(i).add(i + 1);
      } else if (bare.length && bare[bare.length - 1].index === i - 1) {
        count = bare.pop()!.value; // "4 x maggi"
        countIsPacks = true;
      }
      continue;
    }
    if (t.kind === "word" && !unit) {
      const u = UNIT_WORDS.get(t.text);
      if (u === "dozen") {
        // "darjan kela": a dozen with no number is one dozen.
        amount = { value: 12, dim: "pc" };
        continue;
      }
      if (u === "pack" && nameWords.length === 0 && count === null) continue; // "packet maggi"
    }
    if (t.kind === "num") {
      bare.push({ value: t.value, index: i });
      continue;
    }
    if (t.kind === "word" && NUMBER_WORDS.has(t.text) && NUMBER_WORDS.get(t.text)! >= 1&& (i === 0 || i === toks.length - 1)) {
      bare.push({ value: NUMBER_WORDS.get(t.text)!, index: i });
      continue;
    }
    if (t.kind === "word") nameWords.push(t.text);
  }

  // A size written inside the name ("Tata Salt 1kg x 2") picks the pack; the count is separate.
  if (sizeInName && amount) {
    // two amounts: the first names the pack, the second is how much (rare; keep the pack)
    amount = sizeInName;
  }
  // Bare numbers: the one at the start or the end of the line is the count; one in the middle
  // belongs to the name ("Lifebuoy Total 10 Soap", "Maggi 2 minute").
  let sizeHint: number | null = null;
  for (const b of bare) {
    if (amount === null && b.value >= SIZE_HINT_MIN && Number.isInteger(b.value)) {
      sizeHint = b.value;
      continue;
    }
    if (count !== null) continue;
    if (b.index === 0 || b.index === toks.length - 1) count = b.value;
  }
  // "2 nos" / "3 pcs" of something not sold in pieces is a count of packs (resolved per product).

  const content = nameWords.filter((w) => !STOP_WORDS.has(w) && !UNIT_WORDS.has(w));
  if (content.length === 0) return null;
  if (content.every((w) => NON_ITEM_WORDS.has(w) || w.length < 2)) return null;
  if (/^(total|tot|grand)\b/.test(content[0])) return null;

  if (count !== null && (!(count > 0) || count > MAX_LINE_COUNT)) count = null;
  if (amount && (!(amount.value > 0) || amount.value > MAX_AMOUNT)) amount = null;
  if (sizeHint !== null && sizeHint > MAX_AMOUNT) sizeHint = null;
  return { raw: line, nameWords: content, amount, count, countIsPacks, sizeHint };
}

/** Splits a typed or read chitty into non-empty lines ("," and ";" also separate items). */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n|;|,(?!\d)/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
