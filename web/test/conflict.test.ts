import { describe, expect, it } from "vitest";
import { conflictViewModel, resolveWith } from "../src/features/inventory/conflict";
import type { EditConflict } from "../src/features/inventory/types";

const conflict: EditConflict = {
  base: { name: "Toor Dal 1kg", unit_price_paise: 15000 },
  theirs: { name: "Toor Dal (Premium) 1kg", unit_price_paise: 15000 },
  mine: { name: "Toor Dal 1 kg", unit_price_paise: 16000 },
  base_version: 3,
  current_version: 4,
  current_updated_by: "someone",
};

describe("conflict view model", () => {
  it("lists base, theirs and mine side by side for each field the edit touched", () => {
    const vm = conflictViewModel(conflict);
    expect(vm.baseVersion).toBe(3);
    expect(vm.currentVersion).toBe(4);
    expect(vm.rows).toEqual([
      { field: "name", label: "Name", base: "Toor Dal 1kg", theirs: "Toor Dal (Premium) 1kg", mine: "Toor Dal 1 kg", changedByThem: true, differs: true },
      { field: "unit_price_paise", label: "Price", base: "₹150.00", theirs: "₹150.00", mine: "₹160.00", changedByThem: false, differs: true },
    ]);
  });

  it("shows a missing base as unknown rather than as a change by them", () => {
    const vm = conflictViewModel({ ...conflict, base: null });
    expect(vm.rows[0].base).toBe("—");
    expect(vm.rows[0].changedByThem).toBe(false);
  });

  it("ignores fields that are not editable product fields", () => {
    const vm = conflictViewModel({ ...conflict, mine: { ...conflict.mine, sku: "OTHER", version: 9 } });
    expect(vm.rows.map((r) => r.field)).toEqual(["name", "unit_price_paise"]);
  });

  it("keep mine proposes my values on the current version with theirs as the base", () => {
    expect(resolveWith(conflict, conflict.mine, true)).toEqual({
      base_version: 4,
      changes: { name: "Toor Dal 1 kg", unit_price_paise: 16000 },
      base: { name: "Toor Dal (Premium) 1kg", unit_price_paise: 15000 },
    });
  });

  it("a staff member keeping theirs price leaves the price out of the new edit", () => {
    expect(resolveWith(conflict, conflict.mine, false)).toEqual({
      base_version: 4,
      changes: { name: "Toor Dal 1 kg" },
      base: { name: "Toor Dal (Premium) 1kg" },
    });
  });

  it("nothing to resolve when my values already equal theirs", () => {
    expect(resolveWith(conflict, { name: "Toor Dal (Premium) 1kg" }, true)).toBeNull();
  });
});
