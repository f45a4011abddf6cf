import { useState } from "react";
import { Alert, Badge, Button, Card, CopyButton, Group, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { api, ApiError, type Invite } from "../../lib/api";
import { formatIst } from "../../lib/dates";
import { useSession } from "../auth";
import { useMembers } from "./useMembers";

/** Owners invite staff with a shareable code/link, and see and remove members. */
export default function StaffPage() {
  const session = useSession();
  const shopId = session.shopId!;
  const isOwner = session.role === "owner";
  const members = useMembers(shopId);
  const [email, setEmail] = useState("");
  const [hours, setHours] = useState<number | string>(168);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const link = invite ? `${window.location.origin}/invite/${invite.id}` : "";

  return (
    <Stack component="main">
      <Title order={1} size="h2">
        Staff
      </Title>
      {error && (
        <Alert color="red" role="alert" title="Could not do that" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {isOwner && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Invite a staff member
          </Title>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(null);
              try {
                setInvite(await api.createInvite(shopId, { email: email.trim() || undefined, expires_in_hours: Number(hours) || undefined }));
              } catch (err) {
                setError(err instanceof ApiError ? err.message : String(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Group align="flex-end">
              <TextInput label="Email (optional: only this person may accept)" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} w={320} />
              <NumberInput label="Valid for (hours)" min={1} max={720} value={hours} onChange={setHours} w={150} />
              <Button type="submit" loading={busy}>
                Create invite
              </Button>
            </Group>
          </form>
          {invite && (
            <Stack gap={4} mt="md" data-testid="invite">
              <Text>
                Code <code data-testid="invite-code">{invite.id}</code>, valid until {formatIst(invite.expires_at)}. Share this link:
              </Text>
              <Group>
                <Text component="code" size="sm">
                  {link}
                </Text>
                <CopyButton value={link}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? "Copied" : "Copy link"}</Button>}</CopyButton>
              </Group>
            </Stack>
          )}
        </Card>
      )}
      <Table withTableBorder striped aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Joined (IST)</Table.Th>
            {isOwner && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(members ?? []).map((m) => (
            <Table.Tr key={m.uid} data-testid="member">
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={m.role === "owner" ? "blue" : "gray"}>
                  {m.role}
                </Badge>
              </Table.Td>
              <Table.Td>{formatIst(m.joined_at)}</Table.Td>
              {isOwner && (
                <Table.Td>
                  {m.role === "staff" && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      aria-label={`Remove ${m.email}`}
                      onClick={async () => {
                        setError(null);
                        try {
                          await api.removeMember(shopId, m.uid);
                          notifications.show({ message: `${m.email} removed` });
                        } catch (err) {
                          setError(err instanceof ApiError ? err.message : String(err));
                        }
                      }}
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
