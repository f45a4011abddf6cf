// Deployed functions; the exported name is the deployed name. No logic here.
export { api } from "./api/api.function";
export { onProductEditCreated } from "./inventory/product-edits.triggers";
export { onProductWritten, rollUpKpis, reconcileKpisNightly } from "./kpis/kpis.triggers";
export { onOrderWritten, onOrderRequestCreated } from "./orders/orders.triggers";
export { onChittyUploaded } from "./chitty/chitty.triggers";
export { forecastReplenishmentNightly, sendStockDigestDaily } from "./replenishment/replenishment.triggers";
