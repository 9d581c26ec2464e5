import { Alert, Group, Progress, Stack, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { Loading } from "../../ui/QueryState.tsx";
import { ImportReport } from "./ImportReport.tsx";
import { useImportJob } from "./iati-api.ts";
import { fileSize, percentRead } from "./iati-format.ts";
import { useJobEvents } from "./job-events.ts";
import { OutcomeBadge } from "./OutcomeBadge.tsx";

/**
 * One job followed live: its progress bar while it runs, then how it ended and its report.
 * `followed`: the page's ImportStream carries its events; otherwise the job's own stream does.
 */
export function ImportJobPanel({ jobId, followed }: { jobId: string; followed: boolean }) {
  const { t, fmt } = useI18n();
  const query = useImportJob(jobId);
  const job = query.data;
  useJobEvents(jobId, job?.status === "running" && !followed);
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  if (!job) return <Loading />;
  const percent = percentRead(job);
  return (
    <Stack gap="md" data-testid="import-job" data-job-status={job.status}>
      <Group gap="sm">
        <Text fw={700}>{job.file}</Text>
        <Text size="sm" c="dimmed">
          {t(job.dryRun ? "iati.mode.dryRun" : "iati.mode.import")} ·{" "}
          {fileSize(job.totalBytes, fmt.locale)} · {job.createdBy} · {fmt.dateTime(job.createdAt)}
        </Text>
        <OutcomeBadge job={job} />
      </Group>
      {job.status === "running" ? (
        <Stack gap={6} aria-live="polite">
          <Text size="sm" fw={600}>
            {t(job.phase === "validating" ? "iati.phase.validating" : "iati.phase.importing", {
              percent: fmt.number(percent),
            })}
          </Text>
          <Progress
            value={percent}
            size="lg"
            animated
            aria-label={t("iati.progressOf", { file: job.file })}
          />
          <Text size="xs" c="dimmed" data-testid="import-bytes">
            {t("iati.bytesRead", {
              read: fileSize(job.bytesRead, fmt.locale),
              total: fileSize(job.totalBytes, fmt.locale),
            })}
          </Text>
        </Stack>
      ) : null}
      {job.status === "failed" && job.error?.code === "interrupted" ? (
        <Alert color="orange" title={t("iati.status.interrupted")} role="alert">
          {t(job.dryRun ? "iati.interrupted.dryRun" : "iati.interrupted.import")}
        </Alert>
      ) : job.status === "failed" && job.error ? (
        // The server's own words: they name the problem and, where it has one, the line.
        <Alert color="red" title={t("iati.status.failed")} role="alert" data-testid="import-error">
          {job.error.message}
        </Alert>
      ) : null}
      {job.status === "succeeded" ? (
        <Alert color="green" title={t(job.dryRun ? "iati.done.dryRun" : "iati.done.import")}>
          {t(job.dryRun ? "iati.done.dryRunBody" : "iati.done.importBody")}
        </Alert>
      ) : null}
      {job.status !== "running" && (job.summary || job.validation) ? (
        <ImportReport job={job} />
      ) : null}
    </Stack>
  );
}
