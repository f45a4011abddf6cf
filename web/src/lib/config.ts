/** Runtime configuration: window.KIRANA_CONFIG (from /config.js) or Firebase Hosting's init.json. */
export interface EmulatorAddresses {
  /** "127.0.0.1:9099" */
  auth: string;
  firestore: { host: string; port: number };
}

export interface AppConfig {
  firebase: { apiKey: string; projectId: string; authDomain?: string; appId?: string };
  /** Present only when running against the Firebase Emulator Suite. */
  emulators: EmulatorAddresses | null;
  /** The storefront map's tile URL template (Leaflet's `{z}/{x}/{y}`); OpenStreetMap's when absent. */
  mapTileUrl?: string;
}

/** What index.html's boot script asks Firestore's REST API for at page load (see first-page.ts). */
export interface BootFirstPage {
  uid: string;
  shopId: string;
  /** The runQuery answer, as JSON. */
  body: unknown;
}

/** Who was signed in on this device when the page loaded (index.html's boot script). */
export interface BootUser {
  uid: string;
  email: string;
  /** The `shops` claim of the last ID token: shop id → role. */
  shops: Record<string, "owner" | "staff">;
}

declare global {
  interface Window {
    KIRANA_CONFIG?: AppConfig | null;
    KIRANA_BOOT_USER?: Promise<BootUser | null>;
    KIRANA_FIRST_PAGE?: Promise<BootFirstPage | null>;
  }
}

/** The app's configuration: from config.js when the scripts wrote one, else from Hosting's init.json. */
export async function loadConfig(): Promise<AppConfig> {
  if (window.KIRANA_CONFIG) return window.KIRANA_CONFIG;
  const response = await fetch("/__/firebase/init.json");
  if (!response.ok) throw new Error("No Firebase configuration: /__/firebase/init.json is missing");
  const firebase = (await response.json()) as AppConfig["firebase"];
  return { firebase, emulators: null };
}
