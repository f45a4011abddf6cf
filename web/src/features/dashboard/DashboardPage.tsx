import { useState } from "react";
import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Anchor, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatPaise } from "../../lib/money";
import { useSession } from "../auth";
import { stockStatus, useProducts } from "../inventory";
import { OrderKpis } from "../orders-board";
import { EMPTY, sumSummaries, type KpiSummary } from "./kpis";
import { useKpiSummaries } from "./useKpiSummaries";

/** Live KPIs of the shop, or of the chain and each shop for an owner of several shops. */
export default function DashboardPage() {
  const session = useSession();
  const ownedShops = session.shops.filter((s) => s.role === "owner");
  const shopIds = ownedShops.length > 1 ? ownedShops.map((s) => s.shop_id) : session.shopId ? [session.shopId] : [];
  const summaries = useKpiSummaries(shopIds);
  const [scope, setScope] = useState<string>(shopIds.length > 1 ? "chain" : (shopIds[0] ?? ""));
  const name = (id: string) => session.shops.find((s) => s.shop_id === id)?.name ?? id;

  const shown: KpiSummary =
    scope === "chain" ? sumSummaries(shopIds.map((id) => summaries[id] ?? EMPTY)) : (summaries[scope] ?? EMPTY);
  const chart = Object.entries(shown.by_category ?? {})
    .map(([category, c]) => ({ category, value: c.value_paise / 100, units: c.units }))
    .sort((a, b) => b.value - a.value);

  return (
    <Stack component="main">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Dashboard
        </Title>
        {shopIds.length > 1 && (
          <SegmentedControl
            aria-label="Which figures"
            value={scope}
            onChange={setScope}
            data={[{ value: "chain", label: "Whole chain" }, ...shopIds.map((id) => ({ value: id, label: name(id) }))]}
          />
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 5 }} data-testid="kpis">
        <Figure label="Products" value={shown.products.toLocaleString("en-IN")} testId="kpi-products" />
        <Figure label="Units in stock" value={shown.units.toLocaleString("en-IN")} testId="kpi-units" />
        <Figure label="Stock value" value={formatPaise(shown.value_paise)} testId="kpi-value" />
        <Figure label="Low stock" value={String(shown.low_stock)} testId="kpi-low" />
        <Figure label="Out of stock" value={String(shown.out_of_stock)} testId="kpi-out" />
      </SimpleGrid>

      <OrderKpis shopIds={scope === "chain" ? shopIds : [scope]} />

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Stock value by category (₹)
        </Title>
        <BarChart
          h={300}
          data={chart}
          dataKey="category"
          series={[{ name: "value", label: "Stock value (₹)", color: "blue.6" }]}
          valueFormatter={(v) => `₹${Math.round(v).toLocaleString("en-IN")}`}
          xAxisProps={{ interval: 0, angle: -30, textAnchor: "end", height: 70 }}
        />
      </Card>

      {scope === "chain" ? (
        <Table withTableBorder striped aria-label="Shops">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Shop</Table.Th>
              <Table.Th scope="col">Products</Table.Th>
              <Table.Th scope="col">Stock value</Table.Th>
              <Table.Th scope="col">Low</Table.Th>
              <Table.Th scope="col">Out</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shopIds.map((id) => {
              const s = summaries[id] ?? EMPTY;
              return (
                <Table.Tr key={id}>
                  <Table.Th scope="row">{name(id)}</Table.Th>
                  <Table.Td>{s.products}</Table.Td>
                  <Table.Td>{formatPaise(s.value_paise)}</Table.Td>
                  <Table.Td>{s.low_stock}</Table.Td>
                  <Table.Td>{s.out_of_stock}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        <StockLists shopId={scope} />
      )}
    </Stack>
  );
}

/** The shop's low-stock and out-of-stock products, live from the same listener as the inventory. */
function StockLists({ shopId }: { shopId: string }) {
  const { products } = useProducts(shopId);
  const low = products.filter((p) => stockStatus(p) === "low").sort((a, b) => a.quantity - b.quantity);
  const out = products.filter((p) => stockStatus(p) === "out").sort((a, b) => a.name.localeCompare(b.name));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Low stock ({low.length})
        </Title>
        <List spacing={4} data-testid="low-list">
          {low.map((p) => (
            <List.Item key={p.id}>
              <Anchor component={Link} to={`/products/${encodeURIComponent(p.id)}`}>
                {p.name}
              </Anchor>{" "}
              — {p.quantity} left (threshold {p.low_stock_threshold})
            </List.Item>
          ))}
        </List>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Out of stock ({out.length})
        </Title>
        <List spacing={4} data-testid="out-list">
          {out.map((p) => (
            <List.Item key={p.id}>
              <Anchor component={Link} to={`/products/${encodeURIComponent(p.id)}`}>
                {p.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Card>
    </SimpleGrid>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}
