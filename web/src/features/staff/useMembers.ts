import { useEffect, useState } from "react";
import { collection, onSnapshot } from "firebase/firestore";
import { firebase } from "../../lib/firebase";

export interface Member {
  uid: string;
  email: string;
  role: "owner" | "staff";
  joined_at: { toDate(): Date } | null;
}

/** The shop's members (shops/{shopId}/members), live. */
export function useMembers(shopId: string | null): Member[] | null {
  const [members, setMembers] = useState<Member[] | null>(null);
  useEffect(() => {
    if (!shopId) return;
    return onSnapshot(
      collection(firebase().db, "shops", shopId, "members"),
      (snap) => setMembers(snap.docs.map((d) => ({ uid: d.id, ...(d.data() as Omit<Member, "uid">) }))),
      () => setMembers([]),
    );
  }, [shopId]);
  return members;
}
