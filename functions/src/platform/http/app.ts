import express, { type NextFunction, type Request, type Response } from "express";
import cors from "cors";
import { AppError, toAppError } from "../errors";
import { logError, logEvent } from "../logger";
import { msSince } from "../clock";
import type { RouteDef } from "./route";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The unparsed body; Cloud Functions keeps it because it consumes the stream itself. */
      rawBody?: Buffer;
    }
  }
}

/** Observers of finished requests (metrics hook in here). */
export type RequestObserver = (sample: { method: string; route: string; status: number; latencyMs: number; operation?: string }) => void;

export interface ApiOptions {
  routes: RouteDef[];
  corsOrigins: () => string;
  jsonLimitBytes: number;
  /** Body limit for multipart routes (CSV uploads). */
  multipartLimitBytes?: number;
  observers?: RequestObserver[];
}

/** Renders any error in the single error shape. */
export function errorBody(err: AppError): Record<string, unknown> {
  return {
    error: err.kind,
    message: err.message,
    detail: err.message,
    status: err.status,
    timestamp: new Date().toISOString(),
    ...(err.details ? { details: err.details } : {}),
    ...(err.issues ? { issues: err.issues } : {}),
  };
}

/** Builds the Express app: CORS, body limits, per-request logs, the routes, one error handler. */
export function createApiApp(options: ApiOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use(
    cors((req, cb) => {
      const allowed = options.corsOrigins();
      const origin = allowed.trim() === "*" ? "*" : allowed.split(",").map((o) => o.trim());
      cb(null, { origin, exposedHeaders: ["ETag", "Location"], maxAge: 3600 });
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const routePath = (res.locals.routePath as string | undefined) ?? "unmatched";
      const latencyMs = Math.round(msSince(start) * 10) / 10;
      logEvent("http.request", {
        method: req.method,
        route: routePath,
        path: req.path,
        status: res.statusCode,
        latencyMs,
        actorId: res.locals.actorId ?? null,
        shopId: res.locals.shopId ?? null,
      });
      for (const observe of options.observers ?? []) {
        observe({ method: req.method, route: routePath, status: res.statusCode, latencyMs, operation: res.locals.operation });
      }
    });
    next();
  });

  // Outside Cloud Functions (or when the runtime did not parse it) the JSON body is parsed here;
  // when the runtime already did, express.json() sees that and steps aside.
  app.use(express.json({ limit: options.jsonLimitBytes }));

  for (const route of options.routes) {
    const expressPath = route.spec.path.replace(/\{(\w+)\}/g, ":$1");
    const limit = route.spec.bodyType === "multipart" ? (options.multipartLimitBytes ?? options.jsonLimitBytes) : options.jsonLimitBytes;
    app[route.spec.method](expressPath, async (req: Request, res: Response) => {
      res.locals.routePath = route.spec.path;
      res.locals.operation = route.spec.operation;
      const size = Number(req.get("content-length") ?? req.rawBody?.length ?? 0);
      if (size > limit) {
        throw new AppError("TOO_LARGE", `The request body is ${size} bytes; the limit for this route is ${limit} bytes`, { limitBytes: limit });
      }
      await route.run(req, res);
    });
  }

  app.use((req: Request) => {
    throw new AppError("NOT_FOUND", `No route ${req.method} ${req.path}`);
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = fromBodyParserError(err) ?? toAppError(err);
    if (appError.kind === "UNEXPECTED") {
      logError("http.failed", err, { method: req.method, path: req.path, actorId: res.locals.actorId ?? null });
    }
    if (res.headersSent) return;
    res.status(appError.status).json(errorBody(appError));
  });

  return app;
}

/** body-parser signals malformed or oversized bodies with a `type`; keep them in our shape. */
function fromBodyParserError(err: unknown): AppError | null {
  const type = (err as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") return new AppError("INVALID_DATA", "The body is not valid JSON");
  if (type === "entity.too.large") return new AppError("TOO_LARGE", "The request body is too large");
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as UTF-8 JSON");
  }
  return null;
}
