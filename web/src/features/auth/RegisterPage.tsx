import { useState } from "react";
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { signInWithEmailAndPassword } from "firebase/auth";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../lib/api";
import { firebase } from "../../lib/firebase";
import { authErrorMessage } from "./auth-errors";
import "@mantine/core/styles/PasswordInput.layer.css"; // the rest is in the first screens' CSS (app/first-screen-styles.ts)

/**
 * Registers an owner with a first shop, or (coming from an invite link) an account that then
 * joins the inviting shop as staff.
 */
export function RegisterPage() {
  const [params] = useSearchParams();
  const invite = params.get("invite");
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { name: "", email: "", password: "", shop: "" } });
  return (
    <Paper maw={460} mx="auto" mt="xl" p="lg" withBorder component="main">
      <Title order={1} size="h2" mb="md">
        {invite ? "Create your account to join the shop" : "Register your shop"}
      </Title>
      <form
        onSubmit={form.onSubmit(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await api.register({
              email: v.email.trim(),
              password: v.password,
              display_name: v.name.trim() || undefined,
              ...(invite ? { role: "customer" as const } : { shop: { name: v.shop.trim() } }),
            });
            await signInWithEmailAndPassword(firebase().auth, v.email.trim(), v.password);
            navigate(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
          } catch (e) {
            setError(authErrorMessage(e));
          } finally {
            setBusy(false);
          }
        })}
      >
        <Stack>
          <TextInput label="Your name" autoComplete="name" {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps("email")} />
          <PasswordInput label="Password (at least 6 characters)" autoComplete="new-password" required {...form.getInputProps("password")} />
          {!invite && <TextInput label="Shop name" required {...form.getInputProps("shop")} />}
          {error && (
            <Text c="red.8" role="alert">
              {error}
            </Text>
          )}
          <Button type="submit" loading={busy}>
            Register
          </Button>
          <Text size="sm">
            Already registered?{" "}
            <Anchor component={Link} to={invite ? `/invite/${encodeURIComponent(invite)}` : "/"}>
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
