import { lazy, type ComponentType } from "react";
import { loadFirestore } from "../lib/firebase";

/**
 * A screen loaded on demand together with the Firestore SDK (which is not in the first
 * download), so its code can use `firebase().db` directly, and Mantine's whole stylesheet. Use it for every lazily loaded
 * screen other than the inventory (whose hooks wait for Firestore themselves).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyScreen<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadFirestore(), import("./all-styles")]).then(([screen]) => screen));
}
