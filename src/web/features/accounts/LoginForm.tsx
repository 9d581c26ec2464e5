import { Button, Container, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { useLogin } from "./session.ts";

export function LoginForm() {
  const { t } = useI18n();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  // The code field appears once the server says the account has a second factor.
  const askTotp =
    login.error instanceof ApiError && login.error.code === "totp_required" ? true : totp !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password, ...(totp ? { totp } : {}) });
  };
  return (
    <Container size={460} py={48}>
      <Paper withBorder radius="md" p="xl">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} fz={24}>
                {t("login.title")}
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {t("login.lead")}
              </Text>
            </div>
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(login.error, "email")}
            />
            <PasswordField
              label={t("login.password")}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              refusal={login.error}
              field="password"
            />
            {askTotp ? (
              <TextInput
                label={t("login.totp")}
                description={t("login.totpHelp")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, ""))}
                error={fieldError(login.error, "totp")}
                data-autofocus
              />
            ) : null}
            <ApiErrorAlert error={login.error} shownPaths={["email", "password", "totp"]} />
            <Button type="submit" loading={login.isPending}>
              {t("login.submit")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("login.publicNote")}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
