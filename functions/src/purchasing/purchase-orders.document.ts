import { istDate } from "../orders/orders.service";
import type { PurchaseOrderDoc } from "./purchase-orders.schema";

/**
 * The purchase order as people read it: a plain-text message to forward on WhatsApp, and a PDF
 * (pdfkit, loaded on first use only by the PDF route). Dates are Asia/Kolkata days.
 */

/** ₹1,23,456.50 with Indian digit grouping (the PDF's standard font has no ₹: it uses "Rs."). */
export function formatRupees(paise: number, symbol = "₹"): string {
  return `${symbol}${(paise / 100).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A short reference people can say on the phone: the last 8 characters of the id, upper-cased. */
export function poReference(poId: string): string {
  return `PO-${poId.slice(-8).toUpperCase()}`;
}

function quantityText(qty: number, pack: number): string {
  if (pack > 1 && qty % pack === 0) return `${qty} units (${qty / pack} × ${pack})`;
  return `${qty} units`;
}

/** The order as a plain-text message (one line per item, then the total). */
export function purchaseOrderMessage(poId: string, po: PurchaseOrderDoc, shopName: string): string {
  const lines = po.lines
    .filter((l) => l.ordered_qty > 0)
    .map((l, i) => `${i + 1}. ${l.name} (${l.sku}) — ${quantityText(l.ordered_qty, l.pack_size)} @ ${formatRupees(l.unit_cost_paise)} = ${formatRupees(l.unit_cost_paise * l.ordered_qty)}`);
  return [
    `Purchase order ${poReference(poId)}`,
    `From: ${shopName}`,
    `To: ${po.supplier_name}`,
    `Date: ${istDate(po.sent_at ?? po.created_at)}`,
    "",
    ...lines,
    "",
    `Total: ${formatRupees(po.total_paise)}`,
    ...(po.notes ? [`Notes: ${po.notes}`] : []),
    "Please confirm the delivery date. Thank you.",
  ].join("\n");
}

/** A wa.me link that opens WhatsApp with the message addressed to the supplier. */
export function whatsappUrl(phone: string, message: string): string {
  return `https://wa.me/${phone.replace(/\D/g, "")}?text=${encodeURIComponent(message)}`;
}

/** The order as a one-page-per-40-lines A4 PDF. */
export async function purchaseOrderPdf(poId: string, po: PurchaseOrderDoc, shopName: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 40, info: { Title: `Purchase order ${poReference(poId)}`, Author: shopName, CreationDate: po.created_at } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // The standard fonts cover Latin-1 only; anything else in user text is replaced, never thrown on.
  const safe = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
  doc.fontSize(18).text(`Purchase order ${poReference(poId)}`);
  doc.moveDown(0.5).fontSize(10);
  doc.text(`From: ${safe(shopName)}`);
  doc.text(`To: ${safe(po.supplier_name)} (${po.supplier_phone})`);
  doc.text(`Date: ${istDate(po.sent_at ?? po.created_at)}    Status: ${po.status}`);
  doc.moveDown();
  const cols = [40, 70, 330, 400, 470];
  const header = (y: number) => {
    doc.font("Helvetica-Bold");
    ["#", "Item", "Qty", "Rate", "Amount"].forEach((h, i) => doc.text(h, cols[i], y, { width: i === 1 ? 250 : 70 }));
    doc.font("Helvetica");
  };
  let y = doc.y;
  header(y);
  y += 18;
  po.lines.forEach((l, i) => {
    if (y > 760) {
      doc.addPage();
      y = 40;
      header(y);
      y += 18;
    }
    const cells = [String(i + 1), safe(`${l.name} (${l.sku})`), String(l.ordered_qty), formatRupees(l.unit_cost_paise, "Rs."), formatRupees(l.unit_cost_paise * l.ordered_qty, "Rs.")];
    cells.forEach((c, j) => doc.text(c, cols[j], y, { width: j === 1 ? 250 : 80, lineBreak: false, ellipsis: true }));
    y += 16;
  });
  doc.font("Helvetica-Bold").text(`Total: ${formatRupees(po.total_paise, "Rs.")}`, 40, y + 10);
  if (po.notes) doc.font("Helvetica").text(`Notes: ${safe(po.notes)}`, 40, y + 28);
  doc.end();
  return done;
}
