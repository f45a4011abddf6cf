import { useMemo, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useParams } from "react-router";
import { api, ApiError } from "../../lib/api";
import { formatIst } from "../../lib/dates";
import { formatPaise } from "../../lib/money";
import { useProducts } from "../inventory";
import { STATUS_LABEL } from "../orders-board";
import { choicesFor, confidenceBand, formatConfidence, formatQuantity, isOpen, photoNote, type Suggestion } from "./review";
import { useChittyPreview, useChittyReview } from "./useChittyReview";

const BAND_COLOR = { high: "green", medium: "yellow", low: "red" } as const;

/**
 * One order with its chitty: what was read (where the photo would be) beside the suggestions,
 * each accepted, rejected or corrected through the API; the order's items and total follow live.
 */
export default function ChittyReviewPage() {
  const { id = "" } = useParams();
  const { order, chitties, suggestions, loaded, error } = useChittyReview(id);
  const [busy, setBusy] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<{ s: Suggestion; productId: string | null; quantity: number | string } | null>(null);
  const open = suggestions.filter(isOpen);

  async function decide(s: Suggestion, action: "accept" | "reject" | "correct", body?: { product_id: string; quantity: number }): Promise<boolean> {
    setBusy(s.id);
    try {
      await api.decideSuggestion(id, s.id, action, body);
      return true;
    } catch (e) {
      notifications.show({ color: "red", message: `Not done: ${e instanceof ApiError ? e.message : String(e)}` });
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function acceptAll() {
    for (const s of open) if (choicesFor(s).accept) await decide(s, "accept");
  }

  if (!loaded)
    return (
      <Group justify="center" mt="xl">
        <Loader aria-label="Loading" />
      </Group>
    );
  if (!order)
    return (
      <Stack component="main">
        <Title order={1} size="h2">
          Order not found
        </Title>
        {error && <Alert color="red">{error}</Alert>}
        <Anchor component={Link} to="/orders">
          Back to the orders board
        </Anchor>
      </Stack>
    );

  return (
    <Stack component="main">
      <Anchor component={Link} to="/orders" size="sm">
        ← Orders board
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            Order #{order.id.slice(0, 8)} · {order.customer_name}
          </Title>
          <Text size="sm" c="dimmed">
            {order.order_type === "pre_order" ? `Pre-order, pickup ${formatIst(order.scheduled_pickup_time)}` : `Instant, placed ${formatIst(order.created_at)}`}
          </Text>
        </div>
        <Badge size="lg" variant="light" data-testid="order-status">
          {STATUS_LABEL[order.status]}
        </Badge>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <Title order={2} size="h4">
            Chitty
          </Title>
          {chitties.length === 0 && <Text size="sm">{order.has_chitty ? "Waiting for the customer's chitty." : "This order has no chitty."}</Text>}
          {chitties.map((c) => (
            <Card withBorder key={c.id} data-testid="chitty">
              <Text size="sm" mb="xs" data-testid="photo-note">
                {photoNote(c)}
              </Text>
              {c.source !== "text" && <ChittyPhoto orderId={id} chittyId={c.id} />}
              <Paper p="sm" bg="yellow.0" withBorder aria-label="Lines as read" component="ol" style={{ fontFamily: "Comic Neue, Humor Sans, cursive", margin: 0, paddingLeft: 32 }}>
                {suggestions
                  .filter((s) => s.chitty_id === c.id)
                  .map((s) => (
                    <li key={s.id}>{s.raw_text}</li>
                  ))}
              </Paper>
              <Text size="xs" mt="xs" c="dimmed">
                {c.status === "failed" ? `Could not be read: ${c.failure_reason ?? c.message}` : c.message}
              </Text>
            </Card>
          ))}
        </Stack>

        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h4">
              Suggestions ({open.length} to decide)
            </Title>
            {open.some((s) => choicesFor(s).accept) && (
              <Button size="xs" onClick={() => void acceptAll()} disabled={busy !== null}>
                Accept the rest
              </Button>
            )}
          </Group>
          {suggestions.map((s) => (
            <SuggestionCard
              key={s.id}
              s={s}
              addedName={order.items.find((l) => l.product_id === s.final_product_id)?.name ?? null}
              busy={busy === s.id}
              onAccept={() => void decide(s, "accept")}
              onReject={() => void decide(s, "reject")}
              onCorrect={(productId) => setCorrecting({ s, productId: productId ?? s.product_id, quantity: s.quantity !== null && Number.isInteger(s.quantity) ? s.quantity : 1 })}
            />
          ))}
        </Stack>
      </SimpleGrid>

      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Items in the order
        </Title>
        <Table aria-label="Items in the order" data-testid="order-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Product</Table.Th>
              <Table.Th scope="col">Quantity</Table.Th>
              <Table.Th scope="col">Price</Table.Th>
              <Table.Th scope="col">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>No items yet</Table.Td>
              </Table.Tr>
            )}
            {order.items.map((l) => (
              <Table.Tr key={l.product_id} data-sku={l.sku}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{l.quantity}</Table.Td>
                <Table.Td>{formatPaise(l.unit_price_paise)}</Table.Td>
                <Table.Td>{formatPaise(l.line_total_paise)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fw={700} ta="right" mt="xs" data-testid="order-total">
          Total {formatPaise(order.total_paise)}
        </Text>
      </Card>

      {correcting && (
        <CorrectModal
          shopId={order.shop_id}
          value={correcting}
          busy={busy === correcting.s.id}
          onChange={setCorrecting}
          onClose={() => setCorrecting(null)}
          onSave={async (productId, quantity) => {
            if (await decide(correcting.s, "correct", { product_id: productId, quantity })) setCorrecting(null);
          }}
        />
      )}
    </Stack>
  );
}

function SuggestionCard({ s, addedName, busy, onAccept, onReject, onCorrect }: { s: Suggestion; addedName: string | null; busy: boolean; onAccept(): void; onReject(): void; onCorrect(productId?: string): void }) {
  const choices = choicesFor(s);
  const band = confidenceBand(s.confidence);
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Line ${s.line_no}: ${s.raw_text}`} data-testid="suggestion" data-status={s.status} data-line={s.line_no}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fs="italic">
          {s.line_no}. “{s.raw_text}”
        </Text>
        <Badge variant="light" color={s.status === "accepted" || s.status === "corrected" ? "green" : s.status === "rejected" ? "red" : "gray"} data-testid="suggestion-status">
          {s.status}
        </Badge>
      </Group>
      {s.product_name ? (
        <Group gap="xs" mt={4}>
          <Text fw={600} size="sm">
            {s.product_name}
          </Text>
          <Text size="xs" c="dimmed">
            {s.sku}
          </Text>
          <Text size="sm">{formatQuantity(s.quantity, s.unit)}</Text>
          <Badge variant="light" color={BAND_COLOR[band]} title="Confidence">
            {formatConfidence(s.confidence)}
          </Badge>
        </Group>
      ) : (
        <Text size="sm" mt={4}>
          No product matched
        </Text>
      )}
      {(s.status === "accepted" || s.status === "corrected") && s.final_product_id && (
        <Text size="xs" mt={4}>
          Added: {s.final_quantity} × {addedName ?? (s.status === "corrected" ? "the corrected product" : s.product_name)}
        </Text>
      )}
      {choices.correct && s.alternatives.length > 0 && (
        <Group gap={4} mt={4}>
          <Text size="xs" c="dimmed">
            Or:
          </Text>
          {s.alternatives.map((a) => (
            <Button key={a.product_id} size="compact-xs" variant="default" onClick={() => onCorrect(a.product_id)}>
              {a.product_name} ({formatConfidence(a.score)})
            </Button>
          ))}
        </Group>
      )}
      {(choices.accept || choices.reject || choices.correct) && (
        <Group gap={6} mt="xs">
          {choices.accept && (
            <Button size="compact-sm" onClick={onAccept} disabled={busy}>
              Accept
            </Button>
          )}
          {choices.correct && (
            <Button size="compact-sm" variant="light" onClick={() => onCorrect()} disabled={busy}>
              Correct…
            </Button>
          )}
          {choices.reject && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={onReject} disabled={busy}>
              Reject
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

interface Correcting {
  s: Suggestion;
  productId: string | null;
  quantity: number | string;
}

function CorrectModal({ shopId, value, busy, onChange, onClose, onSave }: { shopId: string; value: Correcting; busy: boolean; onChange(v: Correcting): void; onClose(): void; onSave(productId: string, quantity: number): void }) {
  const { products, loading } = useProducts(shopId);
  const data = useMemo(() => products.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})${p.quantity === 0 ? " — out of stock" : ""}` })), [products]);
  const q = typeof value.quantity === "number" ? value.quantity : Number(value.quantity);
  const valid = value.productId !== null && Number.isInteger(q) && q >= 1 && q <= 999;
  return (
    <Modal opened onClose={onClose} title={`Correct line ${value.s.line_no}: “${value.s.raw_text}”`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSave(value.productId!, q);
        }}
      >
        <Stack>
          <Select
            label="Product"
            placeholder={loading ? "Loading the catalog…" : "Search the catalog"}
            searchable
            limit={50}
            nothingFoundMessage="No product matches"
            data={data}
            value={value.productId}
            onChange={(productId) => onChange({ ...value, productId })}
            data-autofocus
          />
          <NumberInput label="Quantity (units)" min={1} max={999} allowDecimal={false} value={value.quantity} onChange={(quantity) => onChange({ ...value, quantity })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" disabled={!valid} loading={busy}>
              Correct and add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The photo's preview (kept by the server beside the chitty), or a line saying it is not there. */
function ChittyPhoto({ orderId, chittyId }: { orderId: string; chittyId: string }) {
  const url = useChittyPreview(orderId, chittyId, true);
  if (url === null) return <Text size="xs" c="dimmed">Loading the photo…</Text>;
  if (url === false) return <Text size="xs" c="dimmed">No copy of the photo was kept; the lines below are what was read from it.</Text>;
  return <img src={url} alt="The customer's chitty photo" data-testid="chitty-photo" style={{ maxWidth: "100%", borderRadius: 4, marginBottom: 8 }} />;
}
