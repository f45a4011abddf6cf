/**
 * Platform administration that the API never offers: `npm run admin -- <command> <email>`.
 *
 *   grant-operator <email>    make the user a platform operator (custom claim `platform_operator`)
 *   revoke-operator <email>   take the role away
 *
 * Runs with the Admin SDK: against the emulators started by `npm start` (scripts/admin.sh sets
 * FIREBASE_AUTH_EMULATOR_HOST), or against a real project with Application Default Credentials
 * (`KIRANA_ADMIN_PROJECT=<projectId> npm run admin -- ...`). The user signs in again (or
 * refreshes their ID token) to carry the new claim.
 */
import { OPERATOR_CLAIM } from "../src/identity/actor";
import { setOperatorClaim } from "../src/identity/identity.repository";

const COMMANDS: Record<string, boolean> = { "grant-operator": true, "revoke-operator": false };

async function main(): Promise<void> {
  const [command, email] = process.argv.slice(2);
  if (!command || !(command in COMMANDS) || !email) {
    console.error("usage: npm run admin -- grant-operator <email> | revoke-operator <email>");
    process.exit(2);
  }
  const grant = COMMANDS[command];
  const uid = await setOperatorClaim(email.toLowerCase(), OPERATOR_CLAIM, grant);
  console.log(`${email} (${uid}) ${grant ? "is now" : "is no longer"} a platform operator; it takes effect when they next sign in or refresh their ID token.`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`admin: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
