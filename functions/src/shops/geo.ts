import { geohashForLocation, geohashQueryBounds } from "geofire-common";
import type { GeoPoint } from "../identity/identity.schema";

/** Geohash of a shop's location (precision 10, about a metre), for nearby-shop queries. */
export function geohashFor(point: GeoPoint): string {
  return geohashForLocation([point.lat, point.lng], 10);
}

/** The Earth's mean radius, as the haversine distances of the seed contract use it. */
export const EARTH_RADIUS_KM = 6371;

const toRadians = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in km between two points (haversine, R = 6371 km). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A distance as the API shows it: km with 2 decimals. */
export function roundKm(km: number): number {
  return Math.round(km * 100) / 100;
}

/**
 * The geohash ranges `[start, end]` (inclusive) whose union holds every point within `radiusKm`
 * of `center` (geofire-common's cells), plus false positives the caller filters by distance.
 * geofire-common wraps the antimeridian itself; near a pole its cells cover only the center's
 * hemisphere of longitudes, so when the circle reaches a pole the ranges of the opposite
 * longitude are added (a circle around a pole spans every longitude).
 */
export function geohashRangesWithin(center: GeoPoint, radiusKm: number): Array<[string, string]> {
  const radiusM = radiusKm * 1000;
  const ranges = geohashQueryBounds([center.lat, center.lng], radiusM);
  const degreesToPole = 90 - Math.abs(center.lat);
  if (degreesToPole * 111.1 <= radiusKm + 1) {
    const opposite = center.lng > 0 ? center.lng - 180 : center.lng + 180;
    ranges.push(...geohashQueryBounds([center.lat, opposite], radiusM));
  }
  return mergeRanges(ranges);
}

/** Sorts ranges and merges overlapping ones, so no document is read twice. */
function mergeRanges(ranges: Array<[string, string]>): Array<[string, string]> {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[string, string]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) {
      if (end > last[1]) last[1] = end;
    } else {
      out.push([start, end]);
    }
  }
  return out;
}
