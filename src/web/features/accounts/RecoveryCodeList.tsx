import { Alert, Button, CopyButton, Group, List, Stack, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import { saveBlob } from "../../ui/download.ts";

/**
 * A new set of recovery codes, shown this once: to copy or download before going on. ESCA Hub
 * keeps only their hashes, so a lost set can only be replaced.
 */
export function RecoveryCodeList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const text = `${t("recovery.fileHeading")}\n\n${codes.join("\n")}\n`;
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Alert color="blue" title={t("recovery.title")}>
        {t("recovery.once", { count: codes.length })}
      </Alert>
      <List type="ordered" className="recovery-codes" aria-label={t("recovery.title")}>
        {codes.map((code) => (
          <List.Item key={code}>
            <code>{code}</code>
          </List.Item>
        ))}
      </List>
      <Group gap="xs">
        <CopyButton value={codes.join("\n")}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {t(copied ? "recovery.copied" : "recovery.copy")}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="light"
          onClick={() =>
            saveBlob(
              new Blob([text], { type: "text/plain;charset=utf-8" }),
              "esca-recovery-codes.txt",
            )
          }
        >
          {t("recovery.download")}
        </Button>
        <Button onClick={onDone}>{t("recovery.saved")}</Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t("recovery.howToUse")}
      </Text>
    </Stack>
  );
}
