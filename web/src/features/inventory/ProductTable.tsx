import { useLayoutEffect, useRef } from "react";
import { ActionIcon, Anchor, Badge, Box, Group, Menu, Text, Tooltip } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Link } from "react-router";
import { formatPaise } from "../../lib/money";
import { firstRowsInDom } from "../../lib/first-rows";
import { stockStatus, type AdjustmentReason, type Product } from "./types";
import classes from "./ProductTable.module.css";

export interface ProductTableProps {
  rows: Product[];
  pendingDeltas: Map<string, number>;
  onAdjust(product: Product, delta: number, reason: AdjustmentReason): void;
  onCount(product: Product): void;
  onEdit(product: Product): void;
}

const ROW_HEIGHT = 56;

/** The inventory as a virtualised table: only the rows on screen are in the DOM (5,000 stay smooth). */
export function ProductTable({ rows, pendingDeltas, onAdjust, onCount, onEdit }: ProductTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The scroller's size before it is measured (its CSS height), so the very first render already
    // has rows — not an empty table and a second render once the element is measured.
    initialRect: { width: 0, height: Math.max(320, (typeof window === "undefined" ? 860 : window.innerHeight) - 290) },
  });
  const hasRows = rows.length > 0;
  useLayoutEffect(() => {
    if (hasRows) firstRowsInDom();
  }, [hasRows]);
  return (
    <div role="table" aria-label="Products" aria-rowcount={rows.length + 1} className={classes.table}>
      <div role="rowgroup">
        <div role="row" className={`${classes.row} ${classes.head}`} aria-rowindex={1}>
          <span role="columnheader">Product</span>
          <span role="columnheader">Category</span>
          <span role="columnheader" className={classes.num}>
            Stock
          </span>
          <span role="columnheader" className={classes.num}>
            Price
          </span>
          <span role="columnheader">Actions</span>
        </div>
      </div>
      <div ref={scroller} className={classes.scroller} role="rowgroup" tabIndex={-1} data-testid="inventory-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const p = rows[item.index];
            const pending = pendingDeltas.get(p.id) ?? 0;
            const status = stockStatus(p);
            return (
              <div
                key={p.id}
                role="row"
                aria-rowindex={item.index + 2}
                className={classes.row}
                data-testid="product-row"
                data-sku={p.sku}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className={classes.name}>
                  <Anchor component={Link} to={`/products/${encodeURIComponent(p.id)}`} fw={500} lineClamp={1}>
                    {p.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {p.sku}
                    {p.unit ? ` · ${p.unit}` : ""}
                  </Text>
                </span>
                <span role="cell">
                  <Text size="sm">{p.category}</Text>
                </span>
                <span role="cell" className={classes.num}>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <Text fw={600} data-testid="quantity">
                      {p.quantity}
                    </Text>
                    {pending !== 0 && (
                      <Tooltip label="Adjustments waiting to reach the server">
                        <Badge color="orange" variant="light" data-testid="pending-delta">
                          {pending > 0 ? `+${pending}` : pending} pending
                        </Badge>
                      </Tooltip>
                    )}
                    {status !== "ok" && (
                      <Badge color={status === "out" ? "red.9" : "yellow"} variant={status === "out" ? "filled" : "light"}>
                        {status === "out" ? "Out" : "Low"}
                      </Badge>
                    )}
                  </Group>
                </span>
                <span role="cell" className={classes.num}>
                  <Text size="sm" data-testid="price">
                    {formatPaise(p.unit_price_paise)}
                  </Text>
                </span>
                <span role="cell">
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label="Sold 1">
                      <ActionIcon variant="light" color="red" aria-label={`Sold 1 ${p.name}`} onClick={() => onAdjust(p, -1, "sale")} disabled={p.quantity + pending <= 0}>
                        −
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Received 1">
                      <ActionIcon variant="light" color="green" aria-label={`Received 1 ${p.name}`} onClick={() => onAdjust(p, 1, "receipt")}>
                        +
                      </ActionIcon>
                    </Tooltip>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`More stock actions for ${p.name}`}>
                          ⋯
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => onCount(p)}>Counted…</Menu.Item>
                        <Menu.Item onClick={() => onAdjust(p, -1, "damage")} disabled={p.quantity + pending <= 0}>
                          Damaged 1
                        </Menu.Item>
                        <Menu.Item onClick={() => onAdjust(p, 1, "return")}>Returned 1</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                    <Box ml={4}>
                      <Anchor component="button" type="button" size="sm" onClick={() => onEdit(p)} aria-label={`Edit ${p.name}`}>
                        Edit
                      </Anchor>
                    </Box>
                  </Group>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
