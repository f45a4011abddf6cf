import { z } from "zod";
import { AppError, fromZodError, toAppError } from "../../../src/platform/errors";

describe("errors", () => {
  test("each kind maps to its HTTP status", () => {
    expect(new AppError("CONFLICT", "x").status).toBe(409);
    expect(new AppError("TOO_LARGE", "x").status).toBe(413);
    expect(new AppError("FORBIDDEN", "x").status).toBe(403);
  });

  test("a ZodError becomes INVALID_DATA listing every problem with its path", () => {
    const schema = z.object({ quantity: z.number().int().min(0), name: z.string() }).strict();
    const parsed = schema.safeParse({ quantity: -1, name: 3, extra: true });
    expect(parsed.success).toBe(false);
    const err = fromZodError(parsed.error!, "body");
    expect(err.kind).toBe("INVALID_DATA");
    expect(err.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["quantity", "name"]));
    expect(err.message).toMatch(/^Invalid body: /);
    expect(err.message).toContain("unknown field: extra");
  });

  test("unknown errors become a generic UNEXPECTED without leaking their text", () => {
    const err = toAppError(new Error("connection string postgres://secret@db"));
    expect(err.kind).toBe("UNEXPECTED");
    expect(err.message).not.toContain("secret");
  });
});
