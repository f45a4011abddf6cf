import { describe, expect, it } from "vitest";
import { addToCart, cartItems, cartKey, cartTotalPaise, cartUnits, emptyCart, parseCart, rupeesToPaise, setQuantity } from "../src/features/storefront/cart";
import { distanceKm, formatDistance } from "../src/features/storefront/geo";
import { findLocalities, LOCALITIES } from "../src/features/storefront/gazetteer";
import { dateToIstLocal, firstPickupSlot, isOpenAt, istLocalToDate, pickupProblem, toIstIso, type OpeningHours } from "../src/features/storefront/pickup";

const atta = { product_id: "p-atta", name: "Aashirvaad Atta 5kg", unit_price_paise: 28500, stock: 3 };
const salt = { product_id: "p-salt", name: "Tata Salt 1kg", unit_price_paise: 2800, stock: 50 };

describe("cart", () => {
  it("adds, counts and totals lines in paise", () => {
    let cart = addToCart(emptyCart("s1"), atta);
    cart = addToCart(cart, salt, 2);
    cart = addToCart(cart, atta);
    expect(cartUnits(cart)).toBe(4);
    expect(cartTotalPaise(cart)).toBe(2 * 28500 + 2 * 2800);
    expect(cartItems(cart)).toEqual([
      { product_id: "p-atta", quantity: 2 },
      { product_id: "p-salt", quantity: 2 },
    ]);
  });
  it("never asks for more than the stock or 999, and removes a line at zero", () => {
    const cart = setQuantity(emptyCart("s1"), atta, 10);
    expect(cart.lines[0].quantity).toBe(3);
    expect(setQuantity(emptyCart("s1"), { ...salt, stock: 5000 }, 5000).lines[0].quantity).toBe(999);
    expect(addToCart(cart, atta, -3).lines).toEqual([]);
    expect(setQuantity(cart, atta, Number.NaN).lines).toEqual([]);
  });
  it("reads a stored cart back and drops what is corrupt or belongs to another shop", () => {
    const cart = addToCart(emptyCart("s1"), salt, 2);
    expect(parseCart(JSON.stringify(cart), "s1")).toEqual(cart);
    expect(parseCart(JSON.stringify(cart), "s2")).toEqual(emptyCart("s2"));
    expect(parseCart("{not json", "s1")).toEqual(emptyCart("s1"));
    const tampered = { shop_id: "s1", lines: [{ ...salt, quantity: -1 }, { ...salt, unit_price_paise: 1.5, quantity: 1 }, { ...atta, quantity: 1 }] };
    expect(parseCart(JSON.stringify(tampered), "s1").lines.map((l) => l.product_id)).toEqual(["p-atta"]);
    expect(cartKey("u1", "s1")).toBe("kirana.cart.u1.s1");
  });
  it("converts API rupees to paise without float drift", () => {
    expect(rupeesToPaise(52.1)).toBe(5210);
    expect(rupeesToPaise(0.29)).toBe(29);
    expect(rupeesToPaise(1234567.89)).toBe(123456789);
  });
});

describe("distance", () => {
  it("measures the seed shops ~4.6 km apart (haversine, R = 6371 km)", () => {
    const d = distanceKm({ lat: 12.9719, lng: 77.6412 }, { lat: 12.9352, lng: 77.6245 });
    expect(d).toBeGreaterThan(4.4);
    expect(d).toBeLessThan(4.6);
    expect(distanceKm({ lat: 10, lng: 10 }, { lat: 10, lng: 10 })).toBe(0);
  });
  it("shows metres under a kilometre and km above", () => {
    expect(formatDistance(0.42)).toBe("420 m");
    expect(formatDistance(0)).toBe("10 m");
    expect(formatDistance(3.456)).toBe("3.5 km");
    expect(formatDistance(12.3)).toBe("12 km");
    expect(formatDistance(Number.NaN)).toBe("—");
  });
});

describe("gazetteer", () => {
  it("finds the seed shops' localities by name, by word start and by PIN code", () => {
    expect(findLocalities("Indiranagar")[0].pin).toBe("560038");
    expect(findLocalities("kora")[0].name).toBe("Koramangala");
    expect(findLocalities("560095").map((l) => l.name)).toEqual(["Koramangala"]);
    expect(findLocalities("5600").length).toBeGreaterThan(5);
    expect(findLocalities("t. nagar")[0].city).toBe("Chennai");
    expect(findLocalities("koramangala bengaluru")[0].name).toBe("Koramangala");
  });
  it("finds nothing for unknown places, empty text and too-short PINs", () => {
    expect(findLocalities("Atlantis")).toEqual([]);
    expect(findLocalities("   ")).toEqual([]);
    expect(findLocalities("56")).toEqual([]);
    expect(findLocalities("__proto__")).toEqual([]);
  });
  it("has well-formed entries (6-digit PINs, coordinates inside India)", () => {
    for (const l of LOCALITIES) {
      expect(l.pin).toMatch(/^\d{6}$/);
      expect(l.lat).toBeGreaterThan(6);
      expect(l.lat).toBeLessThan(37);
      expect(l.lng).toBeGreaterThan(68);
      expect(l.lng).toBeLessThan(98);
    }
  });
});

describe("pickup time", () => {
  const hours: OpeningHours = { mon: [{ open: "07:00", close: "22:00" }], sun: [{ open: "07:30", close: "13:30" }, { open: "16:30", close: "21:30" }] };
  // Monday 23 Nov 2026, 10:00 IST = 04:30 UTC.
  const now = new Date("2026-11-23T04:30:00Z");

  it("reads a datetime-local value as IST whatever the device's zone", () => {
    expect(istLocalToDate("2026-11-23T18:30")?.toISOString()).toBe("2026-11-23T13:00:00.000Z");
    expect(dateToIstLocal(new Date("2026-11-23T13:00:00Z"))).toBe("2026-11-23T18:30");
    expect(toIstIso(new Date("2026-11-23T13:00:00Z"))).toBe("2026-11-23T18:30:00+05:30");
    expect(istLocalToDate("2026-02-31T10:00")).toBeNull();
    expect(istLocalToDate("tomorrow")).toBeNull();
  });
  it("accepts a future time inside the opening hours", () => {
    expect(pickupProblem("2026-11-23T18:30", hours, now)).toBeNull();
    expect(pickupProblem("2026-11-29T12:00", hours, now)).toBeNull(); // Sunday morning
  });
  it("refuses times when the shop is closed, in the past, too soon or too far ahead", () => {
    expect(pickupProblem("2026-11-23T22:00", hours, now)).toMatch(/closed/); // closing minute
    expect(pickupProblem("2026-11-29T14:00", hours, now)).toMatch(/closed/); // Sunday break
    expect(pickupProblem("2026-11-24T10:00", hours, now)).toMatch(/closed/); // Tuesday: no hours
    expect(pickupProblem("2026-11-23T09:00", hours, now)).toMatch(/at least/);
    expect(pickupProblem("2026-11-23T10:05", hours, now)).toMatch(/at least/);
    expect(pickupProblem("2026-12-14T10:00", hours, now)).toMatch(/14 days/);
    expect(pickupProblem("", hours, now)).toMatch(/Choose/);
  });
  it("treats a shop without published hours as always open, and offers the first open slot", () => {
    expect(isOpenAt(null, now)).toBe(true);
    expect(pickupProblem("2026-11-24T03:00", null, now)).toBeNull();
    // Monday 21:55 IST: the next slot is Sunday 07:30 (Tue–Sat have no hours here).
    const late = new Date("2026-11-23T16:25:00Z");
    expect(dateToIstLocal(firstPickupSlot(hours, late)!)).toBe("2026-11-29T07:30");
    expect(firstPickupSlot({}, now)).toBeNull();
  });
});
