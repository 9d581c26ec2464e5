import { Alert, Button, Container, FileInput, Group, Progress, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useOutletContext, useSearchParams } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { ImportHistory } from "./ImportHistory.tsx";
import { ImportJobPanel } from "./ImportJobPanel.tsx";
import { uploadIatiFile } from "./iati-api.ts";
import { fileSize } from "./iati-format.ts";
import { ImportStream } from "./job-events.ts";

const XML_TYPES = ".xml,application/xml,text/xml";

/** The upload's own progress, before the server has the file and its job starts. */
interface UploadProgress {
  file: string;
  percent: number;
  sent: number;
  total: number;
}

/** The roles the import routes admit (their access rule); the API decides again per file. */
export const mayImportIati = (role: string) =>
  role === "partner" || role === "secretariat" || role === "admin";

/**
 * Upload a partner's IATI activity file, to check it (dry run) or import it; follow the job
 * live and read its report; every earlier upload in the history below. The job being shown
 * is in the address (?job=), so a reload finds it again.
 */
export function IatiImportPage() {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const { user, staff } = useOutletContext<WorkspaceContext>();
  const [params, setParams] = useSearchParams();
  const jobId = params.get("job");
  const [file, setFile] = useState<File | null>(null);
  const open = (id: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("job", id);
      return next;
    });
    // The job's section sits above the history: bring it into view once drawn.
    requestAnimationFrame(() =>
      document.getElementById("iati-job-title")?.scrollIntoView({ block: "start" }),
    );
  };
  const client = useQueryClient();
  const [stream] = useState(() => new ImportStream(client));
  useEffect(() => () => stream.close(), [stream]);
  const [followed, setFollowed] = useState<string | null>(null);
  const [sending, setSending] = useState<UploadProgress | null>(null);
  const upload = useMutation({
    mutationFn: async ({ chosen, dryRun }: { chosen: File; dryRun: boolean }) => {
      await stream.open();
      setSending({ file: chosen.name, percent: 0, sent: 0, total: chosen.size });
      try {
        return await uploadIatiFile({
          file: chosen,
          dryRun,
          // A redraw per whole percent, not per progress event.
          onProgress: (sent, total) => {
            const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
            setSending((now) =>
              now && now.percent === percent ? now : { file: chosen.name, percent, sent, total },
            );
          },
        });
      } catch (error) {
        stream.close();
        throw error;
      }
    },
    onSettled: () => setSending(null),
    onSuccess: (job) => {
      setFollowed(stream.follow(job) ? job.id : null);
      setFile(null);
      open(job.id);
    },
  });
  const send = (dryRun: boolean) => file && upload.mutate({ chosen: file, dryRun });
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("iati.title")}
        description={t("iati.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          {!mayImportIati(user.role) ? (
            <Alert color="red" title={t("workspace.forbiddenTitle")}>
              {t("iati.notForRole")}
            </Alert>
          ) : (
            <>
              <Section title={t("iati.uploadTitle")} id="iati-upload">
                <Stack gap="sm">
                  <Text size="sm">
                    {staff
                      ? t("iati.uploadHelpStaff")
                      : t("iati.uploadHelpPartner", { partner: pick(user.organization.name) })}
                  </Text>
                  <Group align="flex-end" gap="sm">
                    <FileInput
                      label={t("iati.file")}
                      placeholder={t("iati.filePlaceholder")}
                      // Mantine draws this placeholder as text, so it must pass the contrast check.
                      styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
                      accept={XML_TYPES}
                      value={file}
                      onChange={setFile}
                      clearable
                      clearButtonProps={{ "aria-label": t("iati.clearFile") }}
                      w={{ base: "100%", sm: 420 }}
                    />
                    <Button
                      variant="default"
                      onClick={() => send(true)}
                      disabled={!file}
                      loading={upload.isPending && upload.variables?.dryRun === true}
                    >
                      {t("iati.dryRun")}
                    </Button>
                    <Button
                      onClick={() => send(false)}
                      disabled={!file}
                      loading={upload.isPending && upload.variables?.dryRun === false}
                    >
                      {t("iati.import")}
                    </Button>
                  </Group>
                  {sending ? (
                    // The upload itself; once the server has the file, the job's progress follows.
                    <Stack gap={6} aria-live="polite" data-testid="upload-progress">
                      <Text size="sm" fw={600}>
                        {t("iati.upload.percent", { percent: fmt.number(sending.percent) })}
                      </Text>
                      <Progress.Root size="lg">
                        <Progress.Section
                          value={sending.percent}
                          animated
                          withAria={false}
                          role="progressbar"
                          aria-label={t("iati.upload.progressOf", { file: sending.file })}
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={sending.percent}
                          aria-valuetext={t("iati.upload.valuetext", {
                            percent: fmt.number(sending.percent),
                          })}
                        />
                      </Progress.Root>
                      <Text size="xs" c="dimmed">
                        {t("iati.upload.sent", {
                          sent: fileSize(sending.sent, fmt.locale),
                          total: fileSize(sending.total, fmt.locale),
                        })}
                      </Text>
                    </Stack>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {t("iati.modesHelp")}
                  </Text>
                  <ApiErrorAlert error={upload.error} />
                </Stack>
              </Section>
              {jobId ? (
                <Section title={t("iati.jobTitle")} id="iati-job">
                  <ImportJobPanel jobId={jobId} followed={followed === jobId} />
                </Section>
              ) : null}
              <Section
                title={t("iati.history.title")}
                description={staff ? t("iati.history.helpStaff") : t("iati.history.helpOwn")}
                id="iati-history"
              >
                <ImportHistory onOpen={open} />
              </Section>
            </>
          )}
        </Stack>
      </Container>
    </>
  );
}
