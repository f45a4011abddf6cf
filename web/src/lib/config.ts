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

declare global {
  interface Window {
    KIRANA_CONFIG?: AppConfig | null;
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
