// The storefront (customers) is loaded on demand: import("./StorefrontApp") from the router.
export { findLocalities, type Locality } from "./gazetteer";
