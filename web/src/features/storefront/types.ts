/** What the storefront reads from the API and Firestore (shapes of /v1/openapi.json and orders.schema.ts). */
import type { OpeningHours } from "./pickup";

export interface Shop {
  id: string;
  name: string;
  category: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  location: { lat: number; lng: number } | null;
  opening_hours: OpeningHours | null;
  open_now: boolean;
  order_settings: { accepting_orders: boolean; default_preparation_minutes: number };
}

export interface NearbyShop extends Shop {
  distance_km: number;
}

export interface ShopItem {
  product_id: string;
  product_name: string;
  category: string;
  image_url: string | null;
  mrp: number | null;
  unit: string | null;
  price: number;
  stock: number;
}

export interface SearchResults {
  shops: { shop_id: string; name: string; address: string | null; distance_km: number; open_now: boolean }[];
  products: (ShopItem & { shop: { shop_id: string; name: string; open_now: boolean; accepting_orders: boolean }; distance_km: number })[];
}

export const ORDER_FLOW = ["pending", "confirmed", "preparing", "ready", "picked_up"] as const;
export type OrderStatus = (typeof ORDER_FLOW)[number] | "delivered" | "cancelled";

/** `orders/{id}` as the Firestore listener sees it (money in paise). */
export interface OrderView {
  id: string;
  shop_id: string;
  shop_name: string;
  order_type: "instant" | "pre_order";
  scheduled_pickup_time: Date | null;
  items: { product_id: string; name: string; quantity: number; unit_price_paise: number; line_total_paise: number }[];
  total_paise: number;
  status: OrderStatus;
  estimated_preparation_minutes: number | null;
  cancel_reason: string | null;
  has_chitty: boolean;
  awaiting_chitty: boolean;
  created_at: Date | null;
  history: { to: OrderStatus; at: Date | null }[];
}

export interface PlaceOrderBody {
  shop_id: string;
  order_type: "instant" | "pre_order";
  scheduled_pickup_time?: string;
  items: { product_id: string; quantity: number }[];
  order_notes?: string;
  has_chitty?: boolean;
}

export interface ChittyResult {
  id: string;
  status: "processed" | "failed";
  total_lines: number;
  items_found: number;
  message: string;
  failure_reason: string | null;
  duplicate: boolean;
}

export interface NotificationView {
  id: string;
  type: "new_order" | "order_update" | "pickup_ready" | "chitty_processed";
  order_id: string;
  data: Record<string, unknown>;
  read: boolean;
  created_at: Date | null;
}

/** Words for an order status. */
export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Waiting for the shop",
  confirmed: "Confirmed",
  preparing: "Being prepared",
  ready: "Ready for pickup",
  picked_up: "Picked up",
  delivered: "Delivered",
  cancelled: "Cancelled",
};
