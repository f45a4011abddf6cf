import { useEffect, useState } from "react";
import { doc, onSnapshot } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import type { KpiSummary } from "./kpis";

/** Live `kpis/summary` of each shop (one listener per shop); absent until its first answer. */
export function useKpiSummaries(shopIds: string[]): Record<string, KpiSummary | null> {
  const [summaries, setSummaries] = useState<Record<string, KpiSummary | null>>({});
  const key = shopIds.join(",");
  useEffect(() => {
    const { db } = firebase();
    const stops = key
      .split(",")
      .filter(Boolean)
      .map((shopId) =>
        onSnapshot(
          doc(db, "shops", shopId, "kpis", "summary"),
          (snap) => setSummaries((s) => ({ ...s, [shopId]: snap.exists() ? (snap.data() as KpiSummary) : null })),
          () => setSummaries((s) => ({ ...s, [shopId]: null })),
        ),
      );
    return () => stops.forEach((stop) => stop());
  }, [key]);
  return summaries;
}
