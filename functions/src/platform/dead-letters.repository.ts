import { db } from "./firebase";

/** Firestore path of events no trigger could process: `dead_letters/{trigger}-{eventId}` (server only). */
export const deadLettersCol = () => db().collection("dead_letters");

/** One event a trigger gave up on, with why; read by operators (Admin SDK / console), never by clients. */
export interface DeadLetterDoc {
  trigger: string;
  event_id: string;
  /** The document (or task) the event was about. */
  subject: string;
  reason: string;
  error_code: string | null;
  at: Date;
}

/** Records a dead letter under an id derived from the trigger and event, so a redelivery writes no second one. */
export async function recordDeadLetter(doc: DeadLetterDoc): Promise<string> {
  const id = `${doc.trigger}-${doc.event_id}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 400);
  await deadLettersCol().doc(id).set(doc);
  return id;
}
