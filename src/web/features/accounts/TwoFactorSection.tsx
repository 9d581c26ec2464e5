import { Alert, Badge, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { recoveryCodeStatusSchema, recoveryCodesSchema } from "../../../contracts/accounts.ts";
import { okSchema } from "../../../contracts/shapes.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { RecoveryCodeList } from "./RecoveryCodeList.tsx";
import { TotpEnrollment } from "./TotpSetup.tsx";

const STATUS_KEY = ["recovery-codes"] as const;
/** At or below this many codes left, the page asks for a new set. */
const FEW_LEFT = 3;

/** The account page's second factor: turn it on, its recovery codes, turn it off. */
export function TwoFactorSection({ enabled, mustKeep }: { enabled: boolean; mustKeep: boolean }) {
  const { t } = useI18n();
  return (
    <Section
      title={t("account.twoFactor")}
      id="totp"
      actions={
        <Badge color={enabled ? "green" : "gray"} data-testid="totp-state">
          {t(enabled ? "account.totpOn" : "account.totpOff")}
        </Badge>
      }
    >
      <Stack gap="lg" maw={560}>
        {!enabled ? (
          <>
            <Text size="sm">{t("totp.lead")}</Text>
            <TotpEnrollment />
          </>
        ) : (
          <>
            <RecoveryCodesPanel />
            {mustKeep ? (
              <Text size="sm">{t("apiError.reason.totp_must_stay_on")}</Text>
            ) : (
              <DisableTotpForm />
            )}
          </>
        )}
      </Stack>
    </Section>
  );
}

/** How many recovery codes are left, and a new set (with the password) shown once. */
function RecoveryCodesPanel() {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api.get("/auth/totp/recovery-codes", recoveryCodeStatusSchema),
  });
  const [password, setPassword] = useState("");
  const regenerate = useMutation({
    mutationFn: () => api.post("/auth/totp/recovery-codes", recoveryCodesSchema, { password }),
    onSuccess: () => setPassword(""),
  });
  if (regenerate.data)
    return (
      <RecoveryCodeList
        codes={regenerate.data.recovery_codes}
        onDone={() => {
          regenerate.reset();
          void client.invalidateQueries({ queryKey: STATUS_KEY });
        }}
      />
    );
  const left = status.data;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        regenerate.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t("recovery.title")}
        </Text>
        {left ? (
          left.total === 0 ? (
            <Alert color="blue" data-testid="recovery-status">
              {t("recovery.none")}
            </Alert>
          ) : (
            <Text size="sm" data-testid="recovery-status">
              {t("recovery.remaining", { remaining: left.remaining, total: left.total })}
              {left.remaining <= FEW_LEFT ? ` ${t("recovery.low")}` : ""}
            </Text>
          )
        ) : null}
        <Text size="sm" c="dimmed">
          {t("recovery.regenerateHelp")}
        </Text>
        <PasswordField
          label={t("login.password")}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          refusal={regenerate.error}
          field="password"
        />
        <ApiErrorAlert error={regenerate.error ?? status.error} shownPaths={["password"]} />
        <Group>
          <Button type="submit" variant="light" loading={regenerate.isPending}>
            {t("recovery.regenerate")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turning the second factor off: the password and a fresh code (not for staff). */
function DisableTotpForm() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const disable = useMutation({
    mutationFn: () => api.post("/auth/totp/disable", okSchema, { password, code }),
    onSuccess: () => {
      setPassword("");
      setCode("");
      void client.invalidateQueries({ queryKey: ["session"] });
      void client.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        disable.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm">{t("account.totpDisableHelp")}</Text>
        <PasswordField
          label={t("login.password")}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          refusal={disable.error}
          field="password"
        />
        <TextInput
          label={t("login.totp")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ""))}
          error={fieldError(disable.error, "code")}
        />
        <ApiErrorAlert error={disable.error} shownPaths={["password", "code"]} />
        <Group>
          <Button type="submit" color="red" variant="light" loading={disable.isPending}>
            {t("account.totpDisable")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
