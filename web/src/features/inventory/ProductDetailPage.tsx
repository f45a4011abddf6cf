import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { formatIst } from "../../lib/dates";
import { formatPaise } from "../../lib/money";
import { useSession } from "../auth";
import { displayValue } from "./conflict";
import { useAudit, useMovements, useProduct } from "./hooks";
import { stockStatus } from "./types";

const REASONS: Record<string, string> = {
  sale: "Sold",
  receipt: "Received",
  count: "Counted",
  damage: "Damaged",
  return: "Returned",
  create: "Opening stock",
  edit: "Edited",
  import: "CSV import",
  delete: "Deleted",
};

/** One product: its figures, its stock ledger and (owners) its price audit, all live. */
export function ProductDetailPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const isOwner = session.role === "owner";
  const product = useProduct(session.shopId, id);
  const movements = useMovements(session.shopId, id);
  const audit = useAudit(session.shopId, id, isOwner);
  if (product === null) return <Loader />;
  if (product === undefined) return <Text role="alert">No product {id} in this shop.</Text>;
  const status = stockStatus(product);
  return (
    <Stack component="main">
      <Anchor component={Link} to="/">
        ← Inventory
      </Anchor>
      <Group>
        <Title order={1} size="h2">
          {product.name}
        </Title>
        {status !== "ok" && <Badge color={status === "out" ? "red" : "yellow"}>{status === "out" ? "Out of stock" : "Low stock"}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="SKU" value={product.sku} />
        <Figure label="In stock" value={`${product.quantity}${product.unit ? ` × ${product.unit}` : ""}`} />
        <Figure label="Price" value={formatPaise(product.unit_price_paise)} />
        <Figure label="MRP" value={product.mrp_paise === null ? "—" : formatPaise(product.mrp_paise)} />
        <Figure label="Category" value={product.category} />
        <Figure label="Low-stock threshold" value={String(product.low_stock_threshold)} />
        <Figure label="Version" value={String(product.version)} />
        <Figure label="Last change" value={formatIst(product.updated_at)} />
      </SimpleGrid>

      <Title order={2} size="h4">
        Stock movements
      </Title>
      {movements === null ? (
        <Loader size="sm" />
      ) : (
        <Table striped withTableBorder aria-label="Stock movements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When (IST)</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col">Stock after</Table.Th>
              <Table.Th scope="col">By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {movements.map((m) => (
              <Table.Tr key={m.id} data-testid="movement">
                <Table.Td>{formatIst(m.at)}</Table.Td>
                <Table.Td>{REASONS[m.reason] ?? m.reason}</Table.Td>
                <Table.Td c={m.delta < 0 ? "red.9" : undefined} fw={500}>{m.delta > 0 ? `+${m.delta}` : m.delta}</Table.Td>
                <Table.Td>{m.quantity_after}</Table.Td>
                <Table.Td>
                  {m.actor_id} <Text span size="xs" c="dimmed">({m.source})</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {isOwner && (
        <>
          <Title order={2} size="h4">
            Price audit
          </Title>
          {audit === null ? (
            <Loader size="sm" />
          ) : audit.length === 0 ? (
            <Text c="dimmed">No price changes recorded.</Text>
          ) : (
            <Table striped withTableBorder aria-label="Price audit">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When (IST)</Table.Th>
                  <Table.Th scope="col">Before</Table.Th>
                  <Table.Th scope="col">After</Table.Th>
                  <Table.Th scope="col">By</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.map((a) => (
                  <Table.Tr key={a.id} data-testid="audit">
                    <Table.Td>{formatIst(a.at)}</Table.Td>
                    <Table.Td>{displayValue("unit_price_paise", a.before.unit_price_paise)}</Table.Td>
                    <Table.Td>{a.after ? displayValue("unit_price_paise", a.after.unit_price_paise) : "deleted"}</Table.Td>
                    <Table.Td>
                      {a.actor_id} <Text span size="xs" c="dimmed">({a.source})</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Card>
  );
}
