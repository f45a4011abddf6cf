import { Anchor, Badge, Button, Card, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import { formatIst } from "../../lib/dates";
import { formatPaise } from "../../lib/money";
import { formatAge, STATUS_LABEL, type BoardAction, type BoardOrder } from "./board";

interface Props {
  order: BoardOrder;
  actions: BoardAction[];
  isNew: boolean;
  busy: boolean;
  now: Date;
  onAction(order: BoardOrder, action: BoardAction): void;
  onSeen(order: BoardOrder): void;
}

/** One order on the board: who, what, when, how much, and the buttons the role allows. */
export function OrderCard({ order, actions, isNew, busy, now, onAction, onSeen }: Props) {
  const shortId = order.id.slice(0, 8);
  const lines = order.items.slice(0, 4);
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="order-card"
      data-order-id={order.id}
      data-status={order.status}
      data-new={isNew ? "true" : undefined}
      aria-label={`Order ${shortId} from ${order.customer_name}`}
      component="article"
      style={isNew ? { borderColor: "var(--mantine-color-orange-7)", borderWidth: 3, background: "var(--mantine-color-orange-0)" } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text fw={700} size="sm">
            {order.customer_name || "Customer"}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {isNew && (
              <Badge color="red.9" variant="filled" size="sm">
                New
              </Badge>
            )}
            {order.order_type === "pre_order" ? (
              <Badge color="green" variant="light" size="sm">
                Pre-order
              </Badge>
            ) : (
              <Badge color="blue" variant="light" size="sm">
                Instant
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dark.4">
          #{shortId} · {order.order_type === "pre_order" ? `pickup ${formatIst(order.scheduled_pickup_time)}` : `placed ${formatAge(order.created_at, now)}`}
        </Text>
        {lines.length > 0 ? (
          <Stack gap={0}>
            {lines.map((l) => (
              <Text size="sm" key={l.product_id}>
                {l.quantity} × {l.name}
              </Text>
            ))}
            {order.items.length > lines.length && (
              <Text size="xs" c="dark.4">
                + {order.items.length - lines.length} more
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" fs="italic">
            {order.awaiting_chitty ? "Waiting for the chitty's items" : "No items"}
          </Text>
        )}
        <Group justify="space-between">
          <Text fw={700} data-testid="order-total">
            {formatPaise(order.total_paise)}
          </Text>
          {order.estimated_preparation_minutes != null && order.status !== "pending" && (
            <Text size="xs" c="dark.4">
              {order.estimated_preparation_minutes} min prep
            </Text>
          )}
        </Group>
        {order.order_notes && (
          <Text size="xs" c="dark.5">
            Note: {order.order_notes}
          </Text>
        )}
        {order.status === "cancelled" && order.cancel_reason && (
          <Text size="xs" c="red.9">
            Cancelled: {order.cancel_reason}
          </Text>
        )}
        {!actions.length && (
          <Text size="xs" c="dark.4">
            {STATUS_LABEL[order.status]}
          </Text>
        )}
        <Group gap={6} mt={4}>
          {actions.map((a) => (
            <Button
              key={a.to}
              size="compact-sm"
              variant={a.to === "cancelled" ? "subtle" : "filled"}
              color={a.to === "cancelled" ? "red" : undefined}
              disabled={busy}
              onClick={() => onAction(order, a)}
            >
              {a.label}
            </Button>
          ))}
          {isNew && (
            <Button size="compact-sm" variant="default" onClick={() => onSeen(order)}>
              Seen
            </Button>
          )}
          <Anchor component={Link} to={`/orders/${encodeURIComponent(order.id)}`} size="sm" onClick={() => onSeen(order)}>
            {order.has_chitty ? "Review chitty" : "Details"}
            <VisuallyHidden> of order {shortId}</VisuallyHidden>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
