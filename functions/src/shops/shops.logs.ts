import { logEvent } from "../platform/logger";

/** An owner opened another shop. */
export function logShopCreated(f: { shopId: string; actorId: string; latencyMs: number }): void {
  logEvent("shop.created", f);
}

/** An owner changed a shop's details. */
export function logShopUpdated(f: { shopId: string; actorId: string; changed: string[]; latencyMs: number }): void {
  logEvent("shop.updated", f);
}

/** A nearby query ran: how many documents the geohash ranges read for how many shops returned. */
export function logNearbyQueried(f: { ranges: number; read: number; returned: number; radiusKm: number; capped: boolean; latencyMs: number }): void {
  logEvent("shops.nearby-queried", f);
}
