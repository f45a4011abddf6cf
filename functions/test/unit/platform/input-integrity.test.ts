import { z } from "zod";
import { routes } from "../../../src/api/api";
import { malformedTextIssues, MAX_INPUT_DEPTH, withoutNegativeZero } from "../../../src/platform/schema";
import { isRetryableTransactionError, runTransaction } from "../../../src/platform/firestore";
import type { Firestore } from "firebase-admin/firestore";

/** Paths of every object schema, at any depth, that lets unknown keys through. */
function looseObjects(schema: z.ZodType | undefined, path: string, out: string[]): string[] {
  if (!schema) return out;
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case "object":
      if (def.catchall?._zod?.def?.type !== "never") out.push(path || "(root)");
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) looseObjects(child, `${path}.${key}`, out);
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      looseObjects(def.innerType, path, out);
      break;
    case "pipe":
      looseObjects(def.in, path, out);
      looseObjects(def.out, path, out);
      break;
    case "array":
      looseObjects(def.element, `${path}[]`, out);
      break;
    case "union":
      (def.options as z.ZodType[]).forEach((o, i) => looseObjects(o, `${path}|${i}`, out));
      break;
    case "record":
      looseObjects(def.valueType, `${path}{}`, out);
      break;
    case "intersection":
      looseObjects(def.left, path, out);
      looseObjects(def.right, path, out);
      break;
  }
  return out;
}

describe("every route contract refuses unknown keys at every depth", () => {
  for (const { spec } of routes) {
    test(`${spec.method.toUpperCase()} ${spec.path}: body, query and path parameters are strict throughout`, () => {
      const loose = [
        ...looseObjects(spec.body, "body", []),
        ...looseObjects(spec.query, "query", []),
        ...looseObjects(spec.params, "params", []),
      ];
      expect(loose).toEqual([]);
    });
  }
});

describe("well-formed text, checked once for every input", () => {
  test("a lone surrogate anywhere, value or key, at any depth, is an issue with its path", () => {
    expect(malformedTextIssues({ name: "ok", shop: { location: { label: "a\ud800b" } } })).toEqual([
      { path: ["shop", "location", "label"], message: expect.stringContaining("lone UTF-16 surrogate") },
    ]);
    expect(malformedTextIssues(["\udc00"])).toHaveLength(1);
    expect(malformedTextIssues({ ["k\ud800"]: 1 })).toHaveLength(1);
    expect(malformedTextIssues({ name: "Amul 🧈 बटर" })).toEqual([]);
  });

  test("absurd nesting is refused without recursing (no stack overflow)", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const issues = malformedTextIssues(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toHaveLength(MAX_INPUT_DEPTH);
  });
});

describe("transactions give up at once on errors a retry cannot fix", () => {
  function fakeFirestore(errors: unknown[]): { db: Firestore; attempts: () => number } {
    let attempts = 0;
    const db = {
      runTransaction: async (fn: (tx: unknown) => Promise<unknown>) => {
        attempts++;
        const err = errors.shift();
        if (err) throw err;
        return fn({});
      },
    } as unknown as Firestore;
    return { db, attempts: () => attempts };
  }

  test("INVALID_ARGUMENT (a value Firestore refuses) is thrown after one attempt", async () => {
    const invalid = Object.assign(new Error("invalid string"), { code: 3 });
    const { db, attempts } = fakeFirestore([invalid, invalid, invalid]);
    await expect(runTransaction(db, async () => "never", { maxAttempts: 30 })).rejects.toBe(invalid);
    expect(attempts()).toBe(1);
  });

  test("contention (ABORTED) hands the remaining attempts to the SDK's own retry loop", async () => {
    const aborted = Object.assign(new Error("contention"), { code: 10 });
    const { db, attempts } = fakeFirestore([aborted]);
    await expect(runTransaction(db, async () => "done", { maxAttempts: 5 })).resolves.toBe("done");
    expect(attempts()).toBe(2);
  });

  test("only contention and passing unavailability count as retryable", () => {
    expect([10, 14, 4, 8].map((code) => isRetryableTransactionError({ code }))).toEqual([true, true, true, true]);
    expect([3, 5, 6, 7, 9, 13, 2].map((code) => isRetryableTransactionError({ code }))).toEqual([false, false, false, false, false, false, false]);
    expect(isRetryableTransactionError(new Error("a bug"))).toBe(false);
    expect(isRetryableTransactionError(Object.assign(new Error("3 INVALID_ARGUMENT: The referenced transaction has expired"), { code: 3 }))).toBe(true);
  });
});

describe("-0 is read as 0 everywhere", () => {
  test("at any depth of an input", () => {
    const out = withoutNegativeZero(JSON.parse('{"a":-0,"b":[-0,{"c":-0}],"d":"-0"}')) as any;
    expect([out.a, out.b[0], out.b[1].c].every((v: number) => Object.is(v, 0))).toBe(true);
    expect(out.d).toBe("-0");
  });
});
