import type { Readable } from "node:stream";
import { AppError } from "../errors";

/**
 * Reads the one file of a multipart/form-data body with busboy, fed from the raw body the
 * Functions runtime kept (the request stream itself is already consumed). The caller consumes
 * the file's stream; a file over `maxFileBytes` (busboy truncates it) is `tooLarge()`.
 * busboy is loaded with `await import()` so other routes' cold starts skip it.
 */
export interface MultipartFileOptions<T> {
  rawBody: Buffer | undefined;
  contentType: string | undefined;
  /** The form field holding the file. */
  field: string;
  maxFileBytes: number;
  /** Reads the file's stream (it must drain it); its result is the answer. */
  consume: (stream: Readable, info: { filename: string | null; mimeType: string | null }) => Promise<T>;
  tooLarge: () => AppError;
  /** What to upload, for the error messages ("the CSV", "the photo"). */
  what: string;
}

export async function readMultipartFile<T>(o: MultipartFileOptions<T>): Promise<T> {
  if (!o.contentType || !/^multipart\/form-data\b/i.test(o.contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Upload ${o.what} as multipart/form-data with a field named "${o.field}" (got ${o.contentType ?? "no content type"})`);
  }
  if (!o.rawBody || o.rawBody.length === 0) throw new AppError("INVALID_DATA", `The request has no body; attach ${o.what} in a field named "${o.field}"`);
  const { default: busboy } = await import("busboy");

  return new Promise<T>((resolve, reject) => {
    let bb: ReturnType<typeof busboy>;
    try {
      bb = busboy({ headers: { "content-type": o.contentType! }, limits: { files: 1, fileSize: o.maxFileBytes, fields: 50, parts: 60 } });
    } catch (err) {
      reject(new AppError("INVALID_DATA", `The multipart body could not be read: ${(err as Error).message}`));
      return;
    }
    let consuming: Promise<T> | null = null;
    let truncated = false;
    bb.on("file", (field: string, stream: Readable, info: { filename?: string; mimeType?: string }) => {
      if (field !== o.field || consuming) {
        stream.resume();
        return;
      }
      stream.on("limit", () => {
        truncated = true;
      });
      consuming = o.consume(stream, { filename: info.filename ?? null, mimeType: info.mimeType ?? null });
      consuming.catch(() => undefined); // settled below, once busboy has finished
    });
    bb.on("error", (err: Error) => reject(new AppError("INVALID_DATA", `The multipart body could not be read: ${err.message}`)));
    bb.on("close", () => {
      if (!consuming) {
        reject(new AppError("INVALID_DATA", `The upload has no file in a field named "${o.field}"`));
        return;
      }
      consuming.then(
        (value) => (truncated ? reject(o.tooLarge()) : resolve(value)),
        (err) => reject(truncated ? o.tooLarge() : err),
      );
    });
    bb.end(o.rawBody);
  });
}
