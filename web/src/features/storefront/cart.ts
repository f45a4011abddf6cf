/**
 * A cart per shop, kept on the device (localStorage, per user and shop) so it survives a reload.
 * Pure functions over a plain value; the hook in `useCart.ts` stores it. Money in integer paise.
 */
export const MAX_LINE_QUANTITY = 999; // the orders API's bound per line
export const MAX_LINES = 100;

export interface CartLine {
  product_id: string;
  name: string;
  unit_price_paise: number;
  quantity: number;
  /** Stock when the line was added: the cart never asks for more. */
  stock: number;
}

export interface Cart {
  shop_id: string;
  lines: CartLine[];
}

/** An empty cart for a shop. */
export function emptyCart(shopId: string): Cart {
  return { shop_id: shopId, lines: [] };
}

/** Rupees from the API (2 decimals) → integer paise, without float drift (52.1 → 5210). */
export function rupeesToPaise(rupees: number): number {
  return Math.round(rupees * 100);
}

/** Sets a product's quantity (0 removes it), bounded by its stock and the API's limits. */
export function setQuantity(cart: Cart, item: Omit<CartLine, "quantity">, quantity: number): Cart {
  const q = Math.max(0, Math.min(Math.floor(Number.isFinite(quantity) ? quantity : 0), MAX_LINE_QUANTITY, item.stock));
  const others = cart.lines.filter((l) => l.product_id !== item.product_id);
  if (q === 0) return { ...cart, lines: others };
  const existing = cart.lines.findIndex((l) => l.product_id === item.product_id);
  if (existing < 0 && cart.lines.length >= MAX_LINES) return cart;
  const line: CartLine = { ...item, quantity: q };
  const lines = existing < 0 ? [...cart.lines, line] : cart.lines.map((l) => (l.product_id === item.product_id ? line : l));
  return { ...cart, lines };
}

/** Adds one (or `by`) of a product. */
export function addToCart(cart: Cart, item: Omit<CartLine, "quantity">, by = 1): Cart {
  const current = cart.lines.find((l) => l.product_id === item.product_id)?.quantity ?? 0;
  return setQuantity(cart, item, current + by);
}

/** Total of the cart in paise (what the shop will charge at today's prices). */
export function cartTotalPaise(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.unit_price_paise * l.quantity, 0);
}

/** Number of units in the cart. */
export function cartUnits(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}

/** The order body's `items`. */
export function cartItems(cart: Cart): { product_id: string; quantity: number }[] {
  return cart.lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity }));
}

/** A stored cart read back, or an empty one when the text is missing, corrupt or another shop's. */
export function parseCart(text: string | null, shopId: string): Cart {
  if (!text) return emptyCart(shopId);
  try {
    const value = JSON.parse(text) as Partial<Cart>;
    if (!value || value.shop_id !== shopId || !Array.isArray(value.lines)) return emptyCart(shopId);
    const lines = value.lines.filter(
      (l): l is CartLine =>
        !!l &&
        typeof l.product_id === "string" &&
        typeof l.name === "string" &&
        Number.isSafeInteger(l.unit_price_paise) &&
        l.unit_price_paise >= 0 &&
        Number.isInteger(l.quantity) &&
        l.quantity >= 1 &&
        l.quantity <= MAX_LINE_QUANTITY &&
        Number.isInteger(l.stock),
    );
    return { shop_id: shopId, lines: lines.slice(0, MAX_LINES) };
  } catch {
    return emptyCart(shopId);
  }
}

/** The localStorage key of a user's cart at a shop. */
export function cartKey(uid: string, shopId: string): string {
  return `kirana.cart.${uid}.${shopId}`;
}
