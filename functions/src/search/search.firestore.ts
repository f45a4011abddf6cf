import { paiseToRupees } from "../inventory/products.schema";
import { findShopsNear, type ShopNearby } from "../shops/shops.service";
import { roundKm } from "../shops/geo";
import { isOpenAt } from "../shops/shops.hours";
import { now } from "../platform/clock";
import { productsWithAnyToken } from "./search.repository";
import { spellingVariants, textTypos, wordsOf } from "./search.text";
import type { SearchIndex, SearchRequest, SearchResults } from "./search.index";
import type { ProductHit, ShopHit } from "./search.schema";

/** Most nearby shops whose names are matched. */
export const MAX_SHOPS_MATCHED = 500;
/** Catalogs searched per request: the nearest shops (one query each, in parallel). */
export const MAX_CATALOGS_SEARCHED = 10;
/** Candidate products read per shop and query round. */
export const CANDIDATES_PER_SHOP = 60;

/** Keeps exact hits when there are any, else the typo-tolerant ones (Typesense's default behaviour). */
function preferExact<T extends { typos: number }>(hits: T[]): { hits: T[]; typoTolerant: boolean } {
  const exact = hits.filter((h) => h.typos === 0);
  return exact.length ? { hits: exact, typoTolerant: false } : { hits, typoTolerant: hits.length > 0 };
}

/** Ranked by match (fewest typos), then distance, then price and name (stable answers). */
function byMatchThenDistance(a: ProductHit, b: ProductHit): number {
  return a.typos - b.typos || a.distance_km - b.distance_km || a.price - b.price || a.product_name.localeCompare(b.product_name) || (a.product_id < b.product_id ? -1 : 1);
}

/** One round over the catalogs: candidates carrying any of `tokens`, matched and scored in memory. */
async function productRound(shops: ShopNearby[], words: string[], tokens: string[], at: Date): Promise<{ hits: ProductHit[]; documentsRead: number }> {
  const perShop = await Promise.all(shops.map((shop) => productsWithAnyToken(shop.id, tokens, CANDIDATES_PER_SHOP).then((found) => ({ shop, ...found }))));
  const hits: ProductHit[] = [];
  let documentsRead = 0;
  for (const { shop, products, documentsRead: read } of perShop) {
    documentsRead += read;
    for (const { id, doc } of products) {
      if (doc.quantity <= 0) continue;
      const typos = textTypos(words, doc.name);
      if (typos === null) continue;
      hits.push({
        product_id: id,
        product_name: doc.name,
        category: doc.category,
        image_url: null,
        mrp: doc.mrp_paise === null ? null : paiseToRupees(doc.mrp_paise),
        unit: doc.unit,
        price: paiseToRupees(doc.unit_price_paise),
        stock: doc.quantity,
        shop: { shop_id: shop.id, name: shop.doc.name, open_now: isOpenAt(shop.doc.opening_hours, at), accepting_orders: shop.doc.order_settings.accepting_orders },
        distance_km: roundKm(shop.distanceKm),
        typos,
      });
    }
  }
  return { hits, documentsRead };
}

/**
 * Search on Firestore alone. Shops: the geohash query of `GET /v1/shops/nearby`, names matched
 * in memory. Products: in each of the nearest catalogs, one `array-contains` query on the
 * longest query word's prefix token; when that finds nothing anywhere, a second round asks for
 * its spelling variants with `array-contains-any` (≤ 30 values). Every candidate is checked
 * against every query word in memory (typos counted), and only in-stock products are kept.
 */
export const firestoreSearchIndex: SearchIndex = {
  engine: "firestore",
  async search(request: SearchRequest): Promise<SearchResults> {
    const at = now();
    const words = wordsOf(request.text);
    const { shops: nearby, documentsRead: shopReads } = await findShopsNear(request.center, request.radiusKm, MAX_SHOPS_MATCHED);
    let documentsRead = shopReads;

    const shopHits: ShopHit[] = [];
    for (const shop of nearby) {
      const typos = textTypos(words, shop.doc.name);
      if (typos === null) continue;
      shopHits.push({
        shop_id: shop.id,
        name: shop.doc.name,
        category: shop.doc.category,
        address: shop.doc.address,
        distance_km: roundKm(shop.distanceKm),
        open_now: isOpenAt(shop.doc.opening_hours, at),
        typos,
      });
    }
    const shops = preferExact(shopHits);
    shops.hits.sort((a, b) => a.typos - b.typos || a.distance_km - b.distance_km || (a.shop_id < b.shop_id ? -1 : 1));

    const catalogs = nearby.slice(0, MAX_CATALOGS_SEARCHED);
    // The longest word narrows most; the others are checked in memory.
    const driver = [...words].sort((a, b) => b.length - a.length)[0];
    let productHits: ProductHit[] = [];
    if (catalogs.length) {
      const exact = await productRound(catalogs, words, [driver], at);
      documentsRead += exact.documentsRead;
      productHits = exact.hits;
      const variants = spellingVariants(driver);
      if (productHits.length === 0 && variants.some((v) => v !== driver)) {
        const fuzzy = await productRound(catalogs, words, variants, at);
        documentsRead += fuzzy.documentsRead;
        productHits = fuzzy.hits;
      }
    }
    const products = preferExact(productHits);
    products.hits.sort(byMatchThenDistance);

    return {
      shops: shops.hits,
      products: products.hits.slice(0, request.limit),
      shopsSearched: catalogs.length,
      typoTolerant: products.typoTolerant || (products.hits.length === 0 && shops.typoTolerant),
      documentsRead,
    };
  },
};
