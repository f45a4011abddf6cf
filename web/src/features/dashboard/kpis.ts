/** KPI figures of a shop or a chain (money in integer paise), as stored in kpis/summary. */
export interface KpiCounts {
  products: number;
  units: number;
  value_paise: number;
  low_stock: number;
  out_of_stock: number;
}

export interface KpiSummary extends KpiCounts {
  by_category: Record<string, KpiCounts>;
}

export const EMPTY: KpiSummary = { products: 0, units: 0, value_paise: 0, low_stock: 0, out_of_stock: 0, by_category: {} };

function add(a: KpiCounts, b: KpiCounts): KpiCounts {
  return {
    products: a.products + b.products,
    units: a.units + b.units,
    value_paise: a.value_paise + b.value_paise,
    low_stock: a.low_stock + b.low_stock,
    out_of_stock: a.out_of_stock + b.out_of_stock,
  };
}

/** The chain's figures: every shop's summary added up, category by category. */
export function sumSummaries(summaries: KpiSummary[]): KpiSummary {
  const byCategory = new Map<string, KpiCounts>();
  let total: KpiCounts = EMPTY;
  for (const s of summaries) {
    total = add(total, s);
    for (const [cat, counts] of Object.entries(s.by_category ?? {})) byCategory.set(cat, add(byCategory.get(cat) ?? EMPTY, counts));
  }
  return { ...total, by_category: Object.fromEntries(byCategory) };
}
