export { SessionProvider, useSession, type Session } from "./session";
export { ShopPicker } from "./ShopPicker";
// The sign-in, register and accept-invite screens are loaded on demand by src/app/App.tsx.
