import { onSchedule } from "firebase-functions/v2/scheduler";
import "../config";

// Stock alerts have no trigger of their own: `onProductWritten` (kpis.triggers.ts), the one
// trigger on products, calls `handleStockAlert` — a second function on the same document would
// double the invocations (and cold starts) of every product write.

/** Nightly (01:30 India time): forecasts every shop's products and rewrites its reorder suggestions. */
export const forecastReplenishmentNightly = onSchedule({ schedule: "30 1 * * *", timeZone: "Asia/Kolkata", timeoutSeconds: 540, memory: "1GiB" }, async () => {
  const { runAllShops } = await import("./replenishment.handlers");
  await runAllShops(`nightly-${new Date().toISOString()}`);
});

/** Daily (08:00 India time): one digest notification per user who asked for it, listing their shops' low and out-of-stock items. */
export const sendStockDigestDaily = onSchedule({ schedule: "0 8 * * *", timeZone: "Asia/Kolkata", timeoutSeconds: 300, memory: "512MiB" }, async () => {
  const { sendDailyDigests } = await import("./stock-alerts.handlers");
  await sendDailyDigests();
});
