import { lazy, Suspense } from "react";
import { Anchor, AppShell, Badge, Burger, Button, Group, Loader, NavLink, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure, useNetwork } from "@mantine/hooks";
import { BrowserRouter, Link, Navigate, NavLink as RouterNavLink, Route, Routes, useParams } from "react-router";
import { AcceptInvitePage, RegisterPage, ShopPicker, SignInPage, useSession } from "../features/auth";
import { InventoryPage } from "../features/inventory";

// Screens other than the inventory load on demand, keeping the first download small.
const DashboardPage = lazy(() => import("../features/dashboard/DashboardPage"));
const ImportPage = lazy(() => import("../features/imports/ImportPage"));
const StaffPage = lazy(() => import("../features/staff/StaffPage"));
const ProductDetailPage = lazy(() => import("../features/inventory/detail"));
// The customers' storefront is its own chunk: the shop console never downloads it.
const StorefrontApp = lazy(() => import("../features/storefront/StorefrontApp"));

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
  if (session.status === "loading")
    return (
      <Group justify="center" mt="xl">
        <Loader aria-label="Loading" />
      </Group>
    );
  if (session.status === "signed-out")
    return (
      <Routes>
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/invite/:code" element={<SignedOutInvite />} />
        <Route path="*" element={<SignInPage />} />
      </Routes>
    );
  return (
    <Routes>
      <Route path="/invite/:code" element={<AcceptInvitePage />} />
      <Route
        path="/store/*"
        element={
          <Suspense fallback={<Loader aria-label="Loading" />}>
            <StorefrontApp />
          </Suspense>
        }
      />
      <Route path="*" element={<Console />} />
    </Routes>
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
