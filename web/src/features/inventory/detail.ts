// Lazily loaded entry of the product detail screen.
export { ProductDetailPage as default } from "./ProductDetailPage";
