import { db } from "../platform/firebase";
import type { NotificationWrite } from "./notifications.schema";

/** Firestore paths of notifications. */
export const notificationsCol = (uid: string) => db().collection("users").doc(uid).collection("notifications");

/** The uids of a shop's members (owner and staff). */
export async function shopMemberIds(shopId: string): Promise<string[]> {
  const snap = await db().collection("shops").doc(shopId).collection("members").get();
  return snap.docs.map((d) => d.id);
}

/**
 * Creates the notifications that do not exist yet, in one transaction: ids are deterministic per
 * change, so a redelivered event finds them and writes nothing (and never resets `read`).
 * Returns how many were created.
 */
export async function createMissingNotifications(writes: NotificationWrite[]): Promise<number> {
  if (writes.length === 0) return 0;
  return db().runTransaction(async (tx) => {
    const refs = writes.map((w) => notificationsCol(w.uid).doc(w.id));
    const snaps = await tx.getAll(...refs);
    let created = 0;
    snaps.forEach((snap, i) => {
      if (snap.exists) return;
      tx.create(refs[i], writes[i].doc);
      created++;
    });
    return created;
  });
}
