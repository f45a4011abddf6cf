/**
 * A small bundled gazetteer of Indian localities (name, city, PIN code, centre), so a customer
 * without geolocation finds nearby shops by typing where they are. Not a geocoder: a locality
 * not listed here is simply not found, and the screen says so.
 */
import localities from "./gazetteer.json";

export interface Locality {
  name: string;
  city: string;
  pin: string;
  lat: number;
  lng: number;
}

export const LOCALITIES: readonly Locality[] = localities as Locality[];

/** Lower-case, accents and punctuation folded to spaces: "T. Nagar" → "t nagar". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Localities matching what was typed, best first: a 6-digit PIN code matches exactly (a PIN
 * prefix of 3+ digits matches its area); words match the starts of the name's or city's words
 * ("kora" → Koramangala, "indira blr" fails, "koramangala bengaluru" → Koramangala).
 */
export function findLocalities(query: string, list: readonly Locality[] = LOCALITIES, limit = 8): Locality[] {
  const q = fold(query);
  if (!q) return [];
  if (/^\d+$/.test(q)) {
    if (q.length < 3) return [];
    return list.filter((l) => l.pin.startsWith(q)).sort((a, b) => Number(b.pin === q) - Number(a.pin === q)).slice(0, limit);
  }
  const words = q.split(" ");
  const scored: { locality: Locality; score: number }[] = [];
  for (const locality of list) {
    const name = fold(locality.name);
    const haystack = `${name} ${fold(locality.city)} ${locality.pin}`.split(" ");
    if (!words.every((w) => haystack.some((h) => h.startsWith(w)))) continue;
    // An exact name beats a name that starts with the query, which beats a word match.
    const score = name === q ? 0 : name.startsWith(q) ? 1 : 2;
    scored.push({ locality, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.locality.name.length - b.locality.name.length || a.locality.name.localeCompare(b.locality.name))
    .slice(0, limit)
    .map((s) => s.locality);
}

/** "Koramangala, Bengaluru 560095". */
export function localityLabel(l: Locality): string {
  return `${l.name}, ${l.city} ${l.pin}`;
}
