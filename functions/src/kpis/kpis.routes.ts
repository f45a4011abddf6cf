import { defineRoute } from "../platform/http/route";
import { requireShop, type Actor } from "../identity/actor";
import { KpisResponse, ReconcileResponse } from "./kpis.schema";
import { toKpisResponse } from "./kpis.service";
import { currentShopTotals, reconcileShop } from "./kpis.reconcile";
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
        "Right as soon as a write through the API (products, adjustments, imports) has answered: those writes apply " +
        "their KPI change in their own transaction, and this route sums the shop's KPI shards (16 document reads per shop). " +
        "Direct SDK writes and offline edits are included once the product trigger has run (seconds). Clients may listen to " +
        "`shops/{shopId}/kpis/summary` for live updates; it is rolled up from the shards at most once a second. `orders`: today's (Asia/Kolkata) orders, revenue, orders by status and " +
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
      const [shops, orders] = await Promise.all([currentShopTotals(shopIds), readOrderKpis(shopIds)]);
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
