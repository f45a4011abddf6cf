import type { RowCell } from "../chitty/chitty.ocr";
import { PO_BOUNDS } from "./purchase-orders.schema";
import { PRODUCT_BOUNDS } from "../inventory/products.schema";

/**
 * Reading a printed distributor invoice from OCR rows: the table's header row (Qty, Rate,
 * Amount) gives the columns' positions, and each row's numbers are taken from the column they
 * sit under; without a header the last three numbers of a row are quantity, rate and amount.
 * A row is an item line only when quantity × rate agrees with the amount (to a rupee or 1 %),
 * or when rate and amount give a whole quantity; totals, tax and address rows are left out.
 */

/** One item line of the bill. */
export interface InvoiceLine {
  line_no: number;
  raw_text: string;
  item_text: string;
  quantity: number;
  rate_paise: number;
  amount_paise: number;
  /** The printed quantity × rate agrees with the amount (false: the quantity was derived from amount ÷ rate). */
  arithmetic_ok: boolean;
}

/** Most rows read from one bill. */
export const MAX_INVOICE_ROWS = 200;

interface Token {
  text: string;
  cx: number;
}

const NOT_ITEM = /\b(sub\s*-?total|total|grand|net|gst|cgst|sgst|igst|cess|round(ed)?|discount|invoice|bill|gstin|phone|mob|date|amount in words|rupees|balance|paid|due|tax)\b/i;

/** Splits cells into words, placing each word at its share of the cell's width. */
function tokensOf(cells: RowCell[]): Token[] {
  const out: Token[] = [];
  for (const c of cells) {
    const words = c.text.split(/\s+/).filter(Boolean);
    const len = Math.max(c.text.length, 1);
    let offset = 0;
    for (const w of words) {
      const at = c.text.indexOf(w, offset);
      offset = at + w.length;
      const mid = (at + w.length / 2) / len;
      out.push({ text: w, cx: c.x + (c.xEnd - c.x) * mid });
    }
  }
  return out;
}

/** "1,250.00", "Rs.45", "₹ 20.5", "45,50" (a comma read for the decimal point) → paise; null if not money. */
export function moneyToPaise(text: string): number | null {
  let t = text.replace(/^(rs\.?|₹|inr)/i, "").replace(/[/-]+$/, "");
  if (/^\d+,\d{2}$/.test(t)) t = t.replace(",", ".");
  t = t.replace(/,/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

function isNumberToken(text: string): boolean {
  return moneyToPaise(text) !== null;
}

/** The x-centres of the quantity, rate and amount columns, when this row is the table's header. */
export function headerColumns(cells: RowCell[]): { qty: number; rate: number; amount: number } | null {
  const tokens = tokensOf(cells);
  const find = (re: RegExp) => tokens.find((t) => re.test(t.text))?.cx;
  const qty = find(/^(qty|qnty|quantity|qty\.)$/i);
  const rate = find(/^(rate|price|mrp\/rate|rate\/unit)$/i);
  const amount = find(/^(amount|amt|value|total)$/i);
  return qty !== undefined && rate !== undefined && amount !== undefined && qty < rate && rate < amount ? { qty, rate, amount } : null;
}

function consistent(qty: number, rate: number, amount: number): boolean {
  const product = qty * rate;
  return Math.abs(product - amount) <= Math.max(100, amount * 0.01);
}

/** Reads one row; null when it is not an item line. */
export function parseInvoiceRow(cells: RowCell[], columns: { qty: number; rate: number; amount: number } | null, lineNo: number): InvoiceLine | null {
  const tokens = tokensOf(cells);
  const raw = cells.map((c) => c.text).join(" ");
  const numeric = tokens.map((t, i) => ({ ...t, i })).filter((t) => isNumberToken(t.text));
  if (numeric.length < 2) return null;
  type Pick = (typeof numeric)[number];
  const triples: Pick[][] = [];
  if (columns) {
    // The numbers nearest the header's columns; merged OCR boxes place words only roughly, so
    // the picks are then put back in reading order (quantity, rate, amount run left to right).
    const gap = Math.min(columns.rate - columns.qty, columns.amount - columns.rate) / 2;
    const nearest = (x: number) => numeric.filter((t) => Math.abs(t.cx - x) <= gap * 2).sort((a, b) => Math.abs(a.cx - x) - Math.abs(b.cx - x))[0];
    const picked = [nearest(columns.qty), nearest(columns.rate), nearest(columns.amount)];
    if (picked.every(Boolean) && new Set(picked.map((p) => p.i)).size === 3) triples.push(picked.sort((a, b) => a.i - b.i));
  }
  if (numeric.length >= 3) triples.push(numeric.slice(-3));
  const valueOf = (p: Pick) => moneyToPaise(p.text) as number;
  let found: { qty: number; rate: number; amount: number; first: number; ok: boolean } | null = null;
  for (const [q, r, a] of triples) {
    const qty = valueOf(q);
    if (qty % 100 === 0 && valueOf(r) > 0 && consistent(qty / 100, valueOf(r), valueOf(a))) {
      found = { qty: qty / 100, rate: valueOf(r), amount: valueOf(a), first: q.i, ok: true };
      break;
    }
  }
  if (!found) {
    // No quantity agrees: the last two numbers are rate and amount, and give the quantity when
    // they divide cleanly (a misread or missing quantity); otherwise the row is not an item.
    const [r, a] = numeric.slice(-2);
    const rate = valueOf(r);
    const amount = valueOf(a);
    const derived = rate > 0 ? Math.round(amount / rate) : 0;
    if (derived >= 1 && consistent(derived, rate, amount)) found = { qty: derived, rate, amount, first: r.i, ok: false };
  }
  if (!found) return null;
  const { qty: quantity, rate, amount, ok } = found;
  if (quantity < 1 || quantity > PO_BOUNDS.maxLineQuantity || rate > PRODUCT_BOUNDS.maxPricePaise) return null;
  const words = tokens.slice(0, found.first).map((t) => t.text);
  // A leading serial number ("1", "1.", "01)") and an HSN code (4–8 digits) are not the item's name.
  while (words.length > 1 && (/^\d{1,3}[.)]?$/.test(words[0]) || /^[^a-z]?[A-Za-z0-9][.)]?$/.test(words[0]))) words.shift();
  const kept = words.filter((w) => !/^\d{4,8}$/.test(w));
  // Numbers of other columns (discount, a garbled quantity like "3O") trail the name: drop them.
  while (kept.length > 1 && /^(?=.*\d)[0-9OoIl.,%]+$/.test(kept[kept.length - 1])) kept.pop();
  const item = kept.join(" ").trim();
  if (!item || !/[a-z]/i.test(item) || NOT_ITEM.test(item)) return null;
  return { line_no: lineNo, raw_text: raw, item_text: item, quantity, rate_paise: rate, amount_paise: amount, arithmetic_ok: ok };
}

/** Reads every item line of a bill from its OCR rows, top to bottom. */
export function parseInvoiceRows(rows: RowCell[][]): InvoiceLine[] {
  let columns: { qty: number; rate: number; amount: number } | null = null;
  const lines: InvoiceLine[] = [];
  for (const cells of rows.slice(0, MAX_INVOICE_ROWS)) {
    const header = headerColumns(cells);
    if (header) {
      columns = header;
      continue;
    }
    const line = parseInvoiceRow(cells, columns, lines.length + 1);
    if (line) lines.push(line);
  }
  return lines;
}

/** Rows from plain text lines (an engine without positions): one cell per line, words evenly spaced. */
export function textLinesToRows(lines: string[]): RowCell[][] {
  return lines.map((l) => [{ text: l, x: 0, xEnd: l.length * 10 }]);
}
