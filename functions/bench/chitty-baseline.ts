import type { CatalogProduct } from "../src/chitty/chitty.catalog";

/**
 * The old system's chitty matcher, reimplemented faithfully for the benchmark (see
 * shared SEED-CONTRACTS.md): lines split on newlines and stripped, kept when longer than 2
 * characters with a Latin letter; each lower-cased line scored against every product name,
 * lower-cased, with difflib.SequenceMatcher(None, line, name).ratio(), raised to 0.75 when
 * either contains the other; the best product wins when its score is above 0.40. No quantities
 * (every match counts 1).
 */

/** A port of Python's difflib.SequenceMatcher (isjunk=None, autojunk=True): ratio() only. */
export class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();

  constructor(
    private readonly a: string,
    private readonly b: string,
  ) {
    const n = b.length;
    for (let i = 0; i < n; i++) {
      const ch = b[i];
      const list = this.b2j.get(ch);
      if (list) list.push(i);
      else this.b2j.set(ch, [i]);
    }
    // autojunk: in sequences of 200+ items, items occurring more than 1% (+1) of the time are junk.
    if (n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [ch, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(ch);
    }
  }

  private findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
    let [besti, bestj, bestsize] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of this.b2j.get(this.a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = newj2len;
    }
    // isjunk=None: no junk, so (as difflib does) extend over equal neighbours, popular ones included.
    while (besti > alo && bestj > blo && this.a[besti - 1] === this.b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && this.a[besti + bestsize] === this.b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  /** Sum of the sizes of the matching blocks (difflib's get_matching_blocks). */
  private matches(): number {
    const queue: Array<[number, number, number, number]> = [[0, this.a.length, 0, this.b.length]];
    let total = 0;
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const [i, j, k] = this.findLongestMatch(alo, ahi, blo, bhi);
      if (k) {
        total += k;
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    return total;
  }

  /** 2·M / T, as difflib. */
  ratio(): number {
    const t = this.a.length + this.b.length;
    return t ? (2 * this.matches()) / t : 1;
  }
}

/** The old matcher on a block of OCR text: one {sku, quantity: 1} per matched line. */
export function oldMatch(text: string, products: CatalogProduct[]): Array<{ sku: string; quantity: number }> {
  const out: Array<{ sku: string; quantity: number }> = [];
  const names = products.map((p) => ({ sku: p.sku, name: p.name.toLowerCase() }));
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line.length <= 2 || !/[A-Za-z]/.test(line)) continue;
    const lower = line.toLowerCase();
    let best: { sku: string; score: number } | null = null;
    for (const p of names) {
      let score = new SequenceMatcher(lower, p.name).ratio();
      if (lower.includes(p.name) || p.name.includes(lower)) score = Math.max(score, 0.75);
      if (!best || score > best.score) best = { sku: p.sku, score };
    }
    if (best && best.score > 0.4) out.push({ sku: best.sku, quantity: 1 });
  }
  return out;
}
