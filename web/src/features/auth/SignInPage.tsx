import { useState } from "react";
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { signInWithEmailAndPassword } from "firebase/auth";
import { Link } from "react-router";
import { firebase } from "../../lib/firebase";
import { authErrorMessage } from "./auth-errors";
import "@mantine/core/styles/PasswordInput.layer.css"; // the rest is in the first screens' CSS (app/first-screen-styles.ts)

/** Email + password sign-in (the demo logins use the password kirana123). */
export function SignInPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { email: "", password: "" } });
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder component="main">
      <Title order={1} size="h2" mb="md">
        Sign in to your shop
      </Title>
      <form
        onSubmit={form.onSubmit(async (values) => {
          setBusy(true);
          setError(null);
          try {
            await signInWithEmailAndPassword(firebase().auth, values.email.trim(), values.password);
          } catch (e) {
            setError(authErrorMessage(e));
          } finally {
            setBusy(false);
          }
        })}
      >
        <Stack>
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps("email")} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps("password")} />
          {error && (
            <Text c="red.8" role="alert">
              {error}
            </Text>
          )}
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
          <Text size="sm">
            New here?{" "}
            <Anchor component={Link} to="/register">
              Register your shop
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
