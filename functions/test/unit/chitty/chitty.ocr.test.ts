import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { FIXTURE_LISTS } from "../../../tools/chitty/generate";

/**
 * Real OCR (PaddleOCR on ONNX Runtime, the local engine) on the small images the generator
 * rendered into test/fixtures/chitty, through the compiled CLI: the engine is an ES module that
 * Jest's CommonJS sandbox cannot load, so it runs in a plain Node process, as in the emulator.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "chitty");
const CLI = join(ROOT, "lib", "tools", "chitty", "cli.js");

async function chitty(args: string[]): Promise<{ out: Record<string, any>; err: string }> {
  const { stdout, stderr } = await run(process.execPath, [CLI, "--catalog", join(FIXTURES, "catalog.csv"), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  return { out: JSON.parse(stdout), err: stderr };
}

jest.setTimeout(180_000);

describe("reading real chitty images with the local OCR engine (npm run chitty)", () => {
  it("reads the three rendered lists into the expected SKUs and quantities, leaving out the non-item lines", async () => {
    const { out, err } = await chitty(FIXTURE_LISTS.map((f) => join(FIXTURES, f.file)));
    for (const f of FIXTURE_LISTS) expect({ file: f.file, items: out[f.file] }).toEqual({ file: f.file, items: f.expected });
    for (const f of FIXTURE_LISTS) expect(err).toMatch(new RegExp(`${f.file}: \\d+ ms`)); // per-image timings on stderr
  });

  it("ends cleanly on a non-image, a 20 MB file, a blank photo and a photo of a (drawn) cat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chitty-bad-"));
    writeFileSync(join(dir, "notes.jpg"), "atta 5 kg\nthis is text, not a JPEG\n");
    writeFileSync(join(dir, "huge.jpg"), randomBytes(20 * 1024 * 1024));
    writeFileSync(join(dir, "blank.png"), await sharp({ create: { width: 900, height: 1200, channels: 3, background: "#fbfaf4" } }).png().toBuffer());
    const { out } = await chitty(["--details", join(dir, "notes.jpg"), join(dir, "huge.jpg"), join(dir, "blank.png"), join(FIXTURES, "cat.jpg")]);
    expect(out["notes.jpg"]).toMatchObject({ status: "failed", reason: "not_an_image" });
    expect(out["huge.jpg"]).toMatchObject({ status: "failed", reason: "too_large" });
    expect(out["blank.png"]).toMatchObject({ status: "failed", reason: "blank_image" });
    expect(["no_text", "no_items"]).toContain(out["cat.jpg"].reason);
    expect(out["cat.jpg"].status).toBe("failed");
  });
});
