// Runtime configuration of the shop console. In production this stays null and the app reads
// Firebase Hosting's /__/firebase/init.json; `npm start`/`npm test` overwrite the built copy
// (dist/config.js) with the emulators' addresses for the port offset in use.
window.KIRANA_CONFIG = null;
