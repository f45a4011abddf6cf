import { parseLine, repairDigits, splitLines } from "../../../src/chitty/chitty.lines";

describe("reading a chitty line", () => {
  const cases: Array<[string, string[], { value: number; dim: string } | null, number | null]> = [
    ["aata 5 kg", ["aata"], { value: 5000, dim: "g" }, null],
    ["jeera 500g", ["jeera"], { value: 500, dim: "g" }, null],
    ["toor daal 1/2 kg", ["toor", "daal"], { value: 500, dim: "g" }, null],
    ["toor daal ½ kg", ["toor", "daal"], { value: 500, dim: "g" }, null],
    ["aadha kilo pyaz", ["pyaz"], { value: 500, dim: "g" }, null],
    ["dedh kilo aloo", ["aloo"], { value: 1500, dim: "g" }, null],
    ["maggi x4", ["maggi"], null, 4],
    ["4 x maggi", ["maggi"], null, 4],
    ["3 pkt maggi", ["maggi"], null, 3],
    ["kela 1 dozen", ["kela"], { value: 12, dim: "pc" }, null],
    ["2 darjan kela", ["kela"], { value: 24, dim: "pc" }, null],
    ["2 maggi", ["maggi"], null, 2],
    ["maggi 2", ["maggi"], null, 2],
    ["Tata Salt 1kg x 2", ["tata", "salt"], { value: 1000, dim: "g" }, 2],
    ["Tata Salt 1kg", ["tata", "salt"], { value: 1000, dim: "g" }, null],
    ["doodh 1 ltr", ["doodh"], { value: 1000, dim: "ml" }, null],
    ["Rin bar 4 x 250 g x 2", ["rin"], { value: 1000, dim: "g" }, 2], // "bar" is a pack word
    ["1. atta 10 kg", ["atta"], { value: 10000, dim: "g" }, null],
    ["Lifebuoy Total 10 Soap", ["lifebuoy", "total", "soap"], null, null],
    ["TOOR DAALI/2 KG", ["toor", "daal"], { value: 500, dim: "g" }, null],
    ["odonil 200 9", ["odonil"], { value: 200, dim: "g" }, null],
    ["kurkure 90 gramsx3", ["kurkure"], { value: 90, dim: "g" }, 3],
  ];
  it.each(cases)("%s → name %j, amount %j, count %j", (line, name, amount, count) => {
    const parsed = parseLine(line);
    expect(parsed).not.toBeNull();
    expect(parsed!.nameWords).toEqual(name);
    expect(parsed!.amount).toEqual(amount);
    expect(parsed!.count).toBe(count);
  });

  it.each(["98450 12345", "Ph: 98450 12345", "12/11/2026", "Total", "Total 450", "jaldi bhejna", "Rs 500 paid", "2 kg", "----", "", "Flat 302 B wing", "aaj shaam tak dena"])(
    "%j is not an item",
    (line) => {
      expect(parseLine(line)).toBeNull();
    },
  );

  it("bounds absurd quantities instead of ordering them", () => {
    expect(parseLine("maggi x 5000")!.count).toBeNull();
    expect(parseLine("atta 5000 kg")!.amount).toBeNull();
  });

  it("treats user text that looks like object keys as plain words", () => {
    expect(parseLine("constructor 2 kg")!.nameWords).toEqual(["constructor"]);
    expect(parseLine("__proto__ x2")!.count).toBe(2);
  });

  it("splits a typed message on newlines, semicolons and commas (not decimal commas)", () => {
    expect(splitLines("atta 5 kg, maggi x4; doodh 1,5 ltr\n\n cheeni")).toEqual(["atta 5 kg", "maggi x4", "doodh 1,5 ltr", "cheeni"]);
  });

  // Digits OCR read as look-alike letters, where only a number can stand (from the bench's misreads).
  it.each([
    ["z x urad dal 1 kg", "2 x urad dal 1 kg"],
    ["mtr mix zoo gm xz", "mtr mix 200 gm x 2"],
    ["sona rice z5 kg", "sona rice 25 kg"],
    ["kissan jam zoog -z pkt", "kissan jam 200g -2 pkt"],
    ["dabur paste 1oo6", "dabur paste 100 g"],
    ["z5o 6rams brooke bond", "250 grams brooke bond"],
    ["parle gold biscuits1k6", "parle gold biscuits1kg"],
    ["ix daawat rozana s kilo", "1 x daawat rozana 5 kilo"],
  ])("repairs the digits of %j", (line, repaired) => {
    expect(repairDigits(line)).toBe(repaired);
  });

  it.each(["bingo masti 130gm", "zeera 100g", "5 l x 3 bisleri", "lays 52 g", "soap", "amul slices", "oil 1 l"])("leaves %j as written", (line) => {
    expect(repairDigits(line)).toBe(line);
  });

  it("keeps a bare number too large for a count as a size hint, not a count", () => {
    expect(parseLine("kissan jam 400")).toMatchObject({ count: null, sizeHint: 400, amount: null });
    expect(parseLine("5 x pepsodent 150")).toMatchObject({ count: 5, sizeHint: 150 });
    expect(parseLine("maggi 12")).toMatchObject({ count: 12, sizeHint: null });
  });
});
