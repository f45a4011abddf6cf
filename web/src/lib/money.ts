/**
 * Money is integer paise everywhere; people see rupees with Indian digit grouping
 * (₹1,20,000.50). Parsing never goes through floating point.
 */

/** 12000050 → "1,20,000.50" (no symbol). */
export function formatPaiseNumber(paise: number): string {
  if (!Number.isSafeInteger(paise)) throw new RangeError(`not an integer number of paise: ${paise}`);
  const negative = paise < 0;
  const abs = Math.abs(paise);
  const rupees = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  return `${negative ? "-" : ""}${groupIndian(String(rupees))}.${rest}`;
}

/** 12000050 → "₹1,20,000.50"; negative amounts as "-₹5.00". */
export function formatPaise(paise: number): string {
  const text = formatPaiseNumber(paise);
  return text.startsWith("-") ? `-₹${text.slice(1)}` : `₹${text}`;
}

/** "1234567" → "12,34,567": the last three digits, then groups of two. */
export function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let head = digits.slice(0, -3);
  const groups: string[] = [];
  while (head.length > 2) {
    groups.unshift(head.slice(-2));
    head = head.slice(0, -2);
  }
  if (head) groups.unshift(head);
  return `${groups.join(",")},${last3}`;
}

/** Largest price the backend accepts: ₹1,00,00,00,000 (10^11 paise). */
export const MAX_PAISE = 100_000_000_000;

/**
 * "1,20,000.5" / "₹ 52.50" / "52" → paise, or null when it is not an amount with at most two
 * decimals (no floats: the digits are read as text).
 */
export function parseRupees(input: string): number | null {
  const text = input.trim().replace(/^₹\s*/, "").replace(/,/g, "");
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const paise = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return paise <= MAX_PAISE ? paise : null;
}

/** paise → the text a price input shows ("52.50"). */
export function paiseToInput(paise: number): string {
  return formatPaiseNumber(paise).replace(/,/g, "");
}
