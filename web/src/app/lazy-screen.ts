import { lazy, use, type ComponentType, type ReactNode } from "react";
import { loadFirestore } from "../lib/firebase";

let laterCode: Promise<unknown> | null = null;

/**
 * What the first screens (the shell, the inventory, sign-in) do without and every other screen
 * may need: the Firestore SDK (so `firebase().db` works) and Mantine's whole stylesheet.
 */
export function loadLaterCode(): Promise<unknown> {
  if (!laterCode) {
    laterCode = Promise.all([loadFirestore(), import("./all-styles")]);
    laterCode.catch(() => (laterCode = null)); // a failed download may be retried
  }
  return laterCode;
}

/**
 * A screen loaded on demand together with `loadLaterCode()`. Use it for every lazily loaded
 * screen other than the inventory (whose hooks wait for Firestore themselves).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyScreen<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadLaterCode()]).then(([screen]) => screen));
}

/**
 * Suspends its children until `loadLaterCode()` has resolved, unless `skip` (the inventory):
 * the safety net for a screen that uses `firebase().db` but was loaded with a plain `lazy()`.
 */
export function AfterLaterCode({ skip, children }: { skip: boolean; children: ReactNode }): ReactNode {
  if (!skip) use(loadLaterCode());
  return children;
}
