import { Alert, Button, Container, FileInput, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useOutletContext, useSearchParams } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { ApiErrorAlert } from "../workspace/ApiErrorAlert.tsx";
import { useSession, type WorkspaceContext } from "../workspace/session.ts";
import { ImportHistory } from "./ImportHistory.tsx";
import { ImportJobPanel } from "./ImportJobPanel.tsx";
import { uploadIatiFile } from "./iati-api.ts";
import { ImportStream } from "./job-events.ts";

const XML_TYPES = ".xml,application/xml,text/xml";

/** The roles the import routes admit (their access rule); the API decides again per file. */
export const mayImportIati = (role: string) =>
  role === "partner" || role === "secretariat" || role === "admin";

/**
 * Upload a partner's IATI activity file, to check it (dry run) or import it; follow the job
 * live and read its report; every earlier upload in the history below. The job being shown
 * is in the address (?job=), so a reload finds it again.
 */
export function IatiImportPage() {
  const { t } = useI18n();
  const pick = usePick();
  const { user, staff } = useOutletContext<WorkspaceContext>();
  const csrfToken = useSession().data?.csrf_token ?? null;
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
  const upload = useMutation({
    mutationFn: async ({ chosen, dryRun }: { chosen: File; dryRun: boolean }) => {
      await stream.open();
      try {
        return await uploadIatiFile({ file: chosen, dryRun, csrfToken });
      } catch (error) {
        stream.close();
        throw error;
      }
    },
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
