import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { ChittyFailure } from "../../../src/chitty/chitty.failure";
import { MAX_IMAGE_SIDE, normaliseImage } from "../../../src/chitty/chitty.image";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "chitty");

async function failureOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ChittyFailure) return err.reason;
    throw err;
  }
  return "no failure";
}

describe("normalising a chitty photo", () => {
  it("turns a sideways phone photo upright from its EXIF orientation", async () => {
    const input = readFileSync(join(FIXTURES, "list-sideways-exif.jpg"));
    const stored = await sharp(input).metadata();
    expect(stored.orientation).toBe(6);
    const out = await normaliseImage(input);
    // Stored sideways (tall), shown upright (wide): the normalised image is the wide one.
    expect(stored.height!).toBeGreaterThan(stored.width!);
    expect(out.width).toBeGreaterThan(out.height);
  });

  it("shrinks a large photo to the size cap, keeping its proportions", async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#ffffff" } })
      .composite([{ input: Buffer.from('<svg width="4000" height="3000"><text x="100" y="1500" font-size="300">atta 5 kg</text></svg>') }])
      .jpeg()
      .toBuffer();
    const out = await normaliseImage(big);
    expect(out.width).toBe(MAX_IMAGE_SIDE);
    expect(out.height).toBe(1200);
  });

  it("refuses bytes that are not an image", async () => {
    expect(await failureOf(normaliseImage(Buffer.from("atta 5 kg\nmaggi x4\n")))).toBe("not_an_image");
    expect(await failureOf(normaliseImage(Buffer.alloc(0)))).toBe("not_an_image");
  });

  it("refuses a truncated JPEG", async () => {
    const jpeg = readFileSync(join(FIXTURES, "list-comic.jpg"));
    expect(await failureOf(normaliseImage(jpeg.subarray(0, 600)))).toBe("not_an_image");
  });

  it("refuses a 20 MB upload before decoding it", async () => {
    expect(await failureOf(normaliseImage(randomBytes(20 * 1024 * 1024)))).toBe("too_large");
  });

  it("refuses a blank page", async () => {
    const blank = await sharp({ create: { width: 800, height: 1000, channels: 3, background: "#f7f5ee" } }).png().toBuffer();
    expect(await failureOf(normaliseImage(blank))).toBe("blank_image");
  });

  it("refuses an image with too many pixels (a decompression bomb) without decoding it", async () => {
    const bomb = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: "#000000" } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    expect(await failureOf(normaliseImage(bomb))).toBe("too_large");
  });
});
