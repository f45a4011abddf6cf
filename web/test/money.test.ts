import { describe, expect, it } from "vitest";
import { formatPaise, groupIndian, paiseToInput, parseRupees } from "../src/lib/money";

describe("money", () => {
  it("formats paise as rupees with Indian digit grouping", () => {
    expect(formatPaise(12000050)).toBe("₹1,20,000.50");
    expect(formatPaise(0)).toBe("₹0.00");
    expect(formatPaise(5)).toBe("₹0.05");
    expect(formatPaise(99999)).toBe("₹999.99");
    expect(formatPaise(100000)).toBe("₹1,000.00");
    expect(formatPaise(1234567890)).toBe("₹1,23,45,678.90");
    expect(formatPaise(100_000_000_000)).toBe("₹1,00,00,00,000.00");
  });

  it("puts the minus sign before the rupee symbol", () => {
    expect(formatPaise(-12345)).toBe("-₹123.45");
  });

  it("refuses fractional paise instead of rounding silently", () => {
    expect(() => formatPaise(10.5)).toThrow(RangeError);
  });

  it("groups digits in lakhs and crores", () => {
    expect(groupIndian("1")).toBe("1");
    expect(groupIndian("123")).toBe("123");
    expect(groupIndian("1234")).toBe("1,234");
    expect(groupIndian("123456")).toBe("1,23,456");
    expect(groupIndian("12345678")).toBe("1,23,45,678");
  });

  it("parses rupee text into exact paise without floating point", () => {
    expect(parseRupees("52.5")).toBe(5250);
    expect(parseRupees("₹1,20,000.50")).toBe(12000050);
    expect(parseRupees(" 0.10 ")).toBe(10);
    expect(parseRupees("19.99")).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floats
    expect(parseRupees("7")).toBe(700);
  });

  it("rejects amounts that are not rupees with at most two decimals", () => {
    for (const bad of ["", "abc", "1.234", "-5", "1e3", "12.", "1000000000.01"]) expect(parseRupees(bad)).toBeNull();
  });

  it("shows paise in a price input without grouping", () => {
    expect(paiseToInput(12000050)).toBe("120000.50");
  });
});
