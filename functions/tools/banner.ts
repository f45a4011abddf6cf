/** Printed by `npm start` once the API answers: where things are and how to sign in. */
import { DEMO_PASSWORD, SHOPS, USERS } from "./seed";

function main(): void {
  const [apiUrl, configPath] = process.argv.slice(2);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const emulators = require(configPath).emulators as Record<string, { host: string; port: number }>;
  const lines = [
    "",
    "Kirana Cloud is running on the emulators.",
    "",
    `  API           ${apiUrl}            (try ${apiUrl}/health, ${apiUrl}/openapi.json)`,
    `  Auth          http://${emulators.auth.host}:${emulators.auth.port}`,
    `  Firestore     http://${emulators.firestore.host}:${emulators.firestore.port}`,
    "",
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...USERS.map((u) => {
      const roles = Object.entries(u.shops).map(([shop, role]) => `${role} of ${SHOPS.find((s) => s.id === shop)?.name ?? shop}`);
      return `  ${u.email.padEnd(22)} ${u.name.padEnd(16)} ${roles.length ? roles.join("; ") : "customer"}`;
    }),
    "",
    "Get an ID token:",
    `  curl -s 'http://${emulators.auth.host}:${emulators.auth.port}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo' \\`,
    `    -H 'content-type: application/json' -d '{"email":"ramesh@kirana.demo","password":"${DEMO_PASSWORD}","returnSecureToken":true}'`,
    `then: curl -H "Authorization: Bearer <idToken>" '${apiUrl}/users/me'`,
    "",
    "Ctrl-C stops the emulators (changes are not saved back to emulator-data/).",
    "",
  ];
  console.log(lines.join("\n"));
}

main();
