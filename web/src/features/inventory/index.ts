export { InventoryPage } from "./InventoryPage";
export { useProducts } from "./hooks";
export { stockStatus, type Product } from "./types";
