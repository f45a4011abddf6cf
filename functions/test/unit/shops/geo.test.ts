import { geohashForLocation } from "geofire-common";
import { geohashRangesWithin, haversineKm, roundKm } from "../../../src/shops/geo";

function covered(ranges: Array<[string, string]>, lat: number, lng: number): boolean {
  const hash = geohashForLocation([lat, lng], 10);
  return ranges.some(([start, end]) => hash >= start && hash <= end);
}

describe("geo helpers", () => {
  test("haversine with R = 6371 km: one degree of latitude is 111.19 km", () => {
    expect(roundKm(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 }))).toBe(111.19);
    // Indiranagar → Koramangala in the seed: about 4.6 km.
    expect(roundKm(haversineKm({ lat: 12.9719, lng: 77.6412 }, { lat: 12.9352, lng: 77.6245 }))).toBeCloseTo(4.48, 1);
  });

  test("distances across the antimeridian are short, not half the world", () => {
    expect(haversineKm({ lat: 0, lng: 179.99 }, { lat: 0, lng: -179.99 })).toBeLessThan(2.3);
  });

  test("the ranges cover points on both sides of the antimeridian", () => {
    const ranges = geohashRangesWithin({ lat: 0, lng: 179.995 }, 5);
    expect(covered(ranges, 0, -179.995)).toBe(true);
    expect(covered(ranges, 0, 179.99)).toBe(true);
  });

  test("a circle around a pole covers every longitude", () => {
    const ranges = geohashRangesWithin({ lat: 89.99, lng: 0 }, 20);
    for (const lng of [-170, -90, 0, 45, 90, 179]) expect(covered(ranges, 89.95, lng)).toBe(true);
    const south = geohashRangesWithin({ lat: -89.99, lng: 10 }, 20);
    for (const lng of [-170, -90, 0, 90, 179]) expect(covered(south, -89.95, lng)).toBe(true);
  });

  test("ranges never overlap, so no shop is read twice", () => {
    const ranges = geohashRangesWithin({ lat: 12.9719, lng: 77.6412 }, 10);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0] > ranges[i - 1][1]).toBe(true);
  });
});
