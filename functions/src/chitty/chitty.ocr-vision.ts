import type { OcrBox, OcrEngine } from "./chitty.ocr";

/**
 * Cloud Vision document text detection (handwriting-capable), loaded on first use. The client
 * uses the function's service account; the Vision API must be enabled in the project.
 */

/** The parts of an AnnotateImageResponse this adapter reads. */
export interface VisionResponse {
  error?: { code?: number; message?: string } | null;
  fullTextAnnotation?: { text?: string | null; pages?: VisionPage[] | null } | null;
  textAnnotations?: Array<{ description?: string | null; locale?: string | null }> | null;
}

interface VisionVertex {
  x?: number | null;
  y?: number | null;
}
interface VisionWord {
  symbols?: Array<{ text?: string | null }> | null;
  boundingBox?: { vertices?: VisionVertex[] | null } | null;
}
interface VisionPage {
  blocks?: Array<{ paragraphs?: Array<{ words?: VisionWord[] | null }> | null }> | null;
}

/** The words of a Vision response with their boxes (printed tables are read by position). */
export function visionResponseToBoxes(response: VisionResponse): OcrBox[] {
  if (response.error && response.error.message) throw new Error(`Cloud Vision: ${response.error.message}`);
  const boxes: OcrBox[] = [];
  for (const page of response.fullTextAnnotation?.pages ?? []) {
    for (const block of page.blocks ?? []) {
      for (const paragraph of block.paragraphs ?? []) {
        for (const word of paragraph.words ?? []) {
          const text = (word.symbols ?? []).map((s) => s.text ?? "").join("");
          const vertices = word.boundingBox?.vertices ?? [];
          if (text && vertices.length >= 4) boxes.push({ text, box: vertices.map((v) => [v.x ?? 0, v.y ?? 0]) });
        }
      }
    }
  }
  return boxes;
}

/** The lines of a Vision response: the full text annotation, else the first text annotation. */
export function visionResponseToLines(response: VisionResponse): string[] {
  if (response.error && response.error.message) throw new Error(`Cloud Vision: ${response.error.message}`);
  const text = response.fullTextAnnotation?.text ?? response.textAnnotations?.[0]?.description ?? "";
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Creates the Vision client once; each read is one documentTextDetection call. */
export async function createVisionEngine(): Promise<OcrEngine> {
  const { ImageAnnotatorClient } = await import("@google-cloud/vision");
  const client = new ImageAnnotatorClient();
  return {
    name: "vision",
    async readLines(image: Buffer): Promise<string[]> {
      const [response] = await client.documentTextDetection({ image: { content: image }, imageContext: { languageHints: ["en-t-i0-handwrit"] } });
      return visionResponseToLines(response as VisionResponse);
    },
    async readBoxes(image: Buffer): Promise<OcrBox[]> {
      const [response] = await client.documentTextDetection({ image: { content: image } });
      return visionResponseToBoxes(response as VisionResponse);
    },
  };
}
