// The dashboard is loaded on demand (it brings the charts library): import("./DashboardPage").
export { sumSummaries, type KpiSummary } from "./kpis";
