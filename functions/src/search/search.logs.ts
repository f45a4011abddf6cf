import { logEvent } from "../platform/logger";

/** A marketplace search ran. Query text is customer input: only its length is logged. */
export function logSearchRan(f: {
  engine: string;
  queryLength: number;
  shopsSearched: number;
  shopHits: number;
  productHits: number;
  typoTolerant: boolean;
  documentsRead: number;
  latencyMs: number;
}): void {
  logEvent("search.ran", f);
}
