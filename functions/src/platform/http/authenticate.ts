import type { Request } from "express";
import { adminAuth } from "../firebase";
import { AppError } from "../errors";
import { loadActor, type Actor } from "../../identity/actor";

/** Verifies `Authorization: Bearer <Firebase ID token>` and loads the caller's memberships. */
export async function authenticate(req: Request): Promise<Actor> {
  const header = req.get("authorization");
  if (!header) {
    throw new AppError("UNAUTHENTICATED", "Sign in first: send Authorization: Bearer <Firebase ID token>");
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw new AppError("UNAUTHENTICATED", "Malformed Authorization header: expected 'Bearer <Firebase ID token>'");
  }
  let decoded;
  try {
    decoded = await adminAuth().verifyIdToken(match[1]);
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    if (code === "auth/id-token-expired") {
      throw new AppError("UNAUTHENTICATED", "Your sign-in has expired: refresh the ID token and retry");
    }
    if (code === "auth/id-token-revoked" || code === "auth/user-disabled") {
      throw new AppError("UNAUTHENTICATED", "This sign-in is no longer valid: sign in again");
    }
    throw new AppError("UNAUTHENTICATED", "The ID token is not valid for this project");
  }
  return loadActor(decoded);
}
