import { Select } from "@mantine/core";
import { useSession } from "./session";

/** For a user of several shops: which shop the console works on (remembered per user). */
export function ShopPicker() {
  const session = useSession();
  if (session.shops.length < 2) return null;
  return (
    <Select
      aria-label="Shop"
      placeholder="Choose a shop"
      data={session.shops.map((s) => ({ value: s.shop_id, label: `${s.name} (${s.role})` }))}
      value={session.shopId}
      onChange={(v) => v && session.selectShop(v)}
      allowDeselect={false}
      w={300}
    />
  );
}
