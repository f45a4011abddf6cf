// When the first inventory rows arrived and were committed: performance marks the web bench reads
// (`kirana:first-rows:<source>`, `kirana:rows-in-dom`), and a signal for the code that should
// not compete with them (lib/firebase.ts loads the Firestore SDK after it).

let firstRowsMarked = false;
let rowsShown: () => void = () => undefined;
const rowsShownPromise = new Promise<void>((resolve) => (rowsShown = resolve));

/** Called by the table when it has committed its first rows (mark `kirana:rows-in-dom`). */
export function firstRowsInDom(): void {
  if (performance.getEntriesByName("kirana:rows-in-dom").length === 0) performance.mark("kirana:rows-in-dom");
  rowsShown();
}

/** Resolves once the table has committed its first rows: what is not needed for them waits for this. */
export function whenFirstRowsInDom(): Promise<void> {
  return rowsShownPromise;
}

/** A performance mark `kirana:first-rows:<source>` the first time rows arrive (the web bench reports it). */
export function markFirstRows(source: "device" | "boot" | "cache" | "server"): void {
  if (firstRowsMarked) return;
  firstRowsMarked = true;
  performance.mark(`kirana:first-rows:${source}`);
}
