/**
 * GSTIN (Goods and Services Tax Identification Number) checks. A GSTIN is 15 characters:
 * a two-digit state code (01–38), the holder's PAN (5 letters, 4 digits, a letter), an entity
 * number (1–9 or A–Z), the letter Z by default, and a check character computed with the
 * published mod-36 scheme (alternate weights 1 and 2, each product folded as quotient + remainder
 * base 36) over the first fourteen.
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SHAPE = /^(\d{2})([A-Z]{5}\d{4}[A-Z])([1-9A-Z])([A-Z0-9])([0-9A-Z])$/;

/** The check character of the first fourteen characters of a GSTIN. */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const value = ALPHABET.indexOf(first14[i]);
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET[(36 - (sum % 36)) % 36];
}

/** Why a GSTIN is not valid, or null when it is (upper-case it first). */
export function gstinProblem(gstin: string): string | null {
  if (gstin.length !== 15) return "GSTIN must be 15 characters";
  const m = SHAPE.exec(gstin);
  if (!m) return "GSTIN must be a state code, a PAN, an entity number, Z and a check character (e.g. 27AAPFU0939F1ZV)";
  const state = Number(m[1]);
  if (state < 1 || state > 38) return `GSTIN state code ${m[1]} is not a state or union territory (01–38)`;
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return "GSTIN check character does not match (a typo?)";
  return null;
}
