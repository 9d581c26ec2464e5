import { Button, Code, Container, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { recoveryCodesSchema, totpSetupSchema } from "../../../contracts/accounts.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { RecoveryCodeList } from "./RecoveryCodeList.tsx";
import { TotpQrCode } from "./TotpQrCode.tsx";

/** Secretariat and admin accounts need a second factor before they may act. */
export function TotpSetup() {
  const { t } = useI18n();
  return (
    <Container size={560} py={48}>
      <Paper withBorder radius="md" p="xl">
        <Stack>
          <Title order={1} fz={22}>
            {t("totp.title")}
          </Title>
          <Text size="sm">{t("totp.lead")}</Text>
          <TotpEnrollment />
        </Stack>
      </Paper>
    </Container>
  );
}

/**
 * Two steps: a new key for the authenticator app (a QR code, or the key typed by hand), then
 * a code from it to switch it on. The recovery codes the server then gives are shown before
 * the session is read again, which would end this page.
 */
export function TotpEnrollment() {
  const { t } = useI18n();
  const client = useQueryClient();
  const setup = useMutation({ mutationFn: () => api.post("/auth/totp/setup", totpSetupSchema) });
  const enable = useMutation({
    mutationFn: (code: string) => api.post("/auth/totp/enable", recoveryCodesSchema, { code }),
  });
  const [code, setCode] = useState("");
  if (enable.data)
    return (
      <Stack>
        <Text size="sm" fw={600}>
          {t("totp.enabled")}
        </Text>
        <RecoveryCodeList
          codes={enable.data.recovery_codes}
          onDone={() => void client.invalidateQueries({ queryKey: ["session"] })}
        />
      </Stack>
    );
  return (
    <Stack>
      {setup.data ? (
        <>
          <Text size="sm">{t("totp.scan")}</Text>
          <TotpQrCode uri={setup.data.otpauth_uri} />
          <Text size="sm">{t("totp.secret")}</Text>
          <Code block data-testid="totp-secret">
            {setup.data.secret}
          </Code>
          <TextInput
            label={t("login.totp")}
            inputMode="numeric"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ""))}
            error={fieldError(enable.error, "code")}
          />
          <Button onClick={() => enable.mutate(code)} loading={enable.isPending}>
            {t("totp.enable")}
          </Button>
        </>
      ) : (
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t("totp.start")}
        </Button>
      )}
      <ApiErrorAlert error={setup.error ?? enable.error} shownPaths={["code"]} />
    </Stack>
  );
}
