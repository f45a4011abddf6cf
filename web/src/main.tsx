import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import "./app/first-screen-styles";
import "./app/theme.css";
import { App } from "./app/App";
import { theme } from "./app/theme";
import { SessionProvider } from "./features/auth";
import { initFirebase } from "./lib/firebase";

// The app shell is kept by a service worker, so the console opens with no network at all.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => void navigator.serviceWorker.register("/sw.js"));
}

void initFirebase().then(() => {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Notifications />
        <SessionProvider>
          <App />
        </SessionProvider>
      </MantineProvider>
    </StrictMode>,
  );
});
