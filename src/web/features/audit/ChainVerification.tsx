import { Alert, Button, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { auditVerdictSchema } from "../../../contracts/audit.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";

/** Runs the chain check `esca audit verify` runs and says what it found. */
export function ChainVerification({ onVerified }: { onVerified: () => void }) {
  const { t, fmt } = useI18n();
  const verify = useMutation({
    mutationFn: () => api.post("/audit/verification", auditVerdictSchema, {}),
    onSuccess: onVerified,
  });
  const verdict = verify.data;
  return (
    <Stack gap="sm">
      <div>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t("audit.verify.run")}
        </Button>
      </div>
      {verify.error ? <ApiErrorAlert error={verify.error} /> : null}
      {verdict ? (
        <Alert
          // Outlined on the page's white, with text dark enough to read (WCAG AA).
          variant="outline"
          color={verdict.ok ? "green.9" : "red.9"}
          styles={{
            title: { color: verdict.ok ? "#1b5e20" : "#8b1a1a" },
            message: { color: "#212529" },
          }}
          title={
            verdict.ok
              ? t("audit.verify.ok", { rows: fmt.number(verdict.rows) })
              : t("audit.verify.broken", {
                  seq: verdict.first_bad?.seq ?? "",
                  reason: verdict.first_bad?.reason ?? "",
                  rows: fmt.number(verdict.rows),
                })
          }
          role="status"
          data-testid="chain-verdict"
        >
          {verdict.head ? (
            <Text size="sm" className="hash">
              {t("audit.verify.head", { seq: verdict.head.seq, hash: verdict.head.hash })}
            </Text>
          ) : null}
          <Text size="xs" c="gray.8">
            {t("audit.verify.checkedAt", { at: fmt.dateTime(verdict.checked_at) })}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
