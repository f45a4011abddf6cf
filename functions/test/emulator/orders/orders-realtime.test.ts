import {
  collection,
  disableNetwork,
  doc,
  enableNetwork,
  getDoc,
  getDocs,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type DocumentData,
  type Firestore,
} from "firebase/firestore";
import { call, newCustomer, newStaff } from "../../helpers/api";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { closeClient, webClient } from "../../helpers/web";
import { ledgerSum, patchOrder, placeOrder, quantityOf, shopWithProducts } from "../../helpers/orders";
import { db } from "../../../src/platform/firebase";
import { handleOrderRequestCreated, handleOrderWritten } from "../../../src/orders/orders.handlers";
import { addItemsToOrder } from "../../../src/orders/orders.service";
import { notifyChittyProcessed } from "../../../src/notifications/notifications.service";

// The code under test configures the shared Admin Firestore before the helpers use it.
beforeAll(() => {
  db();
});

type Client = Awaited<ReturnType<typeof webClient>>;

/** Collects every snapshot of a query as a web client sees it (server-confirmed only). */
function follow(dbc: Firestore, q: ReturnType<typeof query>) {
  const seen: DocumentData[][] = [];
  const errors: unknown[] = [];
  let live = false;
  const stop = onSnapshot(
    q,
    { includeMetadataChanges: true },
    (snap) => {
      // The first snapshot the server confirmed: the listen stream is up.
      if (!snap.metadata.fromCache) live = true;
      if (!snap.metadata.hasPendingWrites) seen.push(snap.docs.map((d) => ({ id: d.id, ...(d.data() as DocumentData) })));
    },
    (err) => errors.push(err),
  );
  // A listener the rules refused says so in the waiting test's message instead of a bare timeout.
  const latest = () => {
    if (errors.length) throw errors[0];
    return seen[seen.length - 1] ?? [];
  };
  return { seen, errors, stop, latest, live: () => live };
}

describe("real time through listeners", () => {
  const clients: Client[] = [];
  afterEach(async () => {
    while (clients.length) await closeClient(clients.pop() as Client);
  });

  test("the customer's listener sees pending → confirmed → preparing → ready → picked_up in order with the right notifications; the shop's listener sees the order arrive", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5, unit_price_paise: 2500 }]);
    const staff = await newStaff(owner);
    const customer = await newCustomer();
    const cust = await webClient(customer);
    const shop = await webClient(staff);
    clients.push(cust, shop);
    const myOrders = follow(cust.db, query(collection(cust.db, "orders"), where("customer_id", "==", customer.uid), orderBy("created_at", "desc")));
    const shopOrders = follow(shop.db, query(collection(shop.db, "orders"), where("shop_id", "==", owner.shopId), orderBy("created_at", "desc")));
    const myNotes = follow(cust.db, query(collection(cust.db, `users/${customer.uid}/notifications`), orderBy("created_at", "asc")));
    const staffNotes = follow(shop.db, query(collection(shop.db, `users/${staff.uid}/notifications`), where("read", "==", false), orderBy("created_at", "desc")));

    // Listeners are what is under test: wait until the server has answered each one before the order exists.
    for (const l of [myOrders, shopOrders, myNotes, staffNotes]) await waitFor(() => (l.live() ? true : l.latest() && undefined), "a listener's first server snapshot", 30_000);
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 2 }] });
    const statusSeen = () => myOrders.latest().find((o) => o.id === order.id)?.status as string | undefined;
    await waitFor(() => (statusSeen() === "pending" ? true : undefined), "the customer's listener to see the pending order");
    await waitFor(() => (shopOrders.latest().some((o) => o.id === order.id) ? true : undefined), "the shop's listener to see the new order");
    for (const [status, by] of [["confirmed", staff], ["preparing", staff], ["ready", owner], ["picked_up", staff]] as const) {
      expect((await patchOrder(by, order.id, { status })).status).toBe(200);
      await waitFor(() => (statusSeen() === status ? true : undefined), `the customer's listener to see ${status}`);
    }
    const sequence = myOrders.seen.map((docs) => docs.find((o) => o.id === order.id)?.status).filter((s, i, all) => s && s !== all[i - 1]);
    expect(sequence).toEqual(["pending", "confirmed", "preparing", "ready", "picked_up"]);

    const notes = await waitFor(() => (myNotes.latest().length >= 5 ? myNotes.latest() : undefined), "the customer's five notifications", 40_000);
    expect(notes.map((n) => [n.type, n.data.status])).toEqual([
      ["order_update", "confirmed"],
      ["order_update", "preparing"],
      ["order_update", "ready"],
      ["pickup_ready", "ready"],
      ["order_update", "picked_up"],
    ]);
    expect(notes[0].data).toEqual({ order_id: order.id, shop_id: owner.shopId, status: "confirmed", total_amount: 50, estimated_preparation_minutes: 20 });
    expect(notes[3].data).toEqual({ order_id: order.id, shop_id: owner.shopId, status: "ready", estimated_preparation_minutes: 20 });
    const newOrder = await waitFor(() => staffNotes.latest().find((n) => n.type === "new_order"), "the staff member's new_order notification");
    expect(newOrder.data).toEqual({ order_id: order.id, customer_name: customer.email, order_type: "instant", scheduled_pickup_time: null, total_amount: 50, item_count: 1, has_chitty: false });
    expect((await adminDb().collection(`users/${owner.uid}/notifications`).where("order_id", "==", order.id).get()).size).toBe(1);

    // Marking read: allowed for the read fields only, and the unread listener drops it.
    await updateDoc(doc(shop.db, `users/${staff.uid}/notifications/${newOrder.id}`), { read: true, read_at: serverTimestamp() });
    await waitFor(() => (staffNotes.latest().some((n) => n.id === newOrder.id) ? undefined : true), "the read notification to leave the unread list");
    expect([myOrders, shopOrders, myNotes, staffNotes].flatMap((l) => l.errors)).toEqual([]);
    for (const l of [myOrders, shopOrders, myNotes, staffNotes]) l.stop();
  }, 90_000);

  test("a duplicate or out-of-order delivery of an order event writes no second notification and keeps read flags", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    const v1 = (await adminDb().doc(`orders/${order.id}`).get()).data() ?? null;
    await patchOrder(owner, order.id, { status: "confirmed" });
    const v2 = (await adminDb().doc(`orders/${order.id}`).get()).data() ?? null;
    await patchOrder(owner, order.id, { status: "ready" });
    const v3 = (await adminDb().doc(`orders/${order.id}`).get()).data() ?? null;
    const notes = adminDb().collection(`users/${customer.uid}/notifications`);
    await waitFor(async () => ((await notes.get()).size === 3 ? true : undefined), "three customer notifications from the trigger");
    const first = (await notes.get()).docs.find((d) => d.get("type") === "pickup_ready");
    await first?.ref.update({ read: true });
    // Redeliver: newest first, then the older one twice, then the creation.
    await handleOrderWritten({ eventId: uniqueId("e"), orderId: order.id, before: v2, after: v3 });
    await handleOrderWritten({ eventId: uniqueId("e"), orderId: order.id, before: v1, after: v2 });
    await handleOrderWritten({ eventId: uniqueId("e"), orderId: order.id, before: v1, after: v2 });
    await handleOrderWritten({ eventId: uniqueId("e"), orderId: order.id, before: null, after: v1 });
    const after = await notes.get();
    expect(after.docs.map((d) => d.id).sort()).toEqual([`${order.id}-v2-order_update`, `${order.id}-v3-order_update`, `${order.id}-v3-pickup_ready`]);
    expect(after.docs.find((d) => d.get("type") === "pickup_ready")?.get("read")).toBe(true);
    expect((await adminDb().collection(`users/${owner.uid}/notifications`).where("order_id", "==", order.id).get()).size).toBe(1);
  });

  test("a customer cannot read another customer's order or notifications through the web SDK, not even by a query", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const alice = await newCustomer();
    const bob = await newCustomer();
    const { body: order } = await placeOrder(alice, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    await waitFor(async () => ((await adminDb().collection(`users/${owner.uid}/notifications`).get()).size ? true : undefined), "the shop's notification");
    const web = await webClient(bob);
    clients.push(web);
    const denied = async (p: Promise<unknown>) => expect(await p.then(() => "allowed", (e: { code?: string }) => e.code)).toBe("permission-denied");
    await denied(getDoc(doc(web.db, `orders/${order.id}`)));
    await denied(getDocs(collection(web.db, "orders")));
    await denied(getDocs(query(collection(web.db, "orders"), where("customer_id", "==", alice.uid))));
    await denied(getDocs(query(collection(web.db, "orders"), where("shop_id", "==", owner.shopId))));
    await denied(getDocs(collection(web.db, `users/${owner.uid}/notifications`)));
    await denied(getDocs(collection(web.db, `users/${alice.uid}/notifications`)));
    // Bob's own, correctly filtered query works (and is empty).
    expect((await getDocs(query(collection(web.db, "orders"), where("customer_id", "==", bob.uid), orderBy("created_at", "desc")))).size).toBe(0);
  });

  test("an order request written while offline becomes exactly one order after reconnecting; a short one is refused with reasons", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }, { sku: "B", quantity: 1 }]);
    const customer = await newCustomer();
    const web = await webClient(customer);
    clients.push(web);
    await disableNetwork(web.db);
    const okId = uniqueId("req-ok");
    const shortId = uniqueId("req-short");
    const base = { shop_id: owner.shopId, order_type: "instant", customer_id: customer.uid, status: "pending", created_at: serverTimestamp() };
    // Offline writes resolve only once the server has them: do not await them while offline.
    const writes = [
      setDoc(doc(web.db, `order_requests/${okId}`), { ...base, items: [{ product_id: "A", quantity: 2 }], order_notes: "written offline" }),
      setDoc(doc(web.db, `order_requests/${shortId}`), { ...base, items: [{ product_id: "B", quantity: 3 }] }),
    ];
    await new Promise((r) => setTimeout(r, 300));
    expect((await adminDb().doc(`order_requests/${okId}`).get()).exists).toBe(false);
    await enableNetwork(web.db);
    await Promise.all(writes);
    const placed = await waitFor(async () => {
      const snap = await getDoc(doc(web.db, `order_requests/${okId}`));
      return snap.get("status") === "placed" ? snap.data() : undefined;
    }, "the offline request to be placed");
    const refused = await waitFor(async () => {
      const snap = await getDoc(doc(web.db, `order_requests/${shortId}`));
      return snap.get("status") === "refused" ? snap.data() : undefined;
    }, "the short request to be refused");
    expect(refused?.refusal).toMatchObject({ status: 409, error: "CONFLICT", details: { short_items: [{ product_id: "B", requested: 3, available: 1 }] } });
    // A redelivered event is a no-op; exactly one order, stock taken once.
    expect(await handleOrderRequestCreated({ requestId: okId, eventId: "again" })).toEqual({ outcome: "skipped", orderId: null });
    const orders = await adminDb().collection("orders").where("customer_id", "==", customer.uid).get();
    expect(orders.docs.map((d) => d.id)).toEqual([placed?.order_id]);
    expect(orders.docs[0].data()).toMatchObject({ source: "order_request", order_notes: "written offline", status: "pending" });
    expect(await quantityOf(owner.shopId, "A")).toBe(3);
    expect(await ledgerSum(owner.shopId, "A", "order")).toEqual({ sum: -2, count: 1 });
    expect(await quantityOf(owner.shopId, "B")).toBe(1);
    const mine = await getDocs(query(collection(web.db, "orders"), where("customer_id", "==", customer.uid), orderBy("created_at", "desc")));
    expect(mine.docs.map((d) => d.id)).toEqual([placed?.order_id]);
  }, 60_000);

  test("a malformed order request is refused with the reason, once", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const customer = await newCustomer();
    const id = uniqueId("req-bad");
    await adminDb().doc(`order_requests/${id}`).set({ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 0 }], customer_id: customer.uid, status: "pending", created_at: new Date() });
    const refused = await waitFor(async () => {
      const snap = await adminDb().doc(`order_requests/${id}`).get();
      return snap.get("status") === "refused" ? snap.data() : undefined;
    }, "the malformed request to be refused");
    expect(refused?.refusal).toMatchObject({ status: 400, error: "INVALID_DATA" });
    expect(refused?.refusal.message).toContain("items.0.quantity");
    expect(await quantityOf(owner.shopId, "A")).toBe(5);
  });

  test("the chitty flow fills an awaiting order through addItemsToOrder (once per operation) and tells the shop with chitty_processed", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5, unit_price_paise: 1000 }, { sku: "B", quantity: 1 }]);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, has_chitty: true });
    expect(order.awaiting_chitty).toBe(true);
    const filled = await addItemsToOrder({ orderId: order.id, items: [{ product_id: "A", quantity: 3 }], actorId: owner.uid, operationId: "chitty-run-1" });
    const again = await addItemsToOrder({ orderId: order.id, items: [{ product_id: "A", quantity: 3 }], actorId: owner.uid, operationId: "chitty-run-1" });
    expect(filled).toMatchObject({ awaiting_chitty: false, total_amount: 30, items: [{ product_id: "A", quantity: 3, unit_price: 10 }] });
    expect(again).toEqual(filled);
    expect(await quantityOf(owner.shopId, "A")).toBe(2);
    await expect(addItemsToOrder({ orderId: order.id, items: [{ product_id: "B", quantity: 2 }], actorId: owner.uid, operationId: "chitty-run-2" })).rejects.toMatchObject({ kind: "CONFLICT" });
    expect(await quantityOf(owner.shopId, "B")).toBe(1);
    expect(await notifyChittyProcessed({ orderId: order.id, shopId: owner.shopId, itemsFound: 1, totalLines: 2, message: "1 of 2 lines matched", runId: "run-1" })).toBe(1);
    expect(await notifyChittyProcessed({ orderId: order.id, shopId: owner.shopId, itemsFound: 1, totalLines: 2, message: "1 of 2 lines matched", runId: "run-1" })).toBe(0);
    const note = (await adminDb().doc(`users/${owner.uid}/notifications/${order.id}-chitty-run-1`).get()).data();
    expect(note).toMatchObject({ type: "chitty_processed", data: { order_id: order.id, items_found: 1, total_lines: 2, message: "1 of 2 lines matched" }, read: false });
    // The customer hears about the new total.
    await waitFor(async () => ((await adminDb().doc(`users/${customer.uid}/notifications/${order.id}-v2-order_update`).get()).get("data.total_amount") === 30 ? true : undefined), "the customer's order_update for the filled order");
    await patchOrder(owner, order.id, { status: "confirmed" });
    await patchOrder(owner, order.id, { status: "ready" });
    await expect(addItemsToOrder({ orderId: order.id, items: [{ product_id: "A", quantity: 1 }], actorId: owner.uid, operationId: "late" })).rejects.toMatchObject({ kind: "UNPROCESSABLE" });
    expect((await call("GET", `/v1/orders/${order.id}`, { token: customer.token })).body.items).toHaveLength(1);
  });
});
