import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { onAuthStateChanged, signOut as firebaseSignOut, type User } from "firebase/auth";
import { api, type Me, type ShopMembership, type ShopRole } from "../../lib/api";
import { firebase } from "../../lib/firebase";

/** Who is signed in, their shops, and the shop they are working in. */
export interface Session {
  status: "loading" | "signed-out" | "signed-in";
  user: User | null;
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
async function meFromClaims(user: User): Promise<Me | null> {
  try {
    const token = await user.getIdTokenResult();
    const claims = (token.claims.shops ?? {}) as Record<string, ShopRole>;
    const shops = Object.entries(claims).map(([shop_id, role]) => ({ shop_id, name: shop_id, role }));
    const role = shops.some((s) => s.role === "owner") ? "owner" : shops.length ? "staff" : "customer";
    return { uid: user.uid, email: user.email ?? "", display_name: user.displayName, role, shops };
  } catch {
    return null;
  }
}

/** Holds the session for the whole app; the profile is cached so the console opens offline. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session["status"]>("loading");
  const [user, setUser] = useState<User | null>(null);
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

  useEffect(() => {
    const { auth } = firebase();
    return onAuthStateChanged(auth, (u) => {
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
          setMe((current) => current ?? claimsMe);
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
    me,
    shops,
    shopId,
    role,
    profileSettled,
    selectShop: (id) => {
      if (user) localStorage.setItem(shopKey(user.uid), id);
      setChosenShop(id);
    },
    refresh: async (options) => (user ? loadMe(user, options?.forceToken) : null),
    signOut: async () => {
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
