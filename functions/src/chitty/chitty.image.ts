import { ChittyFailure } from "./chitty.failure";

/**
 * Normalising a photo before OCR (sharp, loaded on first use): decode with a pixel limit (no
 * decompression bombs), turn it upright from its EXIF orientation, flatten transparency onto
 * white, cap the longest side, and refuse blank images (no ink: nothing to read).
 */

/** Largest upload accepted, in bytes (the Storage rules and the HTTP route use the same). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Longest side after normalising; phone photos are shrunk to this (OCR gains nothing above it). */
export const MAX_IMAGE_SIDE = 1600;
/** Images with more pixels than this are refused before decoding. */
const MAX_INPUT_PIXELS = 50_000_000;
/** A page whose grey levels vary less than this has no writing on it. */
const BLANK_STDEV = 6;

export interface NormalisedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Decodes, rotates, flattens and caps an uploaded image; throws ChittyFailure for bad input. */
export async function normaliseImage(input: Buffer): Promise<NormalisedImage> {
  if (input.length > MAX_IMAGE_BYTES) throw new ChittyFailure("too_large", `The photo is larger than ${MAX_IMAGE_BYTES / (1024 * 1024)} MB`);
  if (input.length === 0) throw new ChittyFailure("not_an_image", "The upload is empty");
  const { default: sharp } = await import("sharp");
  let meta;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata(); // header only: the pixel limit is checked below
  } catch {
    throw new ChittyFailure("not_an_image", "The upload is not an image we can read (JPEG, PNG, WebP or HEIC)");
  }
  if (!meta.width || !meta.height || !["jpeg", "png", "webp", "heif", "gif", "tiff"].includes(meta.format ?? "")) {
    throw new ChittyFailure("not_an_image", "The upload is not an image we can read (JPEG, PNG, WebP or HEIC)");
  }
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ChittyFailure("too_large", `The photo has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
  try {
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
    const { data, info } = await pipeline.clone().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    const stats = await sharp(data).greyscale().stats();
    const stdev = stats.channels[0]?.stdev ?? 0;
    if (stdev < BLANK_STDEV) throw new ChittyFailure("blank_image", "The photo looks blank: no writing was found on it");
    return { bytes: data, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof ChittyFailure) throw err;
    throw new ChittyFailure("not_an_image", "The image could not be decoded (it may be truncated or corrupt)");
  }
}

/** Longest side and size ceiling of the preview kept for the shop (a Firestore document holds at most 1 MiB). */
const PREVIEW_SIDE = 1000;
const MAX_PREVIEW_BYTES = 400 * 1024;

/**
 * A small upright JPEG of an uploaded photo for the shop's review screen, or null when even a
 * low-quality one would be too large (it is a convenience: the reading never depends on it).
 */
export async function previewJpeg(input: Buffer): Promise<{ jpeg: Buffer; width: number; height: number } | null> {
  const { default: sharp } = await import("sharp");
  try {
    for (const quality of [70, 45]) {
      const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .flatten({ background: "#ffffff" })
        .resize({ width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      if (data.length <= MAX_PREVIEW_BYTES) return { jpeg: data, width: info.width, height: info.height };
    }
  } catch {
    // The reading already decoded this image; a preview that fails is simply left out.
  }
  return null;
}

/**
 * The image type an upload's first bytes announce (JPEG, PNG, WebP, HEIC/HEIF), or null. Cheap
 * and decoder-free: the HTTP route refuses other uploads before anything is written.
 */
export function sniffImageType(bytes: Buffer): "jpeg" | "png" | "webp" | "heic" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && bytes.toString("latin1", 4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(bytes.toString("latin1", 8, 12))) return "heic";
  return null;
}
