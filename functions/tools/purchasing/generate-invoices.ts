import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prng } from "../seed";

/**
 * Deterministic generator of printed distributor bills (GST tax invoices) for the goods-receipt
 * tests: a header with the distributor's name and GSTIN, a table (S.No, Item, HSN, Qty, Rate,
 * Amount), tax and total rows, rendered with @napi-rs/canvas in Debian's DejaVu / Liberation
 * fonts, with a slight tilt, grey paper and noise like a phone photo of a counter copy.
 *
 *   node lib/tools/purchasing/generate-invoices.js --out test/fixtures/purchasing
 *
 * Writes <out>/invoice-N.png and <out>/invoices.json (each bill's lines: item, qty, rate, amount).
 */

export interface InvoiceSpecLine {
  item: string;
  hsn: string;
  qty: number;
  /** Rate per unit in paise. */
  rate_paise: number;
}
export interface InvoiceSpec {
  file: string;
  distributor: string;
  gstin: string;
  invoice_no: string;
  date: string;
  font: "sans" | "mono";
  tilt_deg: number;
  lines: InvoiceSpecLine[];
}

/** The bills the tests read: one clean, one tilted in a monospace font (a dot-matrix look). */
export const INVOICES: InvoiceSpec[] = [
  {
    file: "invoice-1.png",
    distributor: "Sri Lakshmi Agencies",
    gstin: "29AAGCB7383J1Z4",
    invoice_no: "SLA/2026/1187",
    date: "18-11-2026",
    font: "sans",
    tilt_deg: 0,
    lines: [
      { item: "Tata Salt 1kg", hsn: "2501", qty: 24, rate_paise: 2200 },
      { item: "Aashirvaad Atta 5kg", hsn: "1101", qty: 10, rate_paise: 23500 },
      { item: "Parle-G Biscuits 800g", hsn: "1905", qty: 12, rate_paise: 9000 },
      { item: "Surf Excel Easy Wash 1kg", hsn: "3402", qty: 6, rate_paise: 12500 },
    ],
  },
  {
    file: "invoice-2.png",
    distributor: "Ganesh Traders",
    gstin: "27AAPFU0939F1ZV",
    invoice_no: "GT-00452",
    date: "19-11-2026",
    font: "mono",
    tilt_deg: 0.8,
    lines: [
      { item: "Fortune Sunflower Oil 1L", hsn: "1512", qty: 12, rate_paise: 14800 },
      { item: "Toor Dal 1kg", hsn: "0713", qty: 8, rate_paise: 16000 },
      { item: "Maggi Noodles 280g", hsn: "1902", qty: 30, rate_paise: 5200 },
    ],
  },
];

const FONT_FILES: Record<InvoiceSpec["font"], { path: string; bold: string; family: string }> = {
  sans: { path: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", family: "DejaVu Sans" },
  mono: { path: "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", bold: "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf", family: "Liberation Mono" },
};

function money(paise: number): string {
  return (paise / 100).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Renders one bill as a PNG (the same spec always gives the same bytes). */
export async function renderInvoice(spec: InvoiceSpec, seed = 13): Promise<Buffer> {
  const { createCanvas, GlobalFonts } = await import("@napi-rs/canvas");
  const font = FONT_FILES[spec.font];
  GlobalFonts.registerFromPath(font.path, font.family);
  GlobalFonts.registerFromPath(font.bold, `${font.family} Bold`);
  const random = prng(seed);
  const width = 1200;
  const height = 420 + spec.lines.length * 44 + 220;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#f4f1ea";
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((spec.tilt_deg * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = "#1c1c1c";
  const text = (s: string, x: number, y: number, size: number, bold = false, align: "left" | "right" = "left") => {
    ctx.font = `${size}px "${bold ? `${font.family} Bold` : font.family}"`;
    ctx.textAlign = align;
    ctx.fillText(s, x, y);
  };
  text(spec.distributor.toUpperCase(), 60, 80, 40, true);
  text("Wholesale distributors of FMCG goods, Bengaluru", 60, 120, 22);
  text(`GSTIN: ${spec.gstin}`, 60, 156, 22);
  text("TAX INVOICE", width - 60, 80, 30, true, "right");
  text(`Invoice No: ${spec.invoice_no}`, width - 60, 120, 22, false, "right");
  text(`Date: ${spec.date}`, width - 60, 156, 22, false, "right");
  text("Bill to: Test Kirana, 4th Main, Jayanagar", 60, 200, 22);
  // The table: column positions as a printed bill has them.
  const cols = { sno: 60, item: 130, hsn: 610, qty: 800, rate: 960, amount: width - 60 };
  let y = 270;
  ctx.fillRect(50, y - 40, width - 100, 2);
  text("S.No", cols.sno, y, 24, true);
  text("Item", cols.item, y, 24, true);
  text("HSN", cols.hsn, y, 24, true);
  text("Qty", cols.qty, y, 24, true, "right");
  text("Rate", cols.rate, y, 24, true, "right");
  text("Amount", cols.amount, y, 24, true, "right");
  ctx.fillRect(50, y + 14, width - 100, 2);
  y += 60;
  let subtotal = 0;
  spec.lines.forEach((l, i) => {
    const amount = l.qty * l.rate_paise;
    subtotal += amount;
    text(String(i + 1), cols.sno, y, 24);
    text(l.item, cols.item, y, 24);
    text(l.hsn, cols.hsn, y, 24);
    text(String(l.qty), cols.qty, y, 24, false, "right");
    text(money(l.rate_paise), cols.rate, y, 24, false, "right");
    text(money(amount), cols.amount, y, 24, false, "right");
    y += 44;
  });
  ctx.fillRect(50, y - 24, width - 100, 2);
  y += 20;
  const gst = Math.round(subtotal * 0.025);
  for (const [label, value, bold] of [["Sub Total", subtotal, false], ["CGST 2.5%", gst, false], ["SGST 2.5%", gst, false], ["Grand Total", subtotal + 2 * gst, true]] as const) {
    text(label, cols.rate, y, 24, bold, "right");
    text(money(value), cols.amount, y, 24, bold, "right");
    y += 40;
  }
  // Paper noise: faint specks, the same for the same seed.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  for (let i = 0; i < 1500; i++) {
    ctx.fillStyle = `rgba(60,60,60,${0.05 + random() * 0.15})`;
    ctx.fillRect(random() * width, random() * height, 1 + random() * 2, 1 + random() * 2);
  }
  return canvas.encode("png");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf("--out");
  const out = i >= 0 ? args[i + 1] : "test/fixtures/purchasing";
  mkdirSync(out, { recursive: true });
  for (const [n, spec] of INVOICES.entries()) writeFileSync(join(out, spec.file), await renderInvoice(spec, 13 + n));
  writeFileSync(join(out, "invoices.json"), `${JSON.stringify(INVOICES, null, 1)}\n`);
  console.error(`wrote ${INVOICES.length} bills to ${out}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
