import { useEffect, useMemo, useState } from "react";
import { Accordion, Alert, Badge, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { api, ApiError } from "../../lib/api";
import { useSession } from "../auth";
import { ACTIVE_STATUSES, allowedActions, buildColumns, STATUS_LABEL, type BoardAction, type BoardOrder } from "./board";
import { OrderCard } from "./OrderCard";
import { useIstToday, useShopOrders } from "./useShopOrders";
import { useOrderCue } from "./useOrderCue";

const DEFAULT_PREP_MINUTES = 15;

interface Pending {
  order: BoardOrder;
  action: BoardAction;
}

/**
 * The shop's orders board: live columns by status, a cue when a new order arrives, and the
 * status buttons the signed-in role may use (the server re-checks each one and its refusal is
 * shown with the API's message).
 */
export default function OrdersBoardPage() {
  const session = useSession();
  const today = useIstToday();
  const cue = useOrderCue("Orders · Kirana Cloud");
  const { orders, live, error } = useShopOrders(session.shopId, today, cue.announce);
  const columns = useMemo(() => buildColumns(orders, today), [orders, today]);
  const [now, setNow] = useState(() => new Date());
  const [asking, setAsking] = useState<Pending | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>(DEFAULT_PREP_MINUTES);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  // An order stops being "new" once it has left pending (someone else confirmed or it was cancelled).
  const { fresh, acknowledge } = cue;
  useEffect(() => {
    for (const o of orders) if (o.status !== "pending" && fresh.has(o.id)) acknowledge(o.id);
  }, [orders, fresh, acknowledge]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  async function run(order: BoardOrder, action: BoardAction, extra: { estimated_preparation_minutes?: number; reason?: string }) {
    setBusy(order.id);
    cue.acknowledge(order.id);
    try {
      await api.changeOrderStatus(order.id, { status: action.to as never, ...extra });
      setAsking(null);
    } catch (e) {
      notifications.show({ color: "red", message: `Not changed: ${e instanceof ApiError ? e.message : String(e)}` });
    } finally {
      setBusy(null);
    }
  }

  function onAction(order: BoardOrder, action: BoardAction) {
    if (action.asks) {
      setMinutes(order.estimated_preparation_minutes ?? DEFAULT_PREP_MINUTES);
      setReason("");
      setReasonError(null);
      setAsking({ order, action });
      return;
    }
    void run(order, action, {});
  }

  function submitAsked() {
    if (!asking) return;
    if (asking.action.asks === "reason") {
      const text = reason.trim();
      if (!text) {
        setReasonError("Give a reason: the customer sees it");
        return;
      }
      void run(asking.order, asking.action, { reason: text });
    } else {
      const m = typeof minutes === "number" ? minutes : Number(minutes);
      void run(asking.order, asking.action, Number.isInteger(m) && m >= 1 ? { estimated_preparation_minutes: m } : {});
    }
  }

  const role = session.role;
  return (
    <Stack component="main">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            Orders
          </Title>
          {live ? (
            <Badge color="green" variant="light" data-testid="board-live">
              Live
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              Connecting…
            </Badge>
          )}
          {cue.fresh.size > 0 && (
            <Badge color="red.9" variant="filled" data-testid="new-count">
              {cue.fresh.size} new
            </Badge>
          )}
        </Group>
        {cue.soundOn ? (
          <Button variant="default" size="xs" onClick={cue.disableSound} data-beeps={cue.beeps}>
            Sound on (turn off)
          </Button>
        ) : (
          <Button variant="light" size="xs" onClick={cue.enableSound}>
            Turn sound on for new orders
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" title="The board is not live">
          {error}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {ACTIVE_STATUSES.map((status) => (
          <Stack key={status} gap="xs" component="section" aria-label={STATUS_LABEL[status]} data-testid={`column-${status}`}>
            <Title order={2} size="h4">
              {STATUS_LABEL[status]} ({columns[status].length})
            </Title>
            {columns[status].length === 0 && (
              <Text size="sm" c="dimmed">
                None
              </Text>
            )}
            {columns[status].map((o) => (
              <OrderCard
                key={o.id}
                order={o}
                actions={allowedActions(o.status, role)}
                isNew={cue.fresh.has(o.id)}
                busy={busy === o.id}
                now={now}
                onAction={onAction}
                onSeen={(x) => cue.acknowledge(x.id)}
              />
            ))}
          </Stack>
        ))}
      </SimpleGrid>
      <Accordion variant="contained">
        <Accordion.Item value="done">
          <Accordion.Control data-testid="done-toggle">Picked up and cancelled today ({columns.done.length})</Accordion.Control>
          <Accordion.Panel>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="column-done">
              {columns.done.map((o) => (
                <OrderCard key={o.id} order={o} actions={allowedActions(o.status, role)} isNew={false} busy={false} now={now} onAction={onAction} onSeen={() => {}} />
              ))}
            </SimpleGrid>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>

      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking?.action.asks === "reason" ? "Cancel this order" : "Confirm this order"}
      >
        {asking && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submitAsked();
            }}
          >
            <Stack>
              <Text size="sm">
                {asking.order.customer_name} · #{asking.order.id.slice(0, 8)}
              </Text>
              {asking.action.asks === "reason" ? (
                <Textarea
                  label="Reason (the customer sees it)"
                  withAsterisk
                  maxLength={300}
                  value={reason}
                  error={reasonError}
                  styles={{ error: { color: "var(--mantine-color-red-9)" } }}
                  onChange={(e) => {
                    setReason(e.currentTarget.value);
                    setReasonError(null);
                  }}
                  data-autofocus
                />
              ) : (
                <NumberInput label="Preparation minutes" min={1} max={1440} allowDecimal={false} value={minutes} onChange={setMinutes} data-autofocus />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAsking(null)}>
                  Back
                </Button>
                <Button type="submit" color={asking.action.asks === "reason" ? "red.9" : undefined} loading={busy === asking.order.id}>
                  {asking.action.asks === "reason" ? "Cancel order" : "Confirm order"}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
