import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../../..");
const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

// Node 20 was decommissioned on Cloud Run functions (2026-10-30): a deploy with it fails.
describe("the Node runtime", () => {
  test("production runs Node 22: firebase.json's runtime and the functions' engines agree", () => {
    expect(json("firebase.json").functions[0].runtime).toBe("nodejs22");
    expect(json("functions/package.json").engines.node).toBe("22");
  });

  test("the tests run on the same major version as production (the scripts put Node 22 from npm first on PATH)", () => {
    expect(process.versions.node.split(".")[0]).toBe(json("functions/package.json").engines.node);
  });

  test("the type definitions match the runtime's major version", () => {
    expect(json("functions/package.json").devDependencies["@types/node"]).toMatch(/^22\./);
  });
});
