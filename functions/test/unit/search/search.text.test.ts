import { editDistance, spellingVariants, textTypos, wordTypos } from "../../../src/search/search.text";
import { searchTokens } from "../../../src/inventory/products.schema";

describe("typo-tolerant matching", () => {
  test("edit distance counts insertions, deletions, substitutions and adjacent swaps", () => {
    expect(editDistance("amull", "amul")).toBe(1);
    expect(editDistance("ghee", "ghea")).toBe(1);
    expect(editDistance("atat", "atta")).toBe(1);
    expect(editDistance("ashirvad", "aashirvaad")).toBe(2);
    expect(editDistance("abc", "xyzxyz", 1)).toBe(2);
  });

  test("a query word that starts a name word is an exact match", () => {
    expect(wordTypos("aash", "aashirvaad")).toBe(0);
    expect(wordTypos("dal", "dal")).toBe(0);
  });

  test("misspellings of the seed's brands match with their typo count", () => {
    expect(textTypos(["ashirvad"], "Aashirvaad Shudh Chakki Atta 5 kg")).toBe(2);
    expect(textTypos(["amull"], "Amul Butter Pasteurised 100 g")).toBe(1);
    expect(textTypos(["aashirvaad", "atta"], "Aashirvaad Shudh Chakki Atta 5 kg")).toBe(0);
  });

  test("short words must match exactly and unrelated words do not match", () => {
    expect(wordTypos("dal", "dhal")).toBeNull();
    expect(textTypos(["amul"], "Tata Salt Iodised 1 kg")).toBeNull();
    expect(textTypos(["ashirvad", "rice"], "Aashirvaad Shudh Chakki Atta 5 kg")).toBeNull();
  });

  test("spelling variants include a stored token of the intended word, at most 30 of them", () => {
    const stored = new Set(searchTokens("Aashirvaad Shudh Chakki Atta", "AAS-SHU-CHA-5KG"));
    expect(spellingVariants("ashirvad").some((v) => stored.has(v))).toBe(true);
    expect(spellingVariants("amull")).toContain("amul");
    for (const word of ["ashirvad", "amull", "basmathi", "haldee"]) expect(spellingVariants(word).length).toBeLessThanOrEqual(30);
    expect(spellingVariants("dal")).toEqual(["dal"]);
  });
});
