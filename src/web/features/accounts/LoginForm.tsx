import { Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
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
  const [recoveryCode, setRecoveryCode] = useState("");
  // A recovery code stands in for the authenticator's code when the app is lost.
  const [useRecovery, setUseRecovery] = useState(false);
  // The code field appears once the server says the account has a second factor.
  const askTotp =
    (login.error instanceof ApiError && login.error.code === "totp_required") ||
    totp !== "" ||
    useRecovery;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const secondFactor = useRecovery
      ? recoveryCode.trim() && { recovery_code: recoveryCode }
      : totp && { totp };
    login.mutate({ email, password, ...(secondFactor || {}) });
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
            {askTotp && useRecovery ? (
              <TextInput
                label={t("login.recoveryCode")}
                description={t("login.recoveryHelp")}
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                value={recoveryCode}
                onChange={(e) => setRecoveryCode(e.currentTarget.value)}
                error={fieldError(login.error, "recovery_code")}
                data-autofocus
              />
            ) : null}
            {askTotp && !useRecovery ? (
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
            {askTotp ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setTotp("");
                  setRecoveryCode("");
                }}
              >
                {t(useRecovery ? "login.useTotp" : "login.useRecovery")}
              </Anchor>
            ) : null}
            <ApiErrorAlert
              error={login.error}
              shownPaths={["email", "password", "totp", "recovery_code"]}
            />
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
