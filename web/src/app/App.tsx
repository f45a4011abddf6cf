import { lazy, Suspense } from "react";
import { Anchor, AppShell, Badge, Burger, Button, Group, Loader, NavLink, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure, useNetwork } from "@mantine/hooks";
import { BrowserRouter, Link, Navigate, NavLink as RouterNavLink, Route, Routes, useLocation, useParams } from "react-router";
import { ShopPicker, useSession } from "../features/auth";
import { InventoryPage } from "../features/inventory";
import { AfterLaterCode, lazyScreen } from "./lazy-screen";

// Screens other than the inventory load on demand (with the Firestore SDK), keeping the first
// download small.
const DashboardPage = lazyScreen(() => import("../features/dashboard/DashboardPage"));
const ImportPage = lazyScreen(() => import("../features/imports/ImportPage"));
const StaffPage = lazyScreen(() => import("../features/staff/StaffPage"));
const ProductDetailPage = lazyScreen(() => import("../features/inventory/detail"));
const OrdersBoardPage = lazyScreen(() => import("../features/orders-board/OrdersBoardPage"));
const ChittyReviewPage = lazyScreen(() => import("../features/chitty-review/ChittyReviewPage"));
// The customers' storefront is its own chunk: the shop console never downloads it.
const StorefrontApp = lazyScreen(() => import("../features/storefront/StorefrontApp"));

// The signed-out screens (and the form library) are not in the signed-in console's first download.
const SignInPage = lazy(() => import("../features/auth/SignInPage").then((m) => ({ default: m.SignInPage })));
const RegisterPage = lazy(() => import("../features/auth/RegisterPage").then((m) => ({ default: m.RegisterPage })));
const AcceptInvitePage = lazy(() => import("../features/auth/AcceptInvitePage").then((m) => ({ default: m.AcceptInvitePage })));

const loading = (
  <Group justify="center" mt="xl">
    <Loader aria-label="Loading" />
  </Group>
);

/** Routes by session state: signed out, choosing a shop, or working in one. */
export function App() {
  return (
    <BrowserRouter>
      <Routed />
    </BrowserRouter>
  );
}

function Routed() {
  const session = useSession();
  const { pathname } = useLocation();
  if (session.status === "loading") return loading;
  if (session.status === "signed-out")
    return (
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/invite/:code" element={<SignedOutInvite />} />
          <Route path="*" element={<SignInPage />} />
        </Routes>
      </Suspense>
    );
  // Signed in, only the inventory ("/") renders before the Firestore SDK and Mantine's whole
  // stylesheet have loaded; any other route (a deep link) waits for them.
  return (
    <Suspense fallback={loading}>
      <AfterLaterCode skip={pathname === "/"}>
        <Routes>
          <Route path="/invite/:code" element={<AcceptInvitePage />} />
          <Route path="/store/*" element={<StorefrontApp />} />
          <Route path="*" element={<Console />} />
        </Routes>
      </AfterLaterCode>
    </Suspense>
  );
}

function SignedOutInvite() {
  const { code = "" } = useParams();
  return (
    <Stack>
      <Paper maw={420} mx="auto" mt="xl" p="md" withBorder>
        <Text>
          You were invited to join a shop. Sign in below, or{" "}
          <Anchor component={Link} to={`/register?invite=${encodeURIComponent(code)}`}>
            create an account
          </Anchor>
          ; then accept the invite.
        </Text>
      </Paper>
      <SignInPage />
    </Stack>
  );
}

function Console() {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const network = useNetwork();
  // Customers (no shop membership) shop in the storefront; members reach it from the header.
  // (Wait for the profile: a new owner's token may not carry the shops claim yet.)
  if (session.shops.length === 0)
    return session.profileSettled ? <Navigate to="/store" replace /> : <Loader aria-label="Loading" />;
  if (!session.shopId)
    return (
      <Paper maw={480} mx="auto" mt="xl" p="lg" withBorder component="main">
        <Title order={1} size="h3" mb="md">
          Which shop are you working in?
        </Title>
        <Stack>
          {session.shops.map((s) => (
            <Button key={s.shop_id} variant="light" onClick={() => session.selectShop(s.shop_id)}>
              {s.name} ({s.role})
            </Button>
          ))}
        </Stack>
      </Paper>
    );
  const isOwner = session.role === "owner";
  const links = [
    { to: "/", label: "Inventory" },
    { to: "/orders", label: "Orders" },
    { to: "/dashboard", label: "Dashboard" },
    { to: "/import", label: "Import CSV" },
    ...(isOwner ? [{ to: "/staff", label: "Staff" }] : []),
  ];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text fw={700}>Kirana Cloud</Text>
            <ShopPicker />
          </Group>
          <Group wrap="nowrap">
            {!network.online && (
              <Badge color="gray" data-testid="offline">
                Offline: changes are kept on this device
              </Badge>
            )}
            <Button component={Link} to="/store" size="xs" variant="default">
              Storefront
            </Button>
            <Text size="sm" visibleFrom="sm">
              {session.me?.email} · {session.role}
            </Text>
            <Button size="xs" variant="default" onClick={() => session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections">
        {links.map((l) => (
          <NavLink key={l.to} component={RouterNavLink} to={l.to} end={l.to === "/"} label={l.label} onClick={close} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader aria-label="Loading" />}>
          <Routes>
            <Route path="/" element={<InventoryPage key={session.shopId} />} />
            <Route path="/products/:id" element={<ProductDetailPage />} />
            <Route path="/orders" element={<OrdersBoardPage />} />
            <Route path="/orders/:id" element={<ChittyReviewPage />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/staff" element={isOwner ? <StaffPage /> : <Text>Only owners manage staff.</Text>} />
            <Route path="*" element={<Text>Nothing here.</Text>} />
          </Routes>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
