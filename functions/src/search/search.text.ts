import { searchWords } from "../inventory/products.service";

/**
 * Pure text matching of the marketplace search: word-prefix matching with a few typos
 * tolerated, and the spelling variants that let Firestore's `array-contains-any` find
 * candidates for a misspelt word in the products' existing `search_tokens` (the prefixes of
 * every word of the name, written by every product writer).
 */

/** The words of a text as the product search cuts them (lower-cased, at most 20 characters). */
export const wordsOf = searchWords;

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** Typos a query word may carry: none up to 3 letters, 1 up to 5, 2 beyond. */
export function allowedTypos(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2;
}

/**
 * How many typos separate a query word from a word of a name, or null when too many. A query
 * word that starts the name word matches with 0 ("aash" → "aashirvaad"); otherwise the closest
 * prefix of the name word of about the query's length counts ("ashirvad" → "aashirvaad": 2).
 */
export function wordTypos(query: string, nameWord: string): number | null {
  if (nameWord.startsWith(query)) return 0;
  const max = allowedTypos(query);
  if (max === 0) return null;
  let best = max + 1;
  for (let k = Math.max(1, query.length - max); k <= Math.min(nameWord.length, query.length + max); k++) {
    best = Math.min(best, editDistance(query, nameWord.slice(0, k), max));
  }
  return best <= max ? best : null;
}

/** Every query word must match some word of the text; the answer is the total typos, or null. */
export function textTypos(queryWords: string[], text: string): number | null {
  const nameWords = wordsOf(text);
  let total = 0;
  for (const q of queryWords) {
    let best: number | null = null;
    for (const w of nameWords) {
      const t = wordTypos(q, w);
      if (t !== null && (best === null || t < best)) best = t;
      if (best === 0) break;
    }
    if (best === null) return null;
    total += best;
  }
  return total;
}

/** Most values one `array-contains-any` filter may take. */
export const MAX_VARIANTS = 30;

/**
 * Stored-token candidates for a possibly misspelt word, most likely first: from its first four
 * letters, a doubled or dropped letter ("ashi" → "aashi"), two letters swapped, a vowel
 * changed, an "h" added or dropped ("dal"/"dhal"). A name word whose start is one such edit
 * away carries one of these as a search token. Words of 3 letters or fewer get no variants.
 */
export function spellingVariants(word: string): string[] {
  if (word.length <= 3) return [word];
  const p = word.slice(0, 4);
  const out = new Set<string>([p]);
  const add = (v: string) => {
    if (v.length >= 2 && out.size < MAX_VARIANTS) out.add(v);
  };
  for (let i = 0; i < p.length; i++) add(p.slice(0, i + 1) + p.slice(i));
  for (let i = 0; i < p.length; i++) add(p.slice(0, i) + p.slice(i + 1));
  for (let i = 0; i + 1 < p.length; i++) add(p.slice(0, i) + p[i + 1] + p[i] + p.slice(i + 2));
  for (let i = 1; i <= p.length; i++) if (!"aeiouh".includes(p[i - 1])) add(p.slice(0, i) + "h" + p.slice(i));
  for (let i = 0; i < p.length; i++) {
    if (!"aeiou".includes(p[i])) continue;
    for (const v of "aeiou") if (v !== p[i]) add(p.slice(0, i) + v + p.slice(i + 1));
  }
  return [...out];
}
