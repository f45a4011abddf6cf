// The board itself loads on demand: import("./OrdersBoardPage").
export { OrderKpis } from "./OrderKpis";
export { allowedActions, buildColumns, STATUS_LABEL, type BoardOrder, type OrderLine, type OrderStatus } from "./board";
export { orderFromSnapshot } from "./orders";
