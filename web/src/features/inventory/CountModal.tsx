import { Button, Modal, NumberInput, Stack } from "@mantine/core";
import type { Product } from "./types";
import "../../app/modal-styles"; // with the form: not needed before the first rows

export interface CountModalProps {
  product: Product | null;
  counted: number | string;
  onCountedChange(value: number | string): void;
  onClose(): void;
  /** The form was sent (the caller turns the count into an adjustment). */
  onSubmit(): void;
}

/** "Counted…": the quantity found on the shelf (loaded on demand with the number input). */
export function CountModal({ product, counted, onCountedChange, onClose, onSubmit }: CountModalProps) {
  return (
    <Modal opened={product !== null} onClose={onClose} title={product ? `Count ${product.name}` : ""}>
      {product && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          <Stack>
            <NumberInput label="Counted on the shelf" min={0} allowDecimal={false} value={counted} onChange={onCountedChange} data-autofocus />
            <Button type="submit">Record count</Button>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
