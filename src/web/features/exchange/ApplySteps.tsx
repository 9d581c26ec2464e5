import { Alert, Button, Code, Group, Modal, Stack, Text } from "@mantine/core";
import type { WorkbookPlan } from "../../../contracts/spreadsheets.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** Apply refused because the sheet or ESCA Hub changed since the preview: nothing was done. */
export function StalePlan({ onPreviewAgain, busy }: { onPreviewAgain: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Alert
      color="orange"
      title={t("spreadsheets.staleTitle")}
      role="alert"
      data-testid="stale-plan"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t("spreadsheets.staleBody")}</Text>
        <Button size="xs" color="orange" onClick={onPreviewAgain} loading={busy}>
          {t("spreadsheets.previewAgain")}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Asks before apply, naming the preview being confirmed by its plan hash. */
export function ConfirmApply({
  plan,
  opened,
  onClose,
  onConfirm,
  busy,
}: {
  plan: WorkbookPlan;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t("spreadsheets.confirmTitle")} centered>
      <Stack>
        <Text size="sm">
          {t("spreadsheets.confirmBody", {
            added: plan.counts.added,
            changed: plan.counts.changed,
            removed: plan.counts.removed,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("spreadsheets.confirmHash")} <Code>{plan.plan_hash.slice(0, 16)}</Code>
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("action.cancel")}
          </Button>
          <Button onClick={onConfirm} loading={busy} data-autofocus>
            {t("spreadsheets.applyConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
