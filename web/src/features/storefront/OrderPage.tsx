import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Loader, Progress, Stack, Stepper, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { formatIst } from "../../lib/dates";
import { formatPaise } from "../../lib/money";
import { useOrder, useOrderRequest } from "./hooks";
import { storefrontApi, uploadChitty } from "./storefront.api";
import { ORDER_FLOW, STATUS_LABEL, type ChittyResult, type OrderView } from "./types";

/** One order, followed live from `orders/{id}`; someone else's order is "not found" (the rules refuse it). */
export function OrderPage() {
  const { orderId = "" } = useParams();
  const state = useOrder(orderId);
  if (state.status === "loading") return <Loader aria-label="Loading the order" />;
  if (state.status === "not-found")
    return (
      <Alert color="red" role="alert" title="Order not found" data-testid="order-not-found">
        There is no order {orderId} on your account: it may not be your order. <Anchor component={Link} to="/store/orders">Your orders</Anchor>
      </Alert>
    );
  if (state.status === "error")
    return (
      <Alert color="red" role="alert">
        {state.message}
      </Alert>
    );
  return <OrderView order={state.order} />;
}

function OrderView({ order }: { order: OrderView }) {
  const step = order.status === "cancelled" ? -1 : Math.max(0, ORDER_FLOW.indexOf(order.status as (typeof ORDER_FLOW)[number]));
  const [cancelError, setCancelError] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h3">
            Order at {order.shop_name}
          </Title>
          <Text size="sm" c="dimmed">
            Placed {formatIst(order.created_at)} · {order.order_type === "pre_order" ? `pickup ${formatIst(order.scheduled_pickup_time)}` : "for pickup now"}
          </Text>
        </div>
        <Badge size="lg" style={{ flexShrink: 0 }} color={order.status === "cancelled" ? "red" : order.status === "ready" ? "green" : "blue"} variant="light" data-testid="order-status" data-status={order.status}>
          {STATUS_LABEL[order.status]}
        </Badge>
      </Group>
      {order.status === "cancelled" ? (
        <Alert color="red" title="Cancelled">
          {order.cancel_reason ? `Reason: ${order.cancel_reason}` : "This order was cancelled."}
        </Alert>
      ) : (
        <Stepper active={order.status === "picked_up" || order.status === "delivered" ? ORDER_FLOW.length : step} size="xs" orientation="horizontal" allowNextStepsSelect={false}>
          {ORDER_FLOW.map((s) => (
            <Stepper.Step key={s} label={STATUS_LABEL[s]} />
          ))}
        </Stepper>
      )}
      {order.estimated_preparation_minutes != null && order.status !== "cancelled" && order.status !== "picked_up" && (
        <Text data-testid="prep-time">Estimated preparation: about {order.estimated_preparation_minutes} minutes.</Text>
      )}
      <Card withBorder padding="sm" component="section" aria-label="Items">
        <Stack gap={4}>
          {order.items.length === 0 && <Text size="sm">{order.awaiting_chitty ? "The shop will add the items from your chitty." : "No items."}</Text>}
          {order.items.map((i) => (
            <Group key={i.product_id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {i.quantity} × {i.name}
              </Text>
              <Text size="sm">{formatPaise(i.line_total_paise)}</Text>
            </Group>
          ))}
          <Group justify="space-between">
            <Text fw={600}>Total</Text>
            <Text fw={700} data-testid="order-total">
              {formatPaise(order.total_paise)}
            </Text>
          </Group>
        </Stack>
      </Card>
      {(order.status === "pending" || order.status === "confirmed") && <ChittyUpload orderId={order.id} />}
      {order.status === "pending" && (
        <Group>
          <Button
            variant="default"
            color="red"
            onClick={async () => {
              setCancelError(null);
              try {
                await storefrontApi.cancelOrder(order.id, "Cancelled by the customer");
              } catch (e) {
                setCancelError((e as Error).message);
              }
            }}
          >
            Cancel the order
          </Button>
          {cancelError && (
            <Text c="red.8" role="alert">
              {cancelError}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** "Attach a chitty photo": the camera on a phone, the file picker elsewhere; an upload progress bar, then the server's reading. */
function ChittyUpload({ orderId }: { orderId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ChittyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card withBorder padding="sm" component="section" aria-label="Chitty photo">
      <Stack gap="xs">
        <FileInput
          label="Attach a chitty photo (your handwritten list)"
          placeholder="Take or choose a photo"
          accept="image/*"
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ "aria-label": "Remove the photo" }}
          // capture="environment" opens the back camera on phones; desktops show the file picker.
          {...({ capture: "environment" } as object)}
        />
        <Button
          disabled={!file || (progress != null && progress < 1 && !error && !result)}
          onClick={async () => {
            if (!file) return;
            setError(null);
            setResult(null);
            setProgress(0);
            try {
              setResult(await uploadChitty(orderId, file, setProgress));
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Send the photo
        </Button>
        {progress != null && <Progress value={Math.round(progress * 100)} aria-label="Upload progress" data-testid="chitty-progress" data-progress={Math.round(progress * 100)} />}
        {progress != null && progress >= 1 && !result && !error && <Text size="sm">Uploaded; reading your list…</Text>}
        {result && (
          <Alert color={result.status === "processed" ? "green" : "yellow"} data-testid="chitty-result" title={result.status === "processed" ? "Your list was read" : "Could not read the list"}>
            {result.message}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** An order placed offline: waiting in the device's queue, then a link to the order once the server placed it. */
export function OrderRequestPage() {
  const { requestId = "" } = useParams();
  const state = useOrderRequest(requestId);
  return (
    <Stack gap="md" maw={560}>
      <Title order={1} size="h3">
        Your order
      </Title>
      {state.status === "waiting" && (
        <Alert color="blue" data-testid="request-waiting" title={state.pendingWrite ? "Saved on this phone" : "Sent"}>
          {state.pendingWrite ? "You are offline: your order will be sent when you're back online." : "The shop is receiving your order…"}
        </Alert>
      )}
      {state.status === "placed" && (
        <Alert color="green" title="Order placed" data-testid="request-placed">
          <Anchor component={Link} to={`/store/orders/${encodeURIComponent(state.orderId)}`}>
            Open your order
          </Anchor>
        </Alert>
      )}
      {state.status === "refused" && (
        <Alert color="red" role="alert" title="The shop could not take this order">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && (
        <Alert color="red" role="alert">
          {state.message}
        </Alert>
      )}
    </Stack>
  );
}
