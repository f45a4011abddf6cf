import { useEffect, useMemo, useState } from "react";
import { Alert, Badge, Button, Card, Chip, Grid, Group, Loader, NumberInput, Radio, ScrollArea, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../lib/api";
import { newClientId } from "../../lib/ids";
import { formatPaise } from "../../lib/money";
import { addToCart, cartItems, cartTotalPaise, cartUnits, emptyCart, rupeesToPaise, setQuantity, type CartLine } from "./cart";
import { queueOrderRequest, useCart } from "./hooks";
import { dateToIstLocal, describeHours, firstPickupSlot, istLocalToDate, pickupProblem, toIstIso } from "./pickup";
import { storefrontApi } from "./storefront.api";
import type { PlaceOrderBody, Shop, ShopItem } from "./types";

const asLine = (i: ShopItem): Omit<CartLine, "quantity"> => ({ product_id: i.product_id, name: i.product_name, unit_price_paise: rupeesToPaise(i.price), stock: i.stock });

/** A shop's catalog by category, the cart, and placing the order (instant or pre-order). */
export function ShopPage({ uid }: { uid: string }) {
  const { shopId = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [shop, setShop] = useState<Shop | null>(null);
  const [items, setItems] = useState<ShopItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState<string>("All");
  const [filter, setFilter] = useState(params.get("q") ?? "");
  const [cart, saveCart] = useCart(uid, shopId);

  useEffect(() => {
    let live = true;
    Promise.all([storefrontApi.shop(shopId), storefrontApi.items(shopId)]).then(
      ([s, list]) => {
        if (!live) return;
        setShop(s);
        setItems(list);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [shopId]);

  const categories = useMemo(() => ["All", ...Array.from(new Set((items ?? []).map((i) => i.category))).sort()], [items]);
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return (items ?? []).filter((i) => (category === "All" || i.category === category) && words.every((w) => i.product_name.toLowerCase().includes(w)));
  }, [items, category, filter]);

  if (error)
    return (
      <Alert color="red" role="alert" title="Could not open the shop">
        {error}
      </Alert>
    );
  if (!shop || !items) return <Loader aria-label="Loading the shop" />;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Title order={1} size="h3">
                {shop.name}
              </Title>
              <Text size="sm" c="dimmed">
                {shop.address}
              </Text>
            </div>
            <Badge color={shop.open_now ? "green" : "gray"} variant="light" data-testid="open-now" style={{ flexShrink: 0 }}>
              {shop.open_now ? "Open now" : "Closed now"}
            </Badge>
          </Group>
          <TextInput label="Find in this shop" type="search" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
          <ScrollArea type="auto" offsetScrollbars>
            <Chip.Group value={category} onChange={(v) => setCategory(v as string)}>
              <Group gap={6} wrap="nowrap" role="group" aria-label="Categories">
                {categories.map((c) => (
                  <Chip key={c} value={c} size="sm">
                    {c}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </ScrollArea>
          <Stack gap={6} data-testid="catalog">
            {shown.length === 0 && <Text>No product matches.</Text>}
            {shown.map((i) => {
              const inCart = cart.lines.find((l) => l.product_id === i.product_id)?.quantity ?? 0;
              return (
                <Card key={i.product_id} withBorder padding="xs" data-testid="catalog-item" data-product={i.product_id}>
                  <Group justify="space-between" wrap="nowrap">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm">
                        {i.product_name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {formatPaise(rupeesToPaise(i.price))}
                        {i.unit ? ` · ${i.unit}` : ""} · {i.stock} in stock
                      </Text>
                    </div>
                    {inCart === 0 ? (
                      <Button size="xs" variant="default" onClick={() => saveCart(addToCart(cart, asLine(i)))} aria-label={`Add ${i.product_name}`}>
                        Add
                      </Button>
                    ) : (
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => saveCart(addToCart(cart, asLine(i), -1))} aria-label={`One less ${i.product_name}`}>
                          −
                        </Button>
                        <Text w={28} ta="center" aria-label={`${i.product_name} in cart`}>
                          {inCart}
                        </Text>
                        <Button size="xs" variant="default" onClick={() => saveCart(addToCart(cart, asLine(i)))} aria-label={`One more ${i.product_name}`} disabled={inCart >= i.stock}>
                          +
                        </Button>
                      </Group>
                    )}
                  </Group>
                </Card>
              );
            })}
          </Stack>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <CartPanel
          shop={shop}
          uid={uid}
          lines={cart.lines}
          onQuantity={(line, q) => saveCart(setQuantity(cart, line, q))}
          onPlaced={(to) => {
            saveCart(emptyCart(shopId));
            navigate(to);
          }}
          body={(extra) => ({ shop_id: shopId, items: cartItems(cart), ...extra })}
          totalPaise={cartTotalPaise(cart)}
          units={cartUnits(cart)}
        />
      </Grid.Col>
    </Grid>
  );
}

interface CartPanelProps {
  shop: Shop;
  uid: string;
  lines: CartLine[];
  totalPaise: number;
  units: number;
  onQuantity(line: CartLine, quantity: number): void;
  onPlaced(to: string): void;
  body(extra: Pick<PlaceOrderBody, "order_type" | "scheduled_pickup_time" | "order_notes" | "has_chitty">): PlaceOrderBody;
}

/** The cart and the order form. Offline, the order goes into the device's queue as an order request. */
function CartPanel({ shop, uid, lines, totalPaise, units, onQuantity, onPlaced, body }: CartPanelProps) {
  const [type, setType] = useState<"instant" | "pre_order">(shop.open_now ? "instant" : "pre_order");
  const [pickup, setPickup] = useState(() => {
    const slot = firstPickupSlot(shop.opening_hours, new Date());
    return slot ? dateToIstLocal(slot) : "";
  });
  const [notes, setNotes] = useState("");
  const [chitty, setChitty] = useState(false);
  const [key] = useState(() => newClientId("o"));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = type === "pre_order" ? pickupProblem(pickup, shop.opening_hours, new Date()) : null;
  const empty = lines.length === 0 && !chitty;

  const place = async () => {
    setError(null);
    const order = body({
      order_type: type,
      ...(type === "pre_order" ? { scheduled_pickup_time: toIstIso(istLocalToDate(pickup)!) } : {}),
      ...(notes.trim() ? { order_notes: notes.trim() } : {}),
      ...(chitty ? { has_chitty: true } : {}),
    });
    if (!navigator.onLine) {
      queueOrderRequest(key, uid, order);
      onPlaced(`/store/requests/${key}`);
      return;
    }
    setBusy(true);
    try {
      const placed = await storefrontApi.placeOrder(order, key);
      onPlaced(`/store/orders/${encodeURIComponent(placed.id)}`);
    } catch (e) {
      // The same key is sent again on a retry, so a lost answer never makes a second order.
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-label="Your cart">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Your cart
        </Title>
        {lines.length === 0 && <Text size="sm">Nothing yet: add products, or attach a chitty photo after ordering.</Text>}
        {lines.map((l) => (
          <Group key={l.product_id} justify="space-between" wrap="nowrap" data-testid="cart-line">
            <Text size="sm" style={{ flex: 1 }}>
              {l.name}
            </Text>
            <NumberInput aria-label={`Quantity of ${l.name}`} value={l.quantity} min={0} max={Math.min(999, l.stock)} w={72} size="xs" onChange={(v) => onQuantity(l, Number(v) || 0)} />
            <Text size="sm" w={90} ta="right">
              {formatPaise(l.unit_price_paise * l.quantity)}
            </Text>
          </Group>
        ))}
        <Group justify="space-between">
          <Text fw={600}>
            Total ({units} {units === 1 ? "item" : "items"})
          </Text>
          <Text fw={700} data-testid="cart-total">
            {formatPaise(totalPaise)}
          </Text>
        </Group>
        <Radio.Group label="When" value={type} onChange={(v) => setType(v as "instant" | "pre_order")}>
          <Stack gap={6} mt={4}>
            <Radio value="instant" label={shop.open_now ? "Now" : "Now (the shop is closed now)"} disabled={!shop.open_now} />
            <Radio value="pre_order" label="Pre-order for a pickup time" />
          </Stack>
        </Radio.Group>
        {type === "pre_order" && (
          <TextInput type="datetime-local" label="Pickup time (IST)" value={pickup} onChange={(e) => setPickup(e.currentTarget.value)} error={problem} description={describeHours(shop.opening_hours).join(" · ")} />
        )}
        <Radio.Group label="A handwritten list?" value={chitty ? "yes" : "no"} onChange={(v) => setChitty(v === "yes")}>
          <Group gap="md" mt={4}>
            <Radio value="no" label="No" />
            <Radio value="yes" label="I'll attach a chitty photo" />
          </Group>
        </Radio.Group>
        <Textarea label="Notes for the shop" maxLength={500} autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        {!shop.order_settings.accepting_orders && <Text c="red.8">This shop is not taking orders right now.</Text>}
        {error && (
          <Alert color="red" role="alert" title="Order not placed">
            {error}
          </Alert>
        )}
        <Button onClick={place} loading={busy} disabled={empty || !!problem || !shop.order_settings.accepting_orders}>
          Place order · {formatPaise(totalPaise)}
        </Button>
      </Stack>
    </Card>
  );
}
