import { useState } from "react";
import { Alert, Button, Paper, Stack, Text, Title } from "@mantine/core";
import { useNavigate, useParams } from "react-router";
import { api } from "../../lib/api";
import { authErrorMessage } from "./auth-errors";
import { useSession } from "./session";

/** /invite/:code for a signed-in user: joins the shop as staff, refreshes the token, opens it. */
export function AcceptInvitePage() {
  const { code = "" } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Paper maw={460} mx="auto" mt="xl" p="lg" withBorder component="main">
      <Title order={1} size="h2" mb="md">
        Join a shop as staff
      </Title>
      <Stack>
        <Text>
          Invite code <code>{code}</code>, for {session.me?.email ?? "your account"}.
        </Text>
        {error && (
          <Alert color="red" role="alert" title="Could not join">
            {error}
          </Alert>
        )}
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              const joined = await api.acceptInvite(code);
              await session.refresh({ forceToken: true });
              session.selectShop(joined.shop_id);
              navigate("/");
            } catch (e) {
              setError(authErrorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          Accept the invite
        </Button>
      </Stack>
    </Paper>
  );
}
