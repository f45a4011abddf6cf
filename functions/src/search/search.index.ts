import type { GeoPoint } from "../identity/identity.schema";
import type { ProductHit, ShopHit } from "./search.schema";

/** What a customer's search asks for. */
export interface SearchRequest {
  text: string;
  center: GeoPoint;
  radiusKm: number;
  /** Most product hits. */
  limit: number;
}

/** What a search index answers, already ranked (fewest typos, then nearest). */
export interface SearchResults {
  shops: ShopHit[];
  products: ProductHit[];
  shopsSearched: number;
  typoTolerant: boolean;
  /** Documents the search read (what a Firestore-backed search pays for). */
  documentsRead: number;
}

/**
 * The one seam between the marketplace and its search engine. The Firestore implementation
 * (`search.firestore.ts`) needs nothing but the documents every writer already keeps; an
 * engine fed by a sync trigger (the Typesense, Algolia or Elastic Firebase extensions) answers
 * the same request by implementing this interface, and `searchIndex()` returns it instead.
 */
export interface SearchIndex {
  readonly engine: string;
  search(request: SearchRequest): Promise<SearchResults>;
}

/** The search index the API uses (loaded on first use). */
export async function searchIndex(): Promise<SearchIndex> {
  const { firestoreSearchIndex } = await import("./search.firestore");
  return firestoreSearchIndex;
}
