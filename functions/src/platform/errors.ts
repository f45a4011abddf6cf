import { ZodError } from "zod";

/** The kinds of failure the API distinguishes; each maps to one HTTP status. */
export const ERROR_STATUS = {
  INVALID_DATA: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNEXPECTED: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

/** One readable line per zod issue, e.g. "quantity: must be ≥ 0". */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The single error type of the code base: a kind, a human message, optional details. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly details?: Record<string, unknown>;
  readonly issues?: ValidationIssue[];

  constructor(kind: ErrorKind, message: string, details?: Record<string, unknown>, issues?: ValidationIssue[]) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.details = details;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

/** Turns zod issues into short readable lines ("quantity: Too small: expected number to be >=0"). */
export function formatZodIssues(error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      message = `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    }
    return { path, message };
  });
}

/** Wraps a ZodError as INVALID_DATA whose message lists every problem. */
export function fromZodError(error: ZodError, what = "request"): AppError {
  const issues = formatZodIssues(error);
  const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return new AppError("INVALID_DATA", `Invalid ${what}: ${text}`, undefined, issues);
}

/** Normalises anything thrown into an AppError; unknown errors become a generic UNEXPECTED. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  return new AppError("UNEXPECTED", "Something went wrong on our side. Please try again.");
}
