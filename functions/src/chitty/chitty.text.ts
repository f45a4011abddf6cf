import VOCABULARY from "./chitty.vocabulary.json";

/**
 * Text primitives shared by the line parser and the matcher: normalisation, a Hinglish-aware
 * phonetic key, an OCR-confusion-aware edit similarity, and the vocabulary (a data file) as
 * null-prototype lookups, so a word such as "constructor" or "__proto__" is never a key.
 */

function lookup<V>(record: Record<string, V>): Map<string, V> {
  return new Map(Object.entries(record).filter(([k]) => !k.startsWith("_")));
}

/** Written unit word → canonical unit ("kilo" → "kg", "darjan" → "dozen", "pkt" → "pack"). */
export const UNIT_WORDS: Map<string, string> = lookup(VOCABULARY.units);
/** Number words ("aadha" → 0.5, "dedh" → 1.5, "do" → 2). */
export const NUMBER_WORDS: Map<string, number> = lookup(VOCABULARY.number_words);
/** Words that mark a line as not an item (greetings, names' honorifics, addresses, totals). */
export const NON_ITEM_WORDS: ReadonlySet<string> = new Set(VOCABULARY.non_item_words);
/** Words that carry no product meaning. */
export const STOP_WORDS: ReadonlySet<string> = new Set(VOCABULARY.stop_words);

/** Lower-case, Unicode-normalised, accents dropped, vulgar fractions spelled out. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\u00BD/g, " 1/2")
    .replace(/\u00BC/g, " 1/4")
    .replace(/\u00BE/g, " 3/4")
    .replace(/\u2044/g, "/")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * A phonetic key for a romanised Hindi/English word: spellings people and OCR mix up collapse
 * to one key (aata/atta → "ata", cheeni/chini → "cini", zeera/jeera/jira → "jira",
 * pyaaz/piyaz → "piaj"). Digits that OCR reads inside words are taken as the letters they resemble.
 */
export function phoneticKey(word: string): string {
  let s = word
    .toLowerCase()
    .replace(/0/g, "o")
    .replace(/1/g, "l")
    .replace(/5/g, "s")
    .replace(/8/g, "b")
    .replace(/[^a-z]/g, "");
  s = s
    .replace(/rn/g, "m")
    .replace(/chh/g, "C")
    .replace(/ch/g, "C")
    .replace(/sh/g, "s")
    .replace(/ph/g, "f")
    .replace(/([tdbkgjr])h/g, "$1")
    .replace(/ck/g, "k")
    .replace(/c/g, "k")
    .replace(/C/g, "c")
    .replace(/q/g, "k")
    .replace(/x/g, "ks")
    .replace(/z/g, "j")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    .replace(/ee|ii|ie/g, "i")
    .replace(/oo|uu/g, "u")
    .replace(/(.)\1+/g, "$1");
  if (s.length > 3) s = s.replace(/h$/, "");
  return s;
}

// Pairs of characters OCR (and hands) confuse: substituting one for the other costs less.
const CONFUSABLE = new Set(["il", "li", "ij", "ji", "oa", "ao", "ce", "ec", "uv", "vu", "nh", "hn", "mn", "nm", "ae", "ea", "ei", "ie", "ou", "uo", "ui", "iu", "gq", "qg", "bd", "db", "sz", "zs", "kc", "ck", "tf", "ft", "rn", "nr"]);

/** Edit distance where confusable substitutions cost 0.5 and swapped neighbours 0.6. */
export function weightedEditDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (!m) return n;
  if (!n) return m;
  let before = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : CONFUSABLE.has(a[i - 1] + b[j - 1]) ? 0.5 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub);
      // Two neighbouring letters swapped ("onoin", "palre") is one slip, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 0.6);
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[n];
}

/** Similarity of two words in [0, 1]: the better of their phonetic keys and their letters. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ka = phoneticKey(a);
  const kb = phoneticKey(b);
  if (ka && ka === kb) return 0.97;
  const short = Math.min(ka.length, kb.length);
  if (short < 3) return 0; // "do", "ka": too short to guess at
  const viaKeys = 1 - weightedEditDistance(ka, kb) / Math.max(ka.length, kb.length);
  const viaLetters = 1 - weightedEditDistance(a, b) / Math.max(a.length, b.length);
  let sim = Math.max(viaKeys, viaLetters) * 0.95;
  // A written abbreviation of a long word ("chakki" for "chakkifresh", "masal" for "masala").
  if (ka.length >= 4 && kb.startsWith(ka)) sim = Math.max(sim, 0.85);
  // Short words need to be almost exact: "dal" is not "dahi".
  if (short <= 4 && sim < 0.75) return 0;
  return sim;
}

const SYNONYMS_BY_KEY: Map<string, string[]> = new Map();
for (const [word, target] of lookup(VOCABULARY.synonyms)) {
  const key = phoneticKey(word);
  const targets = target.split(/\s+/).filter(Boolean);
  SYNONYMS_BY_KEY.set(key, [...new Set([...(SYNONYMS_BY_KEY.get(key) ?? []), ...targets])]);
}

/**
 * The catalog words a written word may stand for: itself, plus its vocabulary synonyms found by
 * phonetic key ("cheenii" → sugar, "pyaaz" → onion).
 */
export function expandWord(word: string): string[] {
  const synonyms = SYNONYMS_BY_KEY.get(phoneticKey(word));
  return synonyms ? [...new Set([word, ...synonyms])] : [word];
}

/** Splits normalised text into words and numbers ("atta5kg" → ["atta", "5", "kg"]). */
export function wordsOf(text: string): string[] {
  return normaliseText(text)
    .replace(/[^a-z0-9./]+/g, " ")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .split(/\s+/)
    .map((w) => w.replace(/^[./]+|[./]+$/g, ""))
    .filter(Boolean);
}
