import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Badge, Button, Chip, Group, Loader, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { loadLaterCode } from "../../app/lazy-screen";
import { useSession } from "../auth";
import { resolveWith } from "./conflict";
import { adjustStock, discardEdit, proposeChanges } from "./edits";
import { ConflictsPanel } from "./ConflictsPanel";
import { applyFilters, categoriesOf, DEFAULT_FILTERS, type InventoryFilters, type SortKey } from "./filter";
import { useMyOpenEdits, usePendingDeltas, useProducts } from "./hooks";
import { ProductTable } from "./ProductTable";
import type { AdjustmentReason, Product, ProductChanges, ProductEdit } from "./types";

// The forms (and their form and number-input code) load on demand, not before the first rows.
const EditProductModal = lazy(() => import("./EditProductModal").then((m) => ({ default: m.EditProductModal })));
const CountModal = lazy(() => import("./CountModal").then((m) => ({ default: m.CountModal })));

const REASON_WORDS: Record<AdjustmentReason, string> = { sale: "Sold", receipt: "Received", count: "Counted", damage: "Damaged", return: "Returned" };

function rejected(message: string) {
  notifications.show({ color: "red", title: "Change refused", message });
}

/** The live inventory of the current shop, with offline edits, adjustments and conflicts. */
export function InventoryPage() {
  const session = useSession();
  const shopId = session.shopId;
  const canChangePrice = session.role === "owner";
  const { products, loading, complete, error } = useProducts(shopId, session.uid);
  const edits = useMyOpenEdits(shopId, session.uid);
  const pendingDeltas = usePendingDeltas(edits);
  const pending = edits.filter((e) => e.status === "pending");
  const conflicts = edits.filter((e) => e.status === "conflict" && e.conflict);
  const unsynced = pending.filter((e) => e.unsynced).length;

  // Once the rows are on screen, what the other screens need (Firestore, the whole stylesheet).
  // and the edit and count forms.
  useEffect(() => {
    if (loading) return;
    void loadLaterCode().catch(() => undefined);
    void import("./EditProductModal").catch(() => undefined);
    void import("./CountModal").catch(() => undefined);
  }, [loading]);

  const [filters, setFilters] = useState<InventoryFilters>(DEFAULT_FILTERS);
  const [search] = useDebouncedValue(filters.search, 120);
  const rows = useMemo(() => applyFilters(products, { ...filters, search }), [products, filters, search]);
  const categories = useMemo(() => categoriesOf(products), [products]);
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);

  const [editing, setEditing] = useState<{ product: Product; initial?: ProductChanges; resolves?: ProductEdit } | null>(null);
  const [counting, setCounting] = useState<Product | null>(null);
  const [counted, setCounted] = useState<number | string>("");

  if (!shopId) return null;

  const adjust = (p: Product, delta: number, reason: AdjustmentReason) => {
    adjustStock(shopId, p.id, delta, reason, rejected);
    notifications.show({ message: `${REASON_WORDS[reason]} ${Math.abs(delta)} × ${p.name}${navigator.onLine ? "" : " (saved on this device)"}`, autoClose: 2000 });
  };

  return (
    <Stack gap="sm" component="main">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          Inventory
        </Title>
        <Group gap="xs" aria-live="polite">
          {pending.length > 0 && (
            <Badge color="orange.9" size="lg" data-testid="pending-count">
              {pending.length} pending{unsynced ? ` (${unsynced} on this device)` : ""}
            </Badge>
          )}
          {conflicts.length > 0 && (
            <Badge color="red.9" size="lg" data-testid="conflict-count">
              {conflicts.length} conflict{conflicts.length > 1 ? "s" : ""}
            </Badge>
          )}
          <Text size="sm" c="dimmed" data-testid="product-count">
            {complete ? `${rows.length} of ${products.length} products` : "loading…"}
          </Text>
        </Group>
      </Group>

      <ConflictsPanel
        conflicts={conflicts}
        productName={(id) => byId.get(id)?.name ?? id}
        onKeepMine={(edit) => {
          const resolution = resolveWith(edit.conflict!, edit.conflict!.mine, canChangePrice);
          if (resolution) proposeChanges(shopId, edit.product_id, resolution.base_version, resolution.changes, resolution.base, rejected);
          discardEdit(shopId, edit.id, rejected);
        }}
        onKeepTheirs={(edit) => discardEdit(shopId, edit.id, rejected)}
        onEdit={(edit) => {
          const product = byId.get(edit.product_id);
          if (product) setEditing({ product, initial: edit.conflict!.mine as ProductChanges, resolves: edit });
        }}
      />

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or SKU, e.g. toor dal"
          value={filters.search}
          onChange={(e) => setFilters({ ...filters, search: e.currentTarget.value })}
          w={260}
        />
        <SegmentedControl
          aria-label="Stock filter"
          value={filters.stock}
          onChange={(v) => setFilters({ ...filters, stock: v as InventoryFilters["stock"] })}
          data={[
            { value: "all", label: "All" },
            { value: "low", label: "Low stock" },
            { value: "out", label: "Out of stock" },
          ]}
        />
        <Select
          label="Sort by"
          w={150}
          value={filters.sort}
          allowDeselect={false}
          onChange={(v) => v && setFilters({ ...filters, sort: v as SortKey })}
          data={[
            { value: "name", label: "Name" },
            { value: "quantity", label: "Stock" },
            { value: "price", label: "Price" },
            { value: "updated_at", label: "Last change" },
          ]}
        />
        <Button variant="default" onClick={() => setFilters({ ...filters, order: filters.order === "asc" ? "desc" : "asc" })}>
          <span aria-hidden="true">{filters.order === "asc" ? "↑" : "↓"}&nbsp;</span>
          {filters.order === "asc" ? "Ascending" : "Descending"}
        </Button>
      </Group>
      <ScrollArea type="auto" offsetScrollbars>
        <Chip.Group multiple value={filters.categories} onChange={(v) => setFilters({ ...filters, categories: v })}>
          <Group gap={6} wrap="nowrap" pb={4} role="group" aria-label="Categories">
            {categories.map((c) => (
              <Chip key={c.name} value={c.name} size="sm">
                {c.name} ({c.count})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </ScrollArea>

      {error && (
        <Text c="red.8" role="alert">
          {error}
        </Text>
      )}
      {loading ? (
        <Group>
          <Loader size="sm" />
          <Text>Loading products…</Text>
        </Group>
      ) : (
        <ProductTable
          rows={rows}
          pendingDeltas={pendingDeltas}
          onAdjust={adjust}
          onCount={(p) => {
            setCounted(p.quantity + (pendingDeltas.get(p.id) ?? 0));
            setCounting(p);
          }}
          onEdit={(p) => setEditing({ product: p })}
        />
      )}

      {editing && (
        <Suspense fallback={null}>
          <EditProductModal
            product={editing?.product ?? null}
            initial={editing?.initial}
            canChangePrice={canChangePrice}
            onClose={() => setEditing(null)}
            onSave={(changes, base) => {
              const e = editing!;
              if (e.resolves) {
                const resolution = resolveWith(e.resolves.conflict!, { ...changes }, canChangePrice);
                if (resolution) proposeChanges(shopId, e.product.id, resolution.base_version, resolution.changes, resolution.base, rejected);
                discardEdit(shopId, e.resolves.id, rejected);
              } else {
                proposeChanges(shopId, e.product.id, e.product.version, changes, base, rejected);
              }
              notifications.show({ message: `Saved ${e.product.name}${navigator.onLine ? "" : " on this device; it syncs when you are back online"}`, autoClose: 2500 });
            }}
          />
        </Suspense>
      )}

      {counting && (
        <Suspense fallback={null}>
          <CountModal
            product={counting}
            counted={counted}
            onCountedChange={setCounted}
            onClose={() => setCounting(null)}
            onSubmit={() => {
              const c = counting!;
              const expected = c.quantity + (pendingDeltas.get(c.id) ?? 0);
              const delta = Number(counted) - expected;
              if (Number.isInteger(Number(counted)) && Number(counted) >= 0 && delta !== 0) adjust(c, delta, "count");
              setCounting(null);
            }}
          />
        </Suspense>
      )}
    </Stack>
  );
}
