import { Alert, Button, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { type OverrideRequestDraft, useAskOverride } from "./override-requests-api.ts";

/**
 * Shown to a partner whose disbursement goes beyond what is left on its commitment: instead
 * of recording it, the partner asks the secretariat for an override, saying why. (An amended
 * commitment, recorded with the same form, is the other way.)
 */
export function OverrideRequestPanel({
  draft,
  onSent,
}: {
  draft: Omit<OverrideRequestDraft, "reason">;
  /** Called with the amount asked for, formatted, once the secretariat has the request. */
  onSent: (amount: string) => void;
}) {
  const { t, fmt } = useI18n();
  const [reason, setReason] = useState("");
  const ask = useAskOverride();
  return (
    <Alert color="yellow" title={t("override.askTitle")} data-testid="override-ask">
      <Stack gap="xs">
        {t("override.askBody")}
        <Textarea
          label={t("override.reason")}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(ask.error, "reason")}
        />
        <ApiErrorAlert error={ask.error} shownPaths={["reason"]} />
        <Button
          variant="light"
          loading={ask.isPending}
          onClick={() =>
            ask.mutate(
              { ...draft, reason: reason.trim() },
              { onSuccess: () => onSent(fmt.money(draft.value.amount, draft.value.currency)) },
            )
          }
        >
          {t("override.ask")}
        </Button>
      </Stack>
    </Alert>
  );
}
