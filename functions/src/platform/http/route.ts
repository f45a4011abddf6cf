import type { Request, Response } from "express";
import type { z } from "zod";
import { AppError, fromZodError } from "../errors";
import { WellFormedInput } from "../schema";
import { authenticate } from "./authenticate";
import type { Actor } from "../../identity/actor";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type AuthMode = "public" | "user";
/** CRUD bucket a route counts under in the metrics. */
export type Operation = "create" | "read" | "update" | "delete" | "import";

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/** Everything the API knows about a route: the contract that drives validation and OpenAPI. */
export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined, A extends AuthMode> {
  method: HttpMethod;
  /** OpenAPI-style path under the API root, e.g. "/v1/products/{id}". */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  /** "caller": acts on the caller's only shop, or the one named by ?shopId= / X-Shop-Id. */
  shopScope?: "caller";
  operation?: Operation;
  body?: B;
  /** "multipart" routes receive the raw body; JSON routes receive the parsed, validated body. */
  bodyType?: "json" | "multipart";
  query?: Q;
  params?: P;
  /** Extra request headers worth documenting (name → description). */
  headers?: Record<string, string>;
  responses: Record<number, ResponseSpec>;
  /** Error statuses this route can answer, rendered in the one error shape. */
  errors: number[];
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** What a handler receives: validated input and, on signed-in routes, the actor. */
export interface RouteContext<B, Q, P, A extends AuthMode> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  actor: A extends "user" ? Actor : null;
  /** The shop named by ?shopId= or X-Shop-Id, if any (see `requireShop`). */
  shopId: string | undefined;
}

/** What a handler returns; the route layer sends it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as-is with this content type instead of JSON. */
  contentType?: string;
}

/** A route ready to mount and document. */
export interface RouteDef {
  spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, AuthMode>;
  run: (req: Request, res: Response) => Promise<void>;
}

/** Declares a route: its contract and its handler. Validation happens before the handler runs. */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  A extends AuthMode = "user",
>(
  spec: RouteSpec<B, Q, P, A>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>, A>) => Promise<Reply>,
): RouteDef {
  const run = async (req: Request, res: Response): Promise<void> => {
    const actor = spec.auth === "user" ? await authenticate(req) : null;
    if (actor) res.locals.actorId = actor.uid;

    const rawQuery = { ...(req.query as Record<string, unknown>) };
    const shopId = pickShopId(req, rawQuery);
    if (shopId) res.locals.shopId = shopId;

    const params = parseWith(spec.params, req.params, "path parameters");
    const query = parseWith(spec.query, spec.shopScope ? omit(rawQuery, "shopId") : rawQuery, "query");
    const body = spec.body && spec.bodyType !== "multipart" ? parseWith(spec.body, jsonBody(req), "body") : undefined;

    const reply = await handler({
      req,
      res,
      body: body as Infer<B>,
      query: query as Infer<Q>,
      params: params as Infer<P>,
      actor: actor as RouteContext<Infer<B>, Infer<Q>, Infer<P>, A>["actor"],
      shopId,
    });
    send(res, reply);
  };
  return { spec: spec as RouteDef["spec"], run };
}

function parseWith(schema: z.ZodType | undefined, value: unknown, what: string): unknown {
  if (!schema) return undefined;
  // Malformed text (lone surrogates) and absurd nesting are refused here, for every contract.
  const parsed = WellFormedInput.pipe(schema).safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, what);
  return parsed.data;
}

function omit(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

function pickShopId(req: Request, query: Record<string, unknown>): string | undefined {
  const fromQuery = typeof query.shopId === "string" && query.shopId ? query.shopId : undefined;
  const fromHeader = req.get("x-shop-id") || undefined;
  if (fromQuery && fromHeader && fromQuery !== fromHeader) {
    throw new AppError("INVALID_DATA", "shopId in the query and X-Shop-Id header disagree");
  }
  const id = fromQuery ?? fromHeader;
  if (id !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    throw new AppError("INVALID_DATA", "shopId must contain only letters, digits, '-' and '_'");
  }
  return id;
}

/** The JSON body of a request; a body of any other type is refused with 415. */
function jsonBody(req: Request): unknown {
  const length = Number(req.get("content-length") ?? 0);
  const hasBody = length > 0 || (Buffer.isBuffer(req.rawBody) && req.rawBody.length > 0);
  if (!hasBody) return {};
  if (!req.is("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as application/json (got ${req.get("content-type") ?? "no content type"})`);
  }
  if (typeof req.body !== "object" || req.body === null || Buffer.isBuffer(req.body)) {
    throw new AppError("INVALID_DATA", "The body must be a JSON object");
  }
  return req.body;
}

function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status);
  if (reply.body === undefined || reply.status === 204) {
    res.end();
  } else if (reply.contentType) {
    res.type(reply.contentType).send(reply.body);
  } else {
    res.json(reply.body);
  }
}
