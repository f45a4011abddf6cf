import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { deleteDoc, doc, getDoc, serverTimestamp, setDoc, Timestamp, updateDoc, writeBatch, type Firestore } from "firebase/firestore";
import { emulatorEndpoints } from "../helpers/emulators";
import { searchTokens } from "../../src/inventory/products.schema";

const SHOP = "shop-a";
const OTHER_SHOP = "shop-b";
const PRODUCT = "ATTA-5";

let env: RulesTestEnvironment;

type Who = "owner" | "staff" | "otherShopStaff" | "customer" | "signedOut";
const EVERYONE: Who[] = ["owner", "staff", "otherShopStaff", "customer", "signedOut"];

function dbAs(who: Who): Firestore {
  switch (who) {
    case "owner":
      return env.authenticatedContext("owner-uid", { shops: { [SHOP]: "owner" } }).firestore() as unknown as Firestore;
    case "staff":
      return env.authenticatedContext("staff-uid", { shops: { [SHOP]: "staff" } }).firestore() as unknown as Firestore;
    case "otherShopStaff":
      return env.authenticatedContext("other-uid", { shops: { [OTHER_SHOP]: "staff" } }).firestore() as unknown as Firestore;
    case "customer":
      return env.authenticatedContext("customer-uid", { shops: {} }).firestore() as unknown as Firestore;
    case "signedOut":
      return env.unauthenticatedContext().firestore() as unknown as Firestore;
  }
}

function uidOf(who: Who): string {
  return { owner: "owner-uid", staff: "staff-uid", otherShopStaff: "other-uid", customer: "customer-uid", signedOut: "nobody" }[who];
}

const STORED = {
  sku: "atta-5",
  name: "Atta 5kg",
  category: "Flour",
  quantity: 10,
  unit_price_paise: 25000,
  low_stock_threshold: 5,
  mrp_paise: null,
  unit: "5 kg",
  barcode: null,
  search_tokens: searchTokens("Atta 5kg", "atta-5"),
  version: 3,
  created_at: Timestamp.fromDate(new Date("2026-11-01T00:00:00Z")),
  updated_at: Timestamp.fromDate(new Date("2026-11-01T00:00:00Z")),
  updated_by: "owner-uid",
};

/** A direct update as a client writes it: the changed fields, version + 1, caller and time. */
function update(who: Who, fields: Record<string, unknown>, version = STORED.version + 1): Record<string, unknown> {
  return { ...fields, version, updated_by: uidOf(who), updated_at: serverTimestamp() };
}

function priceAudit(who: Who): Record<string, unknown> {
  return {
    action: "product.price-changed",
    product_id: PRODUCT,
    sku: STORED.sku,
    actor_id: uidOf(who),
    source: "client",
    before: { unit_price_paise: 25000 },
    after: { unit_price_paise: 26000 },
    ref: null,
    at: serverTimestamp(),
  };
}

function deletionAudit(who: Who): Record<string, unknown> {
  return { action: "product.deleted", product_id: PRODUCT, sku: STORED.sku, actor_id: uidOf(who), source: "client", before: { version: 3 }, after: null, ref: null, at: serverTimestamp() };
}

beforeAll(async () => {
  const { firestore } = await emulatorEndpoints();
  env = await initializeTestEnvironment({
    projectId: "demo-kirana-rules-inventory",
    firestore: { rules: readFileSync(join(__dirname, "../../../firestore.rules"), "utf8"), host: firestore.host, port: firestore.port },
  });
});

afterAll(async () => {
  await env?.cleanup();
});

beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${SHOP}/products/${PRODUCT}`), STORED);
    // The rules read memberships from these documents (the token claims alone grant nothing).
    await setDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${SHOP}/members/owner-uid`), { role: "owner" });
    await setDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${SHOP}/members/staff-uid`), { role: "staff" });
    await setDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${OTHER_SHOP}/members/other-uid`), { role: "staff" });
  });
});

describe("products: who may do what", () => {
  const path = `shops/${SHOP}/products/${PRODUCT}`;
  const expectations: Record<string, Record<Who, boolean>> = {
    read: { owner: true, staff: true, otherShopStaff: true, customer: true, signedOut: false },
    create: { owner: true, staff: true, otherShopStaff: false, customer: false, signedOut: false },
    "update (good)": { owner: true, staff: true, otherShopStaff: false, customer: false, signedOut: false },
    "update (stale version)": { owner: false, staff: false, otherShopStaff: false, customer: false, signedOut: false },
    "update (price)": { owner: true, staff: false, otherShopStaff: false, customer: false, signedOut: false },
    "update (sku change)": { owner: false, staff: false, otherShopStaff: false, customer: false, signedOut: false },
    "update (bad types)": { owner: false, staff: false, otherShopStaff: false, customer: false, signedOut: false },
    delete: { owner: true, staff: false, otherShopStaff: false, customer: false, signedOut: false },
  };

  const attempts: Record<string, (db: Firestore, who: Who) => Promise<unknown>> = {
    read: (db) => getDoc(doc(db, path)),
    create: (db, who) =>
      setDoc(doc(db, `shops/${SHOP}/products/RICE-1`), {
        ...STORED,
        sku: "rice-1",
        name: "Rice",
        quantity: 0,
        search_tokens: searchTokens("Rice", "rice-1"),
        incarnation: "r1ce",
        version: 1,
        created_at: serverTimestamp(),
        updated_at: serverTimestamp(),
        updated_by: uidOf(who),
      }),
    "update (good)": (db, who) => updateDoc(doc(db, path), update(who, { name: "Chakki Atta 5kg", search_tokens: searchTokens("Chakki Atta 5kg", "atta-5") })),
    "update (stale version)": (db, who) => updateDoc(doc(db, path), update(who, { name: "Old view" }, STORED.version)),
    "update (price)": (db, who) => {
      const batch = writeBatch(db);
      batch.update(doc(db, path), update(who, { unit_price_paise: 26000 }));
      batch.set(doc(db, `shops/${SHOP}/audit/price-v4-${PRODUCT}-0`), priceAudit(who));
      return batch.commit();
    },
    "update (sku change)": (db, who) => updateDoc(doc(db, path), update(who, { sku: "atta-6" })),
    "update (bad types)": (db, who) => updateDoc(doc(db, path), update(who, { name: 42, low_stock_threshold: -1 })),
    delete: (db, who) => {
      const batch = writeBatch(db);
      batch.delete(doc(db, path));
      batch.set(doc(db, `shops/${SHOP}/audit/deleted-v3-${PRODUCT}-0`), deletionAudit(who));
      return batch.commit();
    },
  };

  for (const [operation, byWho] of Object.entries(expectations)) {
    for (const who of EVERYONE) {
      const allowed = byWho[who];
      test(`${who} ${allowed ? "may" : "may not"} ${operation}`, async () => {
        const attempt = attempts[operation](dbAs(who), who);
        if (allowed) await assertSucceeds(attempt);
        else await assertFails(attempt);
      });
    }
  }

  test("staff may write the unchanged price back", async () => {
    await assertSucceeds(updateDoc(doc(dbAs("staff"), path), update("staff", { unit_price_paise: STORED.unit_price_paise, category: "Staples" })));
  });

  test("updated_by must be the caller and updated_at the request time", async () => {
    await assertFails(updateDoc(doc(dbAs("staff"), path), { name: "X", version: 4, updated_by: "owner-uid", updated_at: serverTimestamp() }));
    await assertFails(updateDoc(doc(dbAs("staff"), path), { name: "X", version: 4, updated_by: "staff-uid", updated_at: Timestamp.now() }));
  });

  test("a create must use the upper-cased SKU as its id and start at version 1", async () => {
    const base = { ...STORED, sku: "dal-1", quantity: 0, incarnation: "d4l", created_at: serverTimestamp(), updated_at: serverTimestamp(), updated_by: "owner-uid" };
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/dal-1`), { ...base, version: 1 }));
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/DAL-1`), { ...base, version: 2 }));
    await assertSucceeds(setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/DAL-1`), { ...base, version: 1 }));
  });

  test("a quantity change needs its stock movement in the same batch", async () => {
    const db = dbAs("staff");
    await assertFails(updateDoc(doc(db, path), update("staff", { quantity: 7 })));
    const batch = writeBatch(db);
    batch.update(doc(db, path), update("staff", { quantity: 7 }));
    batch.set(doc(db, `shops/${SHOP}/stock_movements/v4-${PRODUCT}-0`), {
      product_id: PRODUCT,
      sku: STORED.sku,
      delta: -3,
      reason: "sale",
      quantity_after: 7,
      actor_id: "staff-uid",
      source: "client",
      ref: null,
      at: serverTimestamp(),
    });
    await assertSucceeds(batch.commit());
  });

  test("an owner's direct price change or delete needs its audit record in the same batch", async () => {
    const db = dbAs("owner");
    await assertFails(updateDoc(doc(db, path), update("owner", { unit_price_paise: 26000 })));
    await assertFails(deleteDoc(doc(db, path)));
    const wrongPrice = writeBatch(db);
    wrongPrice.update(doc(db, path), update("owner", { unit_price_paise: 26000 }));
    wrongPrice.set(doc(db, `shops/${SHOP}/audit/price-v4-${PRODUCT}-0`), { ...priceAudit("owner"), after: { unit_price_paise: 1 } });
    await assertFails(wrongPrice.commit());
  });

  test("a client cannot write an audit record that matches no change of its own", async () => {
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/audit/deleted-v3-${PRODUCT}-0`), deletionAudit("owner")));
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/audit/price-v3-${PRODUCT}-0`), priceAudit("owner")));
  });

  test("a movement with the wrong delta does not pass", async () => {
    const db = dbAs("staff");
    const batch = writeBatch(db);
    batch.update(doc(db, path), update("staff", { quantity: 7 }));
    batch.set(doc(db, `shops/${SHOP}/stock_movements/v4-${PRODUCT}-0`), {
      product_id: PRODUCT, sku: STORED.sku, delta: -1, reason: "sale", quantity_after: 7, actor_id: "staff-uid", source: "client", ref: null, at: serverTimestamp(),
    });
    await assertFails(batch.commit());
  });
});

describe("product_edits", () => {
  const edit = (who: Who, extra: Record<string, unknown>) => ({ product_id: PRODUCT, status: "pending", created_by: uidOf(who), created_at: serverTimestamp(), ...extra });
  const fields = { kind: "fields", base_version: 3, changes: { name: "Atta" } };
  const adjustment = { kind: "adjustment", delta: -2, reason: "sale" };

  test("members append field edits and adjustments; outsiders cannot", async () => {
    await assertSucceeds(setDoc(doc(dbAs("staff"), `shops/${SHOP}/product_edits/e1`), edit("staff", fields)));
    await assertSucceeds(setDoc(doc(dbAs("owner"), `shops/${SHOP}/product_edits/e2`), edit("owner", adjustment)));
    for (const who of ["otherShopStaff", "customer", "signedOut"] as Who[]) {
      await assertFails(setDoc(doc(dbAs(who), `shops/${SHOP}/product_edits/e-${who}`), edit(who, fields)));
    }
  });

  test("an edit must be pending, by the caller, and well formed", async () => {
    const db = dbAs("staff");
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/a`), edit("staff", { ...fields, status: "applied" })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b`), { ...edit("staff", fields), created_by: "owner-uid" }));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/c`), edit("staff", { kind: "fields", changes: { name: "x" } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/d`), edit("staff", { kind: "adjustment", delta: 2, reason: "stolen" })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/e`), edit("staff", { ...fields, changes: { sku: "other" } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/f`), edit("staff", { ...fields, changes: { quantity: -1 } })));
  });

  test("every map and string of an edit is bounded: base holds only editable fields of bounded size", async () => {
    const db = dbAs("staff");
    const base = { name: "Atta 5kg", quantity: 10 };
    await assertSucceeds(setDoc(doc(db, `shops/${SHOP}/product_edits/b1`), edit("staff", { ...fields, base })));
    // An 870 KB base (the review's edit that stayed pending for ever), unknown keys, huge strings.
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b2`), edit("staff", { ...fields, base: { name: "x".repeat(200_000) } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b3`), edit("staff", { ...fields, base: { junk: "x" } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b4`), edit("staff", { ...fields, base: { quantity: "ten" } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b5`), edit("staff", { ...fields, base: { nested: { a: 1 } } })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/b6`), edit("staff", { ...fields, base: "not a map" })));
    await assertFails(setDoc(doc(db, `shops/${SHOP}/product_edits/${"x".repeat(200)}`), edit("staff", fields)));
  });

  test("a removed staff member whose old token still claims the shop can neither append edits nor read the ledger", async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${SHOP}/members/staff-uid`));
    });
    const removed = dbAs("staff"); // its token still says { shops: { [SHOP]: "staff" } }
    await assertFails(setDoc(doc(removed, `shops/${SHOP}/product_edits/r1`), edit("staff", adjustment)));
    await assertFails(getDoc(doc(removed, `shops/${SHOP}/stock_movements/m1`)));
    await assertFails(updateDoc(doc(removed, `shops/${SHOP}/products/${PRODUCT}`), update("staff", { name: "Renamed" })));
  });

  test("a member whose token predates the membership is a member at once", async () => {
    const fresh = env.authenticatedContext("staff-uid").firestore() as unknown as Firestore;
    await assertSucceeds(setDoc(doc(fresh, `shops/${SHOP}/product_edits/n1`), edit("staff", adjustment)));
  });

  test("staff cannot propose a price; owners can", async () => {
    const priced = { ...fields, changes: { unit_price_paise: 100 } };
    await assertFails(setDoc(doc(dbAs("staff"), `shops/${SHOP}/product_edits/p1`), edit("staff", priced)));
    await assertSucceeds(setDoc(doc(dbAs("owner"), `shops/${SHOP}/product_edits/p2`), edit("owner", priced)));
  });

  test("the author may discard a conflicted edit, and nothing else", async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore() as unknown as Firestore;
      await setDoc(doc(db, `shops/${SHOP}/product_edits/c1`), { ...fields, product_id: PRODUCT, status: "conflict", created_by: "staff-uid", created_at: Timestamp.now() });
      await setDoc(doc(db, `shops/${SHOP}/product_edits/c2`), { ...fields, product_id: PRODUCT, status: "pending", created_by: "staff-uid", created_at: Timestamp.now() });
    });
    await assertFails(updateDoc(doc(dbAs("owner"), `shops/${SHOP}/product_edits/c1`), { status: "discarded", discarded_at: serverTimestamp() }));
    await assertFails(updateDoc(doc(dbAs("staff"), `shops/${SHOP}/product_edits/c2`), { status: "discarded", discarded_at: serverTimestamp() }));
    await assertFails(updateDoc(doc(dbAs("staff"), `shops/${SHOP}/product_edits/c1`), { status: "applied" }));
    await assertSucceeds(updateDoc(doc(dbAs("staff"), `shops/${SHOP}/product_edits/c1`), { status: "discarded", discarded_at: serverTimestamp() }));
  });
});

describe("stock_movements and audit", () => {
  test("members read the ledger; owners read the audit; no client writes audit", async () => {
    await assertSucceeds(getDoc(doc(dbAs("staff"), `shops/${SHOP}/stock_movements/m1`)));
    await assertFails(getDoc(doc(dbAs("customer"), `shops/${SHOP}/stock_movements/m1`)));
    await assertSucceeds(getDoc(doc(dbAs("owner"), `shops/${SHOP}/audit/a1`)));
    await assertFails(getDoc(doc(dbAs("staff"), `shops/${SHOP}/audit/a1`)));
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/audit/a2`), { action: "product.deleted" }));
    await env.withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore() as unknown as Firestore, `shops/${SHOP}/audit/a3`), { action: "product.deleted" });
    });
    await assertFails(deleteDoc(doc(dbAs("owner"), `shops/${SHOP}/audit/a3`)));
  });
});

describe("the ledger, the audit trail and derived fields cannot be forged", () => {
  const path = `shops/${SHOP}/products/${PRODUCT}`;
  const movement = (over: Record<string, unknown>) => ({
    product_id: PRODUCT, sku: STORED.sku, delta: -3, reason: "sale", quantity_after: 7, actor_id: "staff-uid", source: "client", ref: null, at: serverTimestamp(), ...over,
  });
  const seed = (docs: Record<string, Record<string, unknown>>) =>
    env.withSecurityRulesDisabled(async (ctx) => {
      for (const [p, data] of Object.entries(docs)) await setDoc(doc(ctx.firestore() as unknown as Firestore, p), data);
    });

  test("a rename cannot carry a stock movement: the delta must be the quantity change", async () => {
    const db = dbAs("staff");
    const batch = writeBatch(db);
    batch.update(doc(db, path), update("staff", { name: "Atta renamed", search_tokens: searchTokens("Atta renamed", "atta-5") }));
    batch.set(doc(db, `shops/${SHOP}/stock_movements/v4-${PRODUCT}-0`), movement({ delta: -500, quantity_after: 10 }));
    await assertFails(batch.commit());
  });

  test("a movement left over from before (a deleted product's) does not ledger a new quantity change", async () => {
    // Both the old id format and the current one hold a matching movement already.
    const leftover = { ...movement({}), at: Timestamp.now() };
    await seed({ [`shops/${SHOP}/stock_movements/v4-${PRODUCT}`]: leftover, [`shops/${SHOP}/stock_movements/v4-${PRODUCT}-0`]: leftover });
    await assertFails(updateDoc(doc(dbAs("staff"), path), update("staff", { quantity: 7 })));
  });

  test("a re-created product has a new incarnation, so the earlier product's ids do not fit it", async () => {
    await seed({
      [path]: { ...STORED, incarnation: "second", version: 1 },
      [`shops/${SHOP}/stock_movements/v2-${PRODUCT}-0`]: { ...movement({}), at: Timestamp.now() },
    });
    const db = dbAs("staff");
    const stale = writeBatch(db);
    stale.update(doc(db, path), update("staff", { quantity: 7 }, 2));
    stale.set(doc(db, `shops/${SHOP}/stock_movements/v2-${PRODUCT}-0`), movement({}));
    await assertFails(stale.commit());
    const fresh = writeBatch(db);
    fresh.update(doc(db, path), update("staff", { quantity: 7 }, 2));
    fresh.set(doc(db, `shops/${SHOP}/stock_movements/v2-${PRODUCT}-second`), movement({}));
    await assertSucceeds(fresh.commit());
  });

  test("a deletion needs an audit record written by that same batch, not one left from before", async () => {
    await seed({ [`shops/${SHOP}/audit/deleted-v3-${PRODUCT}-0`]: { ...deletionAudit("owner"), at: Timestamp.now() }, [`shops/${SHOP}/audit/deleted-v3-${PRODUCT}`]: { ...deletionAudit("owner"), at: Timestamp.now() } });
    await assertFails(deleteDoc(doc(dbAs("owner"), path)));
  });

  test("a price audit must record the MRP it changed, and nothing else", async () => {
    const db = dbAs("owner");
    const wrongMrp = writeBatch(db);
    wrongMrp.update(doc(db, path), update("owner", { unit_price_paise: 26000, mrp_paise: 30000 }));
    wrongMrp.set(doc(db, `shops/${SHOP}/audit/price-v4-${PRODUCT}-0`), { ...priceAudit("owner"), after: { unit_price_paise: 26000, mrp_paise: 1 } });
    await assertFails(wrongMrp.commit());
    const junk = writeBatch(db);
    junk.update(doc(db, path), update("owner", { unit_price_paise: 26000 }));
    junk.set(doc(db, `shops/${SHOP}/audit/price-v4-${PRODUCT}-0`), { ...priceAudit("owner"), before: { unit_price_paise: 25000, note: "x".repeat(1000) } });
    await assertFails(junk.commit());
    const right = writeBatch(db);
    right.update(doc(db, path), update("owner", { unit_price_paise: 26000, mrp_paise: 30000 }));
    right.set(doc(db, `shops/${SHOP}/audit/price-v4-${PRODUCT}-0`), { ...priceAudit("owner"), after: { unit_price_paise: 26000, mrp_paise: 30000 } });
    await assertSucceeds(right.commit());
  });

  test("search_tokens cannot be rewritten without the name they derive from", async () => {
    await assertFails(updateDoc(doc(dbAs("staff"), path), update("staff", { search_tokens: ["iphone"] })));
    await assertFails(updateDoc(doc(dbAs("staff"), path), update("staff", { category: "Phones", search_tokens: ["iphone", 42] })));
  });

  test("the incarnation is chosen at create and never changes", async () => {
    await assertFails(updateDoc(doc(dbAs("staff"), path), update("staff", { incarnation: "other" })));
    const base = { ...STORED, sku: "dal-2", quantity: 0, created_at: serverTimestamp(), updated_at: serverTimestamp(), updated_by: "owner-uid", version: 1 };
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/DAL-2`), base));
    await assertFails(setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/DAL-2`), { ...base, incarnation: "../x" }));
  });

  test("a shop whose KPI summary counts 100,000 products takes no further direct create", async () => {
    const create = () =>
      setDoc(doc(dbAs("owner"), `shops/${SHOP}/products/DAL-9`), { ...STORED, sku: "dal-9", quantity: 0, incarnation: "d9", version: 1, created_at: serverTimestamp(), updated_at: serverTimestamp(), updated_by: "owner-uid" });
    await seed({ [`shops/${SHOP}/kpis/summary`]: { products: 100_000 } });
    await assertFails(create());
    await seed({ [`shops/${SHOP}/kpis/summary`]: { products: 99_999 } });
    await assertSucceeds(create());
  });

  test("quantities, prices and stock value are bounded so every KPI sum stays exact", async () => {
    const db = dbAs("owner");
    await assertFails(updateDoc(doc(db, path), update("owner", { low_stock_threshold: 1_000_001 })));
    const priced = (price: number, version = 4) => {
      const batch = writeBatch(db);
      batch.update(doc(db, path), update("owner", { unit_price_paise: price }, version));
      batch.set(doc(db, `shops/${SHOP}/audit/price-v${version}-${PRODUCT}-0`), { ...priceAudit("owner"), before: { unit_price_paise: 25000 }, after: { unit_price_paise: price } });
      return batch.commit();
    };
    await assertFails(priced(100_000_001)); // over ₹10 lakh
    await assertSucceeds(priced(100_000_000)); // 10 units × ₹10 lakh = exactly ₹1 crore
    const more = writeBatch(db);
    more.update(doc(db, path), update("owner", { quantity: 11 }, 5));
    more.set(doc(db, `shops/${SHOP}/stock_movements/v5-${PRODUCT}-0`), movement({ delta: 1, quantity_after: 11, actor_id: "owner-uid", reason: "receipt" }));
    await assertFails(more.commit()); // 11 × ₹10 lakh is over the ₹1 crore per product
  });
});
