import { randomUUID } from "node:crypto";
import { defineRoute } from "../platform/http/route";
import { requireShop } from "../identity/actor";
import { AlertSettingsResponse, RunResponse, SuggestionPage, SuggestionsQuery, UpdateAlertSettingsBody } from "./replenishment.schema";
import { decodeSuggestionCursor, encodeSuggestionCursor, toSuggestionResponse } from "./replenishment.service";
import { listSuggestions, readAlertSettings, updateAlertSettings } from "./replenishment.repository";
import { logAlertSettingsUpdated } from "./replenishment.logs";
import { now } from "../platform/clock";

/** Reorder suggestions, runs on demand, and the caller's stock-alert settings. */
export const replenishmentRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/replenishment/suggestions",
      summary: "What to reorder now, and why (owner and staff)",
      description:
        "The products of a shop (`?shopId=` or X-Shop-Id; default the caller's current shop) whose stock position " +
        "(on hand + on order) is at or below the reorder point, as the last run (nightly at 01:30 India time, or " +
        "`POST /v1/replenishment/runs`) computed it. Each carries the supplier to buy from (lowest unit price, then " +
        "shortest lead time; null when none carries the SKU), the order quantity in whole packs (raised to meet the " +
        "supplier's minimum order), the ABC class and its service level, and the reasoning: demand per day and its " +
        "standard deviation, lead time, safety stock, reorder point, on hand, on order, EOQ and the 14-day forecast. " +
        "In product-id order, paginated with `limit` (≤ 100) and `cursor`.",
      tags: ["replenishment"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      query: SuggestionsQuery,
      responses: { 200: { description: "A page of suggestions", schema: SuggestionPage } },
      errors: [400, 403],
    },
    async ({ actor, shopId, query }) => {
      const scope = requireShop(actor, shopId);
      const afterId = query.cursor ? decodeSuggestionCursor(scope.shopId, query.cursor) : null;
      const page = await listSuggestions(scope.shopId, query.limit, afterId);
      return {
        status: 200,
        body: { items: page.items.map(toSuggestionResponse), next_cursor: page.more && page.lastId ? encodeSuggestionCursor(scope.shopId, page.lastId) : null },
      };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/replenishment/runs",
      summary: "Forecast and recompute a shop's reorder suggestions now (owner)",
      description:
        "Runs what the nightly job runs, for one shop, and answers when the forecasts and suggestions are stored. " +
        "History ends with yesterday (India time); today is the first forecast day. Safe to repeat.",
      tags: ["replenishment"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      responses: { 201: { description: "The run", schema: RunResponse } },
      errors: [400, 403, 404],
    },
    async ({ actor, shopId }) => {
      const scope = requireShop(actor, shopId, ["owner"]);
      const { runShop } = await import("./replenishment.handlers");
      const run = await runShop(scope.shopId, { runId: `owner-${randomUUID()}`, trigger: `owner:${actor.uid}` });
      return {
        status: 201,
        body: { run_id: run.run_id, shop_id: run.shop_id, products: run.products, skipped: run.skipped, suggestions: run.suggestions, removed: run.removed, started_at: run.started_at.toISOString(), finished_at: run.finished_at.toISOString() },
      };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/users/me/stock-alert-settings",
      summary: "Your stock-alert settings",
      description: "`instant`: a notification at every low / out-of-stock crossing (default on). `daily_digest`: one notification a day at 08:00 India time listing the low and out-of-stock items of your shops (default off).",
      tags: ["replenishment"],
      auth: "user",
      operation: "read",
      responses: { 200: { description: "Settings", schema: AlertSettingsResponse } },
      errors: [],
    },
    async ({ actor }) => {
      const s = await readAlertSettings(actor.uid);
      return { status: 200, body: { instant: s.instant, daily_digest: s.daily_digest, updated_at: s.updated_at ? s.updated_at.toISOString() : null } };
    },
  ),
  defineRoute(
    {
      method: "put",
      path: "/v1/users/me/stock-alert-settings",
      summary: "Choose instant stock alerts, a daily digest, or both",
      description: "Give either field or both; the other keeps its value.",
      tags: ["replenishment"],
      auth: "user",
      operation: "update",
      body: UpdateAlertSettingsBody,
      responses: { 200: { description: "The new settings", schema: AlertSettingsResponse } },
      errors: [400, 415],
    },
    async ({ actor, body }) => {
      const s = await updateAlertSettings(actor.uid, body, now());
      logAlertSettingsUpdated({ uid: actor.uid, instant: s.instant, dailyDigest: s.daily_digest });
      return { status: 200, body: { instant: s.instant, daily_digest: s.daily_digest, updated_at: s.updated_at.toISOString() } };
    },
  ),
];
