import { boxesToLines, type OcrBox, type OcrEngine } from "./chitty.ocr";

/**
 * The local engine: PaddleOCR v4 models on ONNX Runtime through `@gutenye/ocr-node` (an ES
 * module, so it is loaded with a real dynamic import that TypeScript's CommonJS output keeps).
 * It is a devDependency: present in the emulator, tests and the CLI, absent from deployments.
 */

// TypeScript compiles `import()` to `require()` under CommonJS; ES-only packages need the real thing.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Loads the models once (about 1 s) and returns the engine. */
export async function createLocalEngine(): Promise<OcrEngine> {
  const mod = await importEsm("@gutenye/ocr-node");
  const Ocr = mod.default;
  const ocr = await Ocr.create();
  const readBoxes = async (image: Buffer): Promise<OcrBox[]> => {
    // The engine hands its input to sharp, which takes a Buffer as readily as a path.
    const found = (await ocr.detect(image as unknown as string)) as Array<{ text: string; mean: number; box?: number[][] }>;
    return found.filter((l) => l.box && l.mean > 0.3).map((l) => ({ text: l.text, box: l.box! }));
  };
  return {
    name: "local",
    async readLines(image: Buffer): Promise<string[]> {
      return boxesToLines(await readBoxes(image));
    },
    readBoxes,
  };
}
