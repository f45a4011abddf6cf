import { useEffect, useState } from "react";
import { doc, onSnapshot } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import type { ImportStatus } from "../../lib/api";

/** shops/{shopId}/imports/{id}: what the server writes while an import runs. */
export interface ImportJob {
  status: ImportStatus;
  rows_read: number;
  rows_planned: number;
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  failure: string | null;
}

/** Live progress of one import, from its job document (null until it exists). */
export function useImportJob(shopId: string | null, importId: string | null): ImportJob | null {
  const [job, setJob] = useState<ImportJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (!shopId || !importId) return;
    return onSnapshot(
      doc(firebase().db, "shops", shopId, "imports", importId),
      (snap) => setJob(snap.exists() ? (snap.data() as ImportJob) : null),
      () => setJob(null),
    );
  }, [shopId, importId]);
  return job;
}

/** Progress in percent: planning counts as the first 10 %, writing the rows to write as the rest. */
export function importProgress(job: ImportJob | null): number {
  if (!job) return 0;
  if (job.status === "completed") return 100;
  if (job.status === "planning") return job.rows_read ? 5 : 0;
  const toWrite = Math.max(job.rows_planned - job.unchanged - job.errors, 0);
  return toWrite === 0 ? 100 : 10 + Math.round((90 * Math.min(job.written, toWrite)) / toWrite);
}
