import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, orderBy, query, serverTimestamp, setDoc, updateDoc, where } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const ORDER = { shop_id: "shopA", customer_id: "cust1", status: "pending", created_at: new Date("2026-11-22T05:00:00Z") };

const { owner, staff, staffWithoutClaim, otherOwner, customer, otherCustomer, signedOut } = rulesSuite("demo-kirana-rules-orders", async (db) => {
  await setDoc(doc(db, "orders/o1"), ORDER);
  await setDoc(doc(db, "orders/o2"), { ...ORDER, customer_id: "cust2" });
  await setDoc(doc(db, "users/cust1/notifications/n1"), { type: "order_update", order_id: "o1", shop_id: "shopA", data: {}, read: false, read_at: null, created_at: new Date(), expires_at: new Date() });
  await setDoc(doc(db, "order_requests/req-cust1-0001"), { shop_id: "shopA", items: [], customer_id: "cust1", status: "pending", created_at: new Date() });
});

const request = (over: Record<string, unknown> = {}) => ({
  shop_id: "shopA",
  order_type: "instant",
  items: [{ product_id: "ATTA", quantity: 2 }],
  order_notes: "ring the bell",
  has_chitty: false,
  customer_id: "cust1",
  status: "pending",
  created_at: serverTimestamp(),
  ...over,
});

describe("orders", () => {
  test("a customer reads their own order and lists their orders by customer_id", async () => {
    await assertSucceeds(getDoc(doc(customer(), "orders/o1")));
    await assertSucceeds(getDocs(query(collection(customer(), "orders"), where("customer_id", "==", "cust1"), orderBy("created_at", "desc"))));
  });
  test("a customer cannot read another customer's order, not even by a query without the customer filter or with another's id", async () => {
    await assertFails(getDoc(doc(customer(), "orders/o2")));
    await assertFails(getDocs(collection(customer(), "orders")));
    await assertFails(getDocs(query(collection(customer(), "orders"), where("customer_id", "==", "cust2"))));
    await assertFails(getDocs(query(collection(customer(), "orders"), where("shop_id", "==", "shopA"))));
    await assertFails(getDoc(doc(signedOut(), "orders/o1")));
  });
  test("the shop's members read its orders (also with a token minted before they joined); other shops' members do not", async () => {
    await assertSucceeds(getDocs(query(collection(staff(), "orders"), where("shop_id", "==", "shopA"), orderBy("created_at", "desc"))));
    await assertSucceeds(getDoc(doc(owner(), "orders/o2")));
    await assertSucceeds(getDoc(doc(staffWithoutClaim(), "orders/o1")));
    await assertFails(getDocs(query(collection(otherOwner(), "orders"), where("shop_id", "==", "shopA"))));
    await assertFails(getDoc(doc(otherOwner(), "orders/o1")));
  });
  test("nobody writes an order directly: not the customer, not the shop", async () => {
    await assertFails(setDoc(doc(customer(), "orders/o3"), ORDER));
    await assertFails(updateDoc(doc(customer(), "orders/o1"), { status: "cancelled" }));
    await assertFails(updateDoc(doc(owner(), "orders/o1"), { status: "confirmed" }));
    await assertFails(deleteDoc(doc(owner(), "orders/o1")));
  });
});

describe("order_requests", () => {
  test("a customer appends a well-formed request of their own, pending, at server time", async () => {
    await assertSucceeds(setDoc(doc(customer(), "order_requests/req-cust1-0002"), request()));
    await assertSucceeds(setDoc(doc(customer(), "order_requests/req-cust1-0003"), request({ order_type: "pre_order", scheduled_pickup_time: "2026-11-23T10:30:00+05:30" })));
    await assertSucceeds(setDoc(doc(customer(), "order_requests/req-cust1-0004"), request({ items: [], has_chitty: true })));
  });
  test("requests for someone else, already answered, with extra or oversized fields, or a bad id are refused", async () => {
    const bad: Array<Record<string, unknown>> = [
      { customer_id: "cust2" },
      { status: "placed" },
      { order_id: "o-forged" },
      { created_at: new Date("2020-01-01") },
      { items: Array.from({ length: 101 }, (_, i) => ({ product_id: `P${i}`, quantity: 1 })) },
      { items: "ATTA x2" },
      { order_type: "delivery" },
      { order_notes: "x".repeat(501) },
      { scheduled_pickup_time: 1234 },
      { has_chitty: "yes" },
      { shop_id: "../shops/x" },
    ];
    for (const over of bad) await assertFails(setDoc(doc(customer(), "order_requests/req-cust1-0009"), request(over)));
    await assertFails(setDoc(doc(customer(), "order_requests/short"), request()));
    await assertFails(setDoc(doc(signedOut(), "order_requests/req-anon-0001"), request()));
  });
  test("a customer reads only their own requests and never changes one", async () => {
    await assertSucceeds(getDoc(doc(customer(), "order_requests/req-cust1-0001")));
    await assertFails(getDoc(doc(otherCustomer(), "order_requests/req-cust1-0001")));
    await assertFails(updateDoc(doc(customer(), "order_requests/req-cust1-0001"), { status: "placed" }));
    await assertFails(deleteDoc(doc(customer(), "order_requests/req-cust1-0001")));
  });
});

describe("notifications", () => {
  test("a user reads their own notifications and marks one read, changing nothing else", async () => {
    await assertSucceeds(getDocs(query(collection(customer(), "users/cust1/notifications"), where("read", "==", false), orderBy("created_at", "desc"))));
    await assertSucceeds(updateDoc(doc(customer(), "users/cust1/notifications/n1"), { read: true, read_at: serverTimestamp() }));
  });
  test("nobody reads another user's notifications; a user cannot forge, rewrite, unread or delete one", async () => {
    await assertFails(getDocs(collection(otherCustomer(), "users/cust1/notifications")));
    await assertFails(getDoc(doc(owner(), "users/cust1/notifications/n1")));
    await assertFails(setDoc(doc(customer(), "users/cust1/notifications/n2"), { type: "pickup_ready", read: false }));
    await assertFails(updateDoc(doc(customer(), "users/cust1/notifications/n1"), { read: true, read_at: serverTimestamp(), data: { status: "ready" } }));
    await assertFails(updateDoc(doc(customer(), "users/cust1/notifications/n1"), { read: true, read_at: new Date("2020-01-01") }));
    await assertFails(updateDoc(doc(customer(), "users/cust1/notifications/n1"), { expires_at: new Date("2999-01-01") }));
    await assertFails(deleteDoc(doc(customer(), "users/cust1/notifications/n1")));
  });
});
