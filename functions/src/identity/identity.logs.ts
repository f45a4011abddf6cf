import { logEvent, logWarning } from "../platform/logger";

/** A new account (and, for owners, its first shop) exists. */
export function logUserRegistered(f: { uid: string; role: string; shopId: string | null; latencyMs: number }): void {
  logEvent("user.registered", f);
}

/** A registration was rolled back after the Auth user had been created. */
export function logRegistrationRolledBack(f: { uid: string; reason: string }): void {
  logWarning("user.registration-rolled-back", f);
}

/** An owner invited staff to a shop. */
export function logInviteCreated(f: { inviteId: string; shopId: string; actorId: string; restrictedToEmail: boolean }): void {
  logEvent("invite.created", f);
}

/** A user accepted an invite and joined a shop. */
export function logInviteAccepted(f: { inviteId: string; shopId: string; actorId: string; role: string; latencyMs: number }): void {
  logEvent("invite.accepted", f);
}

/** A user chose the shop their requests act on by default. */
export function logCurrentShopSet(f: { uid: string; shopId: string }): void {
  logEvent("user.current-shop-set", f);
}

/** An owner removed a staff member; their claims were rewritten and sessions revoked. */
export function logMemberRemoved(f: { shopId: string; uid: string; actorId: string }): void {
  logEvent("member.removed", f);
}
