import { Button, Code, CopyButton, Group } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";

/** A report's SHA-256, in full (anyone checks a copy against it), with a copy button. */
export function ReportHash({ sha256 }: { sha256: string }) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Code style={{ wordBreak: "break-all", whiteSpace: "normal" }} fz="xs">
        {sha256}
      </Code>
      <CopyButton value={sha256}>
        {({ copied, copy }) => (
          <Button
            variant="default"
            size="compact-xs"
            onClick={copy}
            aria-label={t("reports.copyHash")}
          >
            {copied ? t("reports.copied") : t("reports.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
