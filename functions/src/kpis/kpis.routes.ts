import { defineRoute } from "../platform/http/route";
import { requireShop, type Actor } from "../identity/actor";
import { KpisResponse, ReconcileResponse } from "./kpis.schema";
import { emptyTotals, toKpisResponse } from "./kpis.service";
import { readSummaries } from "./kpis.repository";
import { reconcileShop } from "./kpis.reconcile";
import { readOrderKpis } from "../orders/orders.service";

/** Which shops a dashboard request covers: the named shop, the caller's only shop, or an owner's chain. */
export function kpiScope(actor: Actor, explicitShopId: string | undefined): { scope: "shop" | "chain"; shopIds: string[] } {
  if (explicitShopId) return { scope: "shop", shopIds: [requireShop(actor, explicitShopId).shopId] };
  const memberships = Object.keys(actor.shops);
  const owned = memberships.filter((id) => actor.shops[id] === "owner").sort();
  if (memberships.length === 1) return { scope: "shop", shopIds: memberships };
  if (owned.length > 0) return { scope: "chain", shopIds: owned };
  return { scope: "shop", shopIds: [requireShop(actor, undefined).shopId] };
}

/** Dashboard KPIs: one document read per shop, whatever the catalog size. */
export const kpisRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/dashboard/kpis",
      summary: "Stock KPIs of a shop, or of the owner's chain",
      description:
        "Number of products (`total_items`), units, stock value (`total_stock_value` in rupees, `total_stock_value_paise` exact), " +
        "low-stock and out-of-stock counts, overall and per category. With `?shopId=` (or X-Shop-Id): that shop. Without: the " +
        "caller's only shop, or, for an owner of several shops, the whole chain (summed, with a per-shop breakdown). " +
        "Reads one KPI document per shop, kept exact by a trigger on product writes; clients may listen to " +
        "`shops/{shopId}/kpis/summary` directly for live updates. `orders`: today's (Asia/Kolkata) orders, revenue, orders by status and " +
        "average preparation time, from `shops/{shopId}/kpis/orders-{YYYY-MM-DD}`.",
      tags: ["kpis"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      responses: { 200: { description: "KPIs", schema: KpisResponse } },
      errors: [400, 403],
    },
    async ({ actor, shopId }) => {
      const { scope, shopIds } = kpiScope(actor, shopId);
      const [summaries, orders] = await Promise.all([readSummaries(shopIds), readOrderKpis(shopIds)]);
      const shops = shopIds.map((id) => {
        const s = summaries.get(id) ?? null;
        return { shopId: id, totals: s?.totals ?? emptyTotals(), updatedAt: s?.rolledUpAt ?? null };
      });
      return { status: 200, body: { ...toKpisResponse(scope, shops), orders } };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/dashboard/kpis/reconcile",
      summary: "Recompute a shop's KPIs from its products and repair drift (owner)",
      description: "Runs the same reconciliation as the nightly job for one shop and reports what it found. Safe to repeat.",
      tags: ["kpis"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      responses: { 200: { description: "Reconciled", schema: ReconcileResponse } },
      errors: [400, 403],
    },
    async ({ actor, shopId }) => {
      const scope = requireShop(actor, shopId, ["owner"]);
      return { status: 200, body: await reconcileShop(scope.shopId, { trigger: `owner:${actor.uid}` }) };
    },
  ),
];
