import { indexCatalog, parsePack, type CatalogProduct } from "../../../src/chitty/chitty.catalog";
import { parseLine } from "../../../src/chitty/chitty.lines";
import { matchLine } from "../../../src/chitty/chitty.match";
import { matchedItems, readChitty } from "../../../src/chitty/chitty.pipeline";
import { phoneticKey, wordSimilarity } from "../../../src/chitty/chitty.text";
import { productsForShop } from "../../../tools/seed";

const SEED: CatalogProduct[] = productsForShop(0, new Date(0), "test").map((p) => ({ sku: p.sku, name: p.name, category: p.category, unit: p.unit }));
const catalog = indexCatalog(SEED);

function match(line: string, index = catalog) {
  const parsed = parseLine(line);
  if (!parsed) return null;
  return matchLine(parsed, index);
}

describe("matching lines against the seed catalog (sku and quantity in catalog units)", () => {
  const table: Array<[string, string, number]> = [
    ["aashirvaad aata 5 kg", "AAS-SHU-CHA-5KG", 1],
    ["aashirvaad atta 10 kg", "AAS-SHU-CHA-10KG", 1],
    ["pillsbury atta 10 kg", "PIL-CHA-FRE-5KG", 2], // no 10 kg pack: two of 5 kg
    ["jeera 200 g", "JEE-WHO-CUM-100G", 2],
    ["500 g zeera", "JEE-WHO-CUM-250G", 2], // the largest pack that makes it up
    ["toor daal 1/2 kg", "TAT-SAM-TOO-500G", 1],
    ["maggi x4", "MAG-2MI-MAS-70G", 4],
    ["Tata namak", "TAT-SAL-IOD-500G", 1],
    ["Tata Salt 1kg", "TAT-SAL-IOD-1KG", 1],
    ["Tata Salt 1kg x 2", "TAT-SAL-IOD-1KG", 2],
    ["cheeni 2 kg", "MAD-PUR-SUG-1KG", 2],
    ["2 darjan kela", "BAN-ROB-1DOZEN", 2],
    ["kela 6", "BAN-ROB-6PCS", 1],
    ["ande 12", "FAR-EGG-6PCS", 2],
    ["ande 2 pkt", "FAR-EGG-6PCS", 2],
    ["aadha kilo pyaz", "ONI-1KG", 0.5], // loose goods take fractions
    ["aloo dedh kilo", "POT-1KG", 1.5],
    ["tamatar 1/2 kg", "TOM-HYB-500G", 1],
    ["surf excel 3 kg", "SUR-EXC-EAS-3KG", 1],
    ["parle g 5", "PAR-GOL-BIS-250G", 5],
    ["colgate 200g x 2", "COL-STR-TEE-200G", 2],
    ["haldi 100 gm", "EVE-TUR-POW-100G", 1],
    ["machis 2 pkt", "SHI-SAF-MAT-10BOXES", 2],
    // misspellings and OCR confusions
    ["onoin 1 kg", "ONI-1KG", 1],
    ["tatasalt 1kg", "TAT-SAL-IOD-1KG", 1],
    ["kurkure maasla munch 90 grams x3", "KUR-MAS-MUN-90G", 3],
    ["AashirvaadAatta5Kil", "AAS-SHU-CHA-5KG", 1],
    ["hahpic 500 ml", "HAR-POW-PLU-500ML", 1],
    ["rajdhani besan1 KG", "RAJ-BES-1KG", 1],
    // a size whose unit OCR lost: a pack of that size, or whole packs that make it up
    ["colgate 200", "COL-STR-TEE-200G", 1],
    ["kissan jam 400", "KIS-MIX-FRU-200G", 2],
    ["5 x pepsodent toothpaste 150", "PEP-GER-TOO-150G", 5],
    ["ande 30", "FAR-EGG-30PCS", 1], // pieces stay pieces
  ];
  it.each(table)("%s → %s × %d", (line, sku, quantity) => {
    const m = match(line)!;
    expect(m.status).toBe("matched");
    expect(m.best).toMatchObject({ sku, quantity });
    expect(m.confidence).toBeGreaterThanOrEqual(0.5);
    expect(m.alternatives.length).toBeLessThanOrEqual(2);
    expect(m.alternatives.map((a) => a.sku)).not.toContain(sku);
  });

  it.each(["Sharmajikeghar", "Ramesh ji", "Thank you", "bhaiya jaldi", "Priya", "Mrs Fatima", "2nd cross road"])("%j leaves no suggestion (not an item)", async (line) => {
    const reading = await readChitty({ kind: "text", text: line }, catalog);
    expect(reading.lines.map((l) => l.status)).toEqual(["ignored"]);
  });

  it("keeps a line unmatched with its text when no product is close enough, rather than guess", async () => {
    const reading = await readChitty({ kind: "text", text: "saffola masala oats\nmaggi x2" }, catalog);
    expect(reading.lines[0].status).not.toBe("matched");
    expect(reading.lines[0].raw_text).toBe("saffola masala oats");
    expect(matchedItems(reading)).toEqual([{ sku: "MAG-2MI-MAS-70G", quantity: 2 }]);
  });

  it("gives an ambiguous line (two brands of atta) lower confidence than an unambiguous one", () => {
    const ambiguous = match("atta 5 kg")!;
    const clear = match("aashirvaad atta 5 kg")!;
    expect(ambiguous.confidence).toBeLessThan(clear.confidence);
    expect([ambiguous.best?.sku, ...ambiguous.alternatives.map((a) => a.sku)]).toEqual(expect.arrayContaining(["AAS-SHU-CHA-5KG", "PIL-CHA-FRE-5KG"]));
  });

  it("learns a shop's word through an alias: 'kali wali chai' means Red Label once the shop says so", () => {
    expect(match("kali wali chai 250 g")?.best?.sku).not.toBe("RED-LAB-TEA-250G");
    const taught = indexCatalog(SEED.map((p) => (p.sku.startsWith("RED-LAB-TEA") ? { ...p, aliases: ["kali wali chai"] } : p)));
    expect(match("kali wali chai 250 g", taught)?.best).toMatchObject({ sku: "RED-LAB-TEA-250G", quantity: 1 });
  });

  it("matches any catalog, not only the seed: a three-product CSV-style catalog without units", () => {
    const tiny = indexCatalog([
      { sku: "A1", name: "Basmati Rice 5kg", category: "Grains" },
      { sku: "B2", name: "Green Tea", category: "Drinks" },
      { sku: "C3", name: "Chocolate Cookies 200 g", category: "Snacks" },
    ]);
    expect(match("chawal 10 kg", tiny)?.best).toMatchObject({ sku: "A1", quantity: 2 });
    expect(match("green tea x3", tiny)?.best).toMatchObject({ sku: "B2", quantity: 3 });
  });
});

describe("text primitives", () => {
  it.each([
    ["aata", "atta"],
    ["cheeni", "chini"],
    ["zeera", "jeera"],
    ["pyaaz", "piyaz"],
    ["daal", "dal"],
  ])("%s and %s share a phonetic key", (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it("does not confuse short different words", () => {
    expect(wordSimilarity("dal", "dahi")).toBe(0);
    expect(wordSimilarity("tea", "tel")).toBe(0);
  });

  it.each([
    ["5 kg", { value: 5000, dim: "g" }],
    ["4 x 125 g", { value: 500, dim: "g" }],
    ["1 dozen", { value: 12, dim: "pc" }],
    ["XL 15 pads", { value: 15, dim: "pc" }],
    ["1.2 L", { value: 1200, dim: "ml" }],
    ["loose", null],
  ])("pack %j is %j", (text, pack) => {
    expect(parsePack(text)).toEqual(pack);
  });
});
