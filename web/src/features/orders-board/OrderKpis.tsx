import { useEffect, useState } from "react";
import { Badge, Card, Group, SimpleGrid, Text, Title } from "@mantine/core";
import { doc, onSnapshot } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import { formatPaise } from "../../lib/money";
import { STATUS_LABEL, type OrderStatus } from "./board";
import { averagePrepMinutes, readOrderKpiDay, sumOrderKpis, type OrderKpiDay } from "./orderKpis";
import { useIstToday } from "./useShopOrders";

/** Live `kpis/orders-{today}` of each shop (one listener per shop). */
function useOrderKpiDays(shopIds: string[], day: string): Record<string, OrderKpiDay> {
  const [days, setDays] = useState<Record<string, OrderKpiDay>>({});
  const key = shopIds.join(",");
  useEffect(() => {
    const { db } = firebase();
    setDays({});
    const stops = key
      .split(",")
      .filter(Boolean)
      .map((shopId) =>
        onSnapshot(
          doc(db, "shops", shopId, "kpis", `orders-${day}`),
          (snap) => setDays((s) => ({ ...s, [shopId]: readOrderKpiDay(snap.data()) })),
          () => setDays((s) => ({ ...s, [shopId]: readOrderKpiDay(undefined) })),
        ),
      );
    return () => stops.forEach((stop) => stop());
  }, [key, day]);
  return days;
}

const SHOWN: OrderStatus[] = ["pending", "confirmed", "preparing", "ready", "picked_up", "delivered", "cancelled"];

/** Today's orders (IST) on the dashboard: count, revenue (not cancelled), by status, average preparation; live. */
export function OrderKpis({ shopIds }: { shopIds: string[] }) {
  const today = useIstToday();
  const days = useOrderKpiDays(shopIds, today);
  const d = sumOrderKpis(shopIds.map((id) => days[id] ?? readOrderKpiDay(undefined)));
  const prep = averagePrepMinutes(d);
  return (
    <Card withBorder data-testid="order-kpis">
      <Title order={2} size="h4" mb="sm">
        Orders today
      </Title>
      <SimpleGrid cols={{ base: 2, md: 3 }}>
        <div>
          <Text size="sm" c="dimmed">
            Orders
          </Text>
          <Text fw={700} size="xl" data-testid="kpi-orders-today">
            {d.orders.toLocaleString("en-IN")}
          </Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            Revenue (not cancelled)
          </Text>
          <Text fw={700} size="xl" data-testid="kpi-revenue-today">
            {formatPaise(d.revenue_paise)}
          </Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            Average preparation
          </Text>
          <Text fw={700} size="xl">
            {prep === null ? "—" : prep === 0 ? "< 1 min" : `${prep} min`}
          </Text>
        </div>
      </SimpleGrid>
      <Group gap="xs" mt="sm" data-testid="kpi-orders-by-status">
        {SHOWN.map((s) => (
          <Badge key={s} variant="light" color="gray" data-status={s}>
            {STATUS_LABEL[s]}: {d.by_status[s] ?? 0}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}
