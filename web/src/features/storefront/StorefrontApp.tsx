import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Anchor, AppShell, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { Link, Route, Routes } from "react-router";
import { apiRequest } from "../../lib/api";
import { formatIst } from "../../lib/dates";
import { formatPaise } from "../../lib/money";
import { useSession } from "../auth/session";
import { notificationText, useNotifications, usePlace } from "./hooks";
import { NearbyPage } from "./NearbyPage";
import { OrderPage, OrderRequestPage } from "./OrderPage";
import { ShopPage } from "./ShopPage";
import { STATUS_LABEL, type NotificationView, type OrderStatus } from "./types";

/** The customer's side of the app, under /store (loaded on demand: the console never downloads it). */
export default function StorefrontApp() {
  const session = useSession();
  // The signed-in uid (known at once from the device; `session.user` is null until Auth has confirmed it).
  const uid = session.uid!;
  const network = useNetwork();
  const [place, choosePlace] = usePlace(uid);
  // One toast per order on screen: a newer notice replaces the older one (the shop adding a
  // chitty's items sends several updates in a row, which would otherwise queue "ready" behind them).
  const shownFor = useRef(new Map<string, string>());
  const toast = useCallback((n: NotificationView) => {
    // "ready" also sends pickup_ready; one toast for it is enough.
    if (n.type === "order_update" && n.data.status === "ready") return;
    const previous = shownFor.current.get(n.order_id);
    if (previous) notifications.hide(previous);
    const id = `notice-${n.id}`;
    shownFor.current.set(n.order_id, id);
    notifications.show({ id, title: n.type === "pickup_ready" ? "Ready for pickup" : "Order update", message: notificationText(n), color: n.type === "pickup_ready" ? "green" : "blue",
      autoClose: 8000,
      // Mantine writes a titled toast's text in gray 6 (3.3:1 on white); the theme's dimmed is 4.5:1+.
      styles: { description: { color: "var(--mantine-color-dimmed)" } },
    });
  }, []);
  const inbox = useNotifications(uid, toast);
  return (
    <AppShell header={{ height: 56 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/store" fw={700} c="inherit" underline="never" style={{ whiteSpace: "nowrap" }}>
            Kirana Cloud
          </Anchor>
          <Group gap={2} wrap="nowrap">
            <Button component={Link} to="/store/orders" size="xs" variant="subtle">
              Orders
            </Button>
            <Button component={Link} to="/store/notifications" size="xs" variant="subtle" aria-label={`Notifications, ${inbox.unread} unread`}>
              <BellIcon /> <span data-testid="unread-count">{inbox.unread}</span>
            </Button>
            {session.shops.length > 0 && (
              <Button component={Link} to="/" size="xs" variant="default">
                Shop console
              </Button>
            )}
            <Button size="xs" variant="default" onClick={() => session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main maw={1100} mx="auto" component="main">
        {!network.online && (
          <Badge color="gray" variant="light" data-testid="offline" mb="sm">
            Offline: orders are kept on this phone
          </Badge>
        )}
        <Routes>
          <Route index element={<NearbyPage place={place} choosePlace={choosePlace} />} />
          <Route path="shops/:shopId" element={<ShopPage uid={uid} />} />
          <Route path="orders" element={<MyOrdersPage />} />
          <Route path="orders/:orderId" element={<OrderPage />} />
          <Route path="requests/:requestId" element={<OrderRequestPage />} />
          <Route path="notifications" element={<NotificationsPage items={inbox.items} markRead={inbox.markRead} />} />
          <Route path="*" element={<Text>Nothing here.</Text>} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}

/** The notification list, newest first; opening one marks it read (the one write the rules allow). */
function NotificationsPage({ items, markRead }: { items: NotificationView[]; markRead: (id: string) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1} size="h3">
        Notifications
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {items.length === 0 && <Text>No notifications yet.</Text>}
      {items.map((n) => (
        <Card key={n.id} withBorder padding="sm" data-testid="notification" data-read={n.read}>
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={n.read ? 400 : 700}>{notificationText(n)}</Text>
              <Text size="xs" c="dimmed">
                {formatIst(n.created_at)}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <Button size="xs" variant="subtle" component={Link} to={`/store/orders/${encodeURIComponent(n.order_id)}`} onClick={() => !n.read && void markRead(n.id).catch((e: Error) => setError(e.message))}>
                Open
              </Button>
              {!n.read && (
                <Button size="xs" variant="default" onClick={() => void markRead(n.id).catch((e: Error) => setError(e.message))}>
                  Mark read
                </Button>
              )}
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

interface MyOrder {
  id: string;
  shop_name: string;
  status: OrderStatus;
  total_amount_paise: number;
  created_at: string;
}

/** The customer's orders (`GET /v1/orders/me`), newest first. */
function MyOrdersPage() {
  const [orders, setOrders] = useState<MyOrder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiRequest<{ items: MyOrder[] }>("/orders/me", { query: { limit: "30" } }).then(
      (page) => setOrders(page.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1} size="h3">
        Your orders
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!orders && !error && <Loader aria-label="Loading your orders" />}
      {orders?.length === 0 && <Text>No orders yet.</Text>}
      {orders?.map((o) => (
        <Card key={o.id} withBorder padding="sm" component={Link} to={`/store/orders/${encodeURIComponent(o.id)}`}>
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{o.shop_name}</Text>
              <Text size="xs" c="dimmed">
                {formatIst(o.created_at)}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              <Text size="sm">{STATUS_LABEL[o.status]}</Text>
              <Text size="sm" fw={600}>
                {formatPaise(o.total_amount_paise)}
              </Text>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** A bell drawn inline (no icon font or emoji font needed). */
function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" style={{ marginRight: 4 }}>
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}
