import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { ReportFormat, ReportLanguage } from "../../../contracts/reports.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { ReportHash } from "./ReportHash.tsx";
import { useReportJob, useStartReport } from "./reports-api.ts";

/**
 * Workspace (secretariat): issue the report in a language and format, as of now or the end of
 * a past day; the job's stage shows while it renders, then the file and its hash.
 */
export function IssueReportPage() {
  const { t } = useI18n();
  const [language, setLanguage] = useState<ReportLanguage>("es");
  const [format, setFormat] = useState<ReportFormat>("docx");
  const [asOf, setAsOf] = useState("");
  const start = useStartReport();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useReportJob(jobId);
  const running =
    start.isPending || (job.data !== undefined && !["done", "failed"].includes(job.data.stage));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(
      { language, format, ...(asOf && { as_of: asOf }) },
      { onSuccess: (started) => setJobId(started.id) },
    );
  };
  const current = job.data;
  return (
    <>
      <PageHeader title={t("reports.issue.title")} description={t("reports.issue.lead")} />
      <Container size="md">
        <Stack component="form" onSubmit={submit} gap="md">
          <Group grow align="flex-start">
            <Select
              label={t("reports.language")}
              value={language}
              onChange={(value) => value && setLanguage(value as ReportLanguage)}
              data={[
                { value: "es", label: t("reports.lang.es") },
                { value: "en", label: t("reports.lang.en") },
              ]}
              allowDeselect={false}
            />
            <Select
              label={t("reports.format")}
              value={format}
              onChange={(value) => value && setFormat(value as ReportFormat)}
              data={[
                { value: "docx", label: t("reports.format.docx") },
                { value: "pdf", label: t("reports.format.pdf") },
                { value: "html", label: t("reports.format.html") },
              ]}
              allowDeselect={false}
            />
            <TextInput
              type="date"
              label={t("reports.asOf")}
              description={t("reports.issue.asOfHelp")}
              value={asOf}
              onChange={(event) => setAsOf(event.currentTarget.value)}
            />
          </Group>
          <Group>
            <Button type="submit" loading={running} disabled={running}>
              {t("reports.issue.submit")}
            </Button>
          </Group>
          {start.error && <ApiErrorAlert error={start.error} shownPaths={[]} />}
          {current && (
            <Stack gap={6} aria-live="polite">
              <Text size="sm">{t(`reports.stage.${current.stage}`)}</Text>
              <Progress
                value={current.progress}
                animated={running}
                color={current.stage === "failed" ? "red" : "blue"}
                aria-label={t("reports.issue.progress")}
              />
              {current.stage === "failed" && (
                <Alert color="red" title={t("reports.stage.failed")}>
                  {current.error}
                </Alert>
              )}
              {current.report && (
                <Alert color="green" title={current.report.symbol}>
                  <Stack gap={6}>
                    <Anchor href={current.report.download_url} download>
                      {t("reports.download")}
                    </Anchor>
                    <ReportHash sha256={current.report.sha256} />
                  </Stack>
                </Alert>
              )}
            </Stack>
          )}
        </Stack>
      </Container>
    </>
  );
}
