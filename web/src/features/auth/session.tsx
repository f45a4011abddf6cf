import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { onAuthStateChanged, signOut as firebaseSignOut, type User } from "firebase/auth";
import { api, type Me, type ShopMembership, type ShopRole } from "../../lib/api";
import { firebase } from "../../lib/firebase";
import { clearDeviceSnapshots } from "../inventory/device-snapshot";

/** Who is signed in, their shops, and the shop they are working in. */
export interface Session {
  status: "loading" | "signed-out" | "signed-in";
  /** Firebase's user, once the Auth SDK has confirmed the sign-in (null before: see `uid`). */
  user: User | null;
  /** The signed-in user's id: from the device's persisted sign-in at once, then from `user`. */
  uid: string | null;
  me: Me | null;
  shops: ShopMembership[];
  shopId: string | null;
  role: ShopRole | null;
  /** True once the profile came from the server, the device's cache, or the server could not be reached. */
  profileSettled: boolean;
  selectShop(shopId: string): void;
  /** Re-reads the profile (after accepting an invite: refreshes the ID token first). */
  refresh(options?: { forceToken?: boolean }): Promise<Me | null>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

const meKey = (uid: string) => `kirana.me.${uid}`;
const shopKey = (uid: string) => `kirana.shop.${uid}`;

function readCachedMe(uid: string): Me | null {
  try {
    const text = localStorage.getItem(meKey(uid));
    return text ? (JSON.parse(text) as Me) : null;
  } catch {
    return null;
  }
}

/**
 * Before the profile arrives (or while offline on a first visit) the ID token's `shops` claim
 * already says which shops the user works in, so the inventory can start listening at once.
 */
function meFromShopsClaim(uid: string, email: string, displayName: string | null, claim: Record<string, ShopRole>): Me {
  const shops = Object.entries(claim).map(([shop_id, role]) => ({ shop_id, name: shop_id, role }));
  const role = shops.some((s) => s.role === "owner") ? "owner" : shops.length ? "staff" : "customer";
  return { uid, email, display_name: displayName, role, shops };
}

async function meFromClaims(user: User): Promise<Me | null> {
  try {
    const token = await user.getIdTokenResult();
    return meFromShopsClaim(user.uid, user.email ?? "", user.displayName, (token.claims.shops ?? {}) as Record<string, ShopRole>);
  } catch {
    return null;
  }
}

/** Holds the session for the whole app; the profile is cached so the console opens offline. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session["status"]>("loading");
  const [user, setUser] = useState<User | null>(null);
  const [bootUid, setBootUid] = useState<string | null>(null);
  const confirmed = useRef(false);
  const [me, setMe] = useState<Me | null>(null);
  const [chosenShop, setChosenShop] = useState<string | null>(null);
  const [profileSettled, setProfileSettled] = useState(false);

  const loadMe = useCallback(async (u: User, forceToken = false): Promise<Me | null> => {
    try {
      if (forceToken) await u.getIdToken(true);
      const fresh = await api.me();
      localStorage.setItem(meKey(u.uid), JSON.stringify(fresh));
      setMe(fresh);
      return fresh;
    } catch {
      return null; // offline: keep the cached profile
    }
  }, []);

  // The Auth SDK confirms a persisted sign-in only after asking the server about the user (a
  // round trip: long on a slow line, failing offline). Until then the console opens for whoever
  // index.html found signed in on this device, with the cached profile or the token's claims:
  // what it shows first is this device's cache or data the server just gave that user's token.
  useEffect(() => {
    void window.KIRANA_BOOT_USER?.then((boot) => {
      if (!boot || confirmed.current) return;
      setBootUid(boot.uid);
      setChosenShop(localStorage.getItem(shopKey(boot.uid)));
      setMe(readCachedMe(boot.uid) ?? meFromShopsClaim(boot.uid, boot.email, null, boot.shops));
      setStatus("signed-in");
    });
  }, []);

  useEffect(() => {
    const { auth } = firebase();
    return onAuthStateChanged(auth, (u) => {
      confirmed.current = true;
      setBootUid(null);
      setUser(u);
      if (!u) {
        setMe(null);
        setChosenShop(null);
        setStatus("signed-out");
        return;
      }
      setChosenShop(localStorage.getItem(shopKey(u.uid)));
      const cached = readCachedMe(u.uid);
      if (cached) {
        setMe(cached);
        setStatus("signed-in");
      } else {
        void meFromClaims(u).then((claimsMe) => {
          setMe((current) => (current?.uid === u.uid ? current : claimsMe));
          setStatus("signed-in");
        });
      }
      setProfileSettled(!!cached);
      void loadMe(u).finally(() => setProfileSettled(true));
    });
  }, [loadMe]);

  const shops = useMemo(() => me?.shops ?? [], [me]);
  const shopId = shops.find((s) => s.shop_id === chosenShop)?.shop_id ?? (shops.length === 1 ? shops[0].shop_id : null);
  const role = shops.find((s) => s.shop_id === shopId)?.role ?? null;

  const value: Session = {
    status,
    user,
    uid: user?.uid ?? bootUid,
    me,
    shops,
    shopId,
    role,
    profileSettled,
    selectShop: (id) => {
      const uid = user?.uid ?? bootUid;
      if (uid) localStorage.setItem(shopKey(uid), id);
      setChosenShop(id);
    },
    refresh: async (options) => (user ? loadMe(user, options?.forceToken) : null),
    signOut: async () => {
      const uid = user?.uid ?? bootUid;
      if (uid) clearDeviceSnapshots(uid);
      await firebaseSignOut(firebase().auth);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session (inside `SessionProvider`). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
