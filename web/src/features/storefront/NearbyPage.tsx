import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { formatPaise } from "../../lib/money";
import { findLocalities, localityLabel, type Locality } from "./gazetteer";
import { formatDistance } from "./geo";
import { type ChosenPlace } from "./hooks";
import { storefrontApi } from "./storefront.api";
import { rupeesToPaise } from "./cart";
import type { NearbyShop, SearchResults } from "./types";

const ShopMap = lazy(() => import("./ShopMap"));

/** Home of the storefront: where am I (typed locality / PIN, or the device's location), the nearby shops on a list and a map, and one search box. */
export function NearbyPage({ place, choosePlace }: { place: ChosenPlace | null; choosePlace: (p: ChosenPlace) => void }) {
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const [matches, setMatches] = useState<Locality[] | null>(null);
  const [locating, setLocating] = useState(false);
  const [shops, setShops] = useState<NearbyShop[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    if (!place) return;
    let live = true;
    setShops(null);
    setError(null);
    storefrontApi.nearby(place).then(
      (list) => live && setShops(list),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [place]);

  const open = useCallback((shopId: string) => navigate(`/store/shops/${encodeURIComponent(shopId)}`), [navigate]);

  const locateDevice = () => {
    if (!("geolocation" in navigator)) return setError("This browser cannot tell where you are: type your locality or PIN code.");
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        choosePlace({ lat: pos.coords.latitude, lng: pos.coords.longitude, label: "Your location" });
      },
      () => {
        setLocating(false);
        setError("Could not get your location: type your locality or PIN code.");
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Shops near you
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const found = findLocalities(typed);
          if (found.length === 1) {
            choosePlace({ lat: found[0].lat, lng: found[0].lng, label: localityLabel(found[0]) });
            setMatches(null);
          } else setMatches(found);
        }}
      >
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput label="Locality or PIN code" placeholder="Indiranagar or 560038" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} style={{ flex: "1 1 200px" }} />
          <Button type="submit">Find shops</Button>
          <Button variant="default" onClick={locateDevice} loading={locating}>
            Use my location
          </Button>
        </Group>
      </form>
      {matches && matches.length === 0 && <Text role="status">No locality called “{typed}” in our list: try a nearby area or your PIN code.</Text>}
      {matches && matches.length > 0 && (
        <Stack gap={4} role="list" aria-label="Matching localities">
          {matches.map((l) => (
            <Button
              key={`${l.name}-${l.pin}`}
              role="listitem"
              variant="subtle"
              justify="flex-start"
              onClick={() => {
                choosePlace({ lat: l.lat, lng: l.lng, label: localityLabel(l) });
                setMatches(null);
              }}
            >
              {localityLabel(l)}
            </Button>
          ))}
        </Stack>
      )}
      {place && (
        <Text size="sm" c="dimmed" data-testid="place">
          Near {place.label}
        </Text>
      )}
      {place && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!q.trim()) return setResults(null);
            setSearching(true);
            setError(null);
            try {
              setResults(await storefrontApi.search(q.trim(), place));
            } catch (err) {
              setError((err as Error).message);
            } finally {
              setSearching(false);
            }
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput label="Search shops and products" placeholder="atta, amul, Gupta…" value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: 1 }} type="search" />
            <Button type="submit" loading={searching}>
              Search
            </Button>
          </Group>
        </form>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {results && (
        <Stack gap="xs" aria-label="Search results" component="section">
          <Title order={2} size="h5">
            Results for “{q}”
          </Title>
          {results.shops.length + results.products.length === 0 && <Text>Nothing nearby matches.</Text>}
          {results.shops.map((s) => (
            <Anchor key={s.shop_id} component={Link} to={`/store/shops/${encodeURIComponent(s.shop_id)}`}>
              {s.name} · {formatDistance(s.distance_km)}
            </Anchor>
          ))}
          {results.products.map((p) => (
            <Card key={`${p.shop.shop_id}/${p.product_id}`} withBorder padding="xs" data-testid="search-product">
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>{p.product_name}</Text>
                  <Text size="sm">
                    {formatPaise(rupeesToPaise(p.price))} at{" "}
                    <Anchor component={Link} to={`/store/shops/${encodeURIComponent(p.shop.shop_id)}?q=${encodeURIComponent(p.product_name)}`}>
                      {p.shop.name}
                    </Anchor>{" "}
                    · {formatDistance(p.distance_km)}
                  </Text>
                </div>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {place && !shops && !error && <Loader aria-label="Finding shops" />}
      {place && shops && (
        <Stack gap="sm" component="section" aria-label="Nearby shops">
          {shops.length === 0 && <Text>No shop within 10 km of {place.label} takes orders here yet.</Text>}
          <Stack gap="xs" data-testid="shop-list">
            {shops.map((s) => (
              <Card key={s.id} withBorder padding="sm" component={Link} to={`/store/shops/${encodeURIComponent(s.id)}`} data-testid="shop-card">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600}>{s.name}</Text>
                    <Text size="sm" c="dimmed">
                      {s.address ?? s.city ?? ""}
                    </Text>
                  </div>
                  <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                    <Badge color={s.open_now ? "green" : "gray"} variant="light">
                      {s.open_now ? "Open now" : "Closed"}
                    </Badge>
                    <Text size="sm" data-testid="distance">
                      {formatDistance(s.distance_km)}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </Stack>
          <Suspense fallback={<Loader aria-label="Loading the map" size="sm" />}>
            <ShopMap center={place} shops={shops} onOpen={open} />
          </Suspense>
        </Stack>
      )}
    </Stack>
  );
}
