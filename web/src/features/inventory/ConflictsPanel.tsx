import { Alert, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { conflictViewModel } from "./conflict";
import type { ProductEdit } from "./types";

export interface ConflictsPanelProps {
  conflicts: ProductEdit[];
  productName(productId: string): string;
  onKeepMine(edit: ProductEdit): void;
  onKeepTheirs(edit: ProductEdit): void;
  onEdit(edit: ProductEdit): void;
}

/** Each conflicted edit with base / theirs / mine side by side, and the three ways out. */
export function ConflictsPanel({ conflicts, productName, onKeepMine, onKeepTheirs, onEdit }: ConflictsPanelProps) {
  if (!conflicts.length) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="conflicts-title">
      <Title order={2} size="h4" id="conflicts-title" c="red.8">
        {conflicts.length === 1 ? "1 edit needs your decision" : `${conflicts.length} edits need your decision`}
      </Title>
      {conflicts.map((edit) => {
        const model = conflictViewModel(edit.conflict!);
        return (
          <Card key={edit.id} withBorder data-testid="conflict">
            <Text fw={600}>{productName(edit.product_id)}</Text>
            <Text size="sm" c="dimmed" mb="xs">
              You edited version {model.baseVersion}; someone else saved version {model.currentVersion} first.
            </Text>
            <Table withTableBorder striped aria-label={`Conflict on ${productName(edit.product_id)}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Field</Table.Th>
                  <Table.Th scope="col">When you edited</Table.Th>
                  <Table.Th scope="col">Theirs (now)</Table.Th>
                  <Table.Th scope="col">Mine</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {model.rows.map((r) => (
                  <Table.Tr key={r.field}>
                    <Table.Th scope="row">{r.label}</Table.Th>
                    <Table.Td>{r.base}</Table.Td>
                    <Table.Td fw={r.changedByThem ? 700 : undefined}>{r.theirs}</Table.Td>
                    <Table.Td fw={r.differs ? 700 : undefined}>{r.mine}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group mt="sm">
              <Button onClick={() => onKeepMine(edit)}>Keep mine</Button>
              <Button variant="default" onClick={() => onKeepTheirs(edit)}>
                Keep theirs
              </Button>
              <Button variant="subtle" onClick={() => onEdit(edit)}>
                Edit…
              </Button>
            </Group>
          </Card>
        );
      })}
      <Alert color="gray" variant="light">
        Stock adjustments never conflict; only field edits made on an older version do.
      </Alert>
    </Stack>
  );
}
