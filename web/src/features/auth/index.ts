export { SessionProvider, useSession, type Session } from "./session";
export { SignInPage } from "./SignInPage";
export { RegisterPage } from "./RegisterPage";
export { AcceptInvitePage } from "./AcceptInvitePage";
export { ShopPicker } from "./ShopPicker";
