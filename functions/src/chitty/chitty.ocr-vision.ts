import type { OcrEngine } from "./chitty.ocr";

/**
 * Cloud Vision document text detection (handwriting-capable), loaded on first use. The client
 * uses the function's service account; the Vision API must be enabled in the project.
 */

/** The parts of an AnnotateImageResponse this adapter reads. */
export interface VisionResponse {
  error?: { code?: number; message?: string } | null;
  fullTextAnnotation?: { text?: string | null } | null;
  textAnnotations?: Array<{ description?: string | null; locale?: string | null }> | null;
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
  };
}
