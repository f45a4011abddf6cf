/**
 * The nearby shops on a Leaflet map (loaded on demand with this file). Tiles come from
 * `mapTileUrl` in the runtime config (OpenStreetMap's by default); without tiles the markers
 * still show, and the list beside the map is the accessible way to the same shops.
 */
import { useEffect, useRef } from "react";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./ShopMap.css";
import type { NearbyShop } from "./types";
import type { Point } from "./geo";

const DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/** Renders the map; a click on a shop's marker calls `onOpen`. */
export default function ShopMap({ center, shops, onOpen }: { center: Point; shops: NearbyShop[]; onOpen: (shopId: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: true, attributionControl: true }).setView([center.lat, center.lng], 13);
    L.tileLayer(window.KIRANA_CONFIG?.mapTileUrl ?? (import.meta.env.VITE_MAP_TILE_URL as string | undefined) ?? DEFAULT_TILES, {
      maxZoom: 19,
      attribution: "© OpenStreetMap contributors",
    }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
    // The map is made once; the effects below move it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    map.current?.setView([center.lat, center.lng]);
  }, [center.lat, center.lng]);
  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    L.circleMarker([center.lat, center.lng], { radius: 6, color: "#1c7ed6", fillOpacity: 0.9 }).bindTooltip("You").addTo(group);
    for (const s of shops) {
      if (!s.location) continue;
      L.circleMarker([s.location.lat, s.location.lng], { radius: 9, color: s.open_now ? "#2b8a3e" : "#868e96", fillOpacity: 0.8 })
        .bindTooltip(`${s.name} (${s.open_now ? "open" : "closed"})`)
        .on("click", () => onOpen(s.id))
        .addTo(group);
    }
  }, [shops, center.lat, center.lng, onOpen]);
  return <div ref={box} role="region" aria-label="Map of nearby shops" data-testid="shop-map" style={{ height: 280, borderRadius: 8, zIndex: 0 }} />;
}
