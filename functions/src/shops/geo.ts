import { geohashForLocation } from "geofire-common";
import type { GeoPoint } from "../identity/identity.schema";

/** Geohash of a shop's location (precision 10, about a metre), for nearby-shop queries. */
export function geohashFor(point: GeoPoint): string {
  return geohashForLocation([point.lat, point.lng], 10);
}
