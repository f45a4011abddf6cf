import { Button, Group, Modal, NumberInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { paiseToInput, parseRupees } from "../../lib/money";
import type { Product, ProductChanges } from "./types";
import "../../app/modal-styles"; // with the form: not needed before the first rows

export interface EditProductModalProps {
  product: Product | null;
  /** Values to start from instead of the product's (editing a conflicted edit). */
  initial?: Partial<Record<keyof ProductChanges, unknown>>;
  canChangePrice: boolean;
  onClose(): void;
  /** The changed fields and the values they had before (the edit's base). */
  onSave(changes: ProductChanges, base: Record<string, unknown>): void;
}

interface FormValues {
  name: string;
  category: string;
  quantity: number | string;
  price: string;
  low_stock_threshold: number | string;
  unit: string;
}

/** Edits a product's fields; staff see the price read-only. Only changed fields are sent. */
export function EditProductModal({ product, initial, canChangePrice, onClose, onSave }: EditProductModalProps) {
  return (
    <Modal opened={product !== null} onClose={onClose} title={product ? `Edit ${product.name}` : ""} size="md">
      {product && <EditForm product={product} initial={initial} canChangePrice={canChangePrice} onClose={onClose} onSave={onSave} />}
    </Modal>
  );
}

function EditForm({ product, initial, canChangePrice, onClose, onSave }: Omit<EditProductModalProps, "product"> & { product: Product }) {
  const start = { ...product, ...initial } as Product;
  const form = useForm<FormValues>({
    initialValues: {
      name: start.name,
      category: start.category,
      quantity: start.quantity,
      price: paiseToInput(start.unit_price_paise),
      low_stock_threshold: start.low_stock_threshold,
      unit: start.unit ?? "",
    },
    validate: {
      name: (v) => (v.trim().length < 1 || v.trim().length > 100 ? "Name: 1–100 characters" : null),
      category: (v) => (v.trim().length < 1 || v.trim().length > 50 ? "Category: 1–50 characters" : null),
      quantity: (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 1e9 ? null : "Quantity: a whole number ≥ 0"),
      low_stock_threshold: (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 1e9 ? null : "Threshold: a whole number ≥ 0"),
      price: (v) => (parseRupees(v) === null ? "Price: rupees with at most 2 decimals, e.g. 52.50" : null),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        const proposed: ProductChanges = {
          name: v.name.trim(),
          category: v.category.trim(),
          quantity: Number(v.quantity),
          low_stock_threshold: Number(v.low_stock_threshold),
          unit: v.unit.trim() || null,
        };
        if (canChangePrice) proposed.unit_price_paise = parseRupees(v.price)!;
        const changes: Record<string, unknown> = {};
        const base: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(proposed)) {
          const before = product[field as keyof Product] ?? null;
          if (value !== before) {
            changes[field] = value;
            base[field] = before;
          }
        }
        if (Object.keys(changes).length) onSave(changes as ProductChanges, base);
        onClose();
      })}
    >
      <Stack>
        <TextInput label="Name" required {...form.getInputProps("name")} />
        <TextInput label="Category" required {...form.getInputProps("category")} />
        <Group grow>
          <NumberInput label="Quantity" min={0} allowDecimal={false} {...form.getInputProps("quantity")} />
          <NumberInput label="Low-stock threshold" min={0} allowDecimal={false} {...form.getInputProps("low_stock_threshold")} />
        </Group>
        <Group grow>
          <TextInput
            label="Price (₹)"
            inputMode="decimal"
            readOnly={!canChangePrice}
            disabled={!canChangePrice}
            description={canChangePrice ? undefined : "Only the owner changes prices"}
            {...form.getInputProps("price")}
          />
          <TextInput label="Unit" {...form.getInputProps("unit")} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
