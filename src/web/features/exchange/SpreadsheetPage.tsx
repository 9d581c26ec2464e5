import { Alert, Button, Checkbox, Container, FileInput, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOutletContext } from "react-router";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { ConfirmApply, StalePlan } from "./ApplySteps.tsx";
import { mayUseSpreadsheets, sendWorkbook, workbookUrl } from "./exchange-api.ts";
import { WorkbookPlanView } from "./WorkbookPlanView.tsx";

const XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Download the portfolio, upload it edited, see exactly what would change, apply it. */
export function SpreadsheetPage() {
  const { t, lang } = useI18n();
  const { user } = useOutletContext<WorkspaceContext>();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removeMissing, setRemoveMissing] = useState(false);
  const preview = useMutation({
    mutationFn: (chosen: File) => sendWorkbook({ file: chosen, removeMissing }),
  });
  const apply = useMutation({
    mutationFn: ({ chosen, planHash }: { chosen: File; planHash: string }) =>
      sendWorkbook({ file: chosen, planHash, removeMissing }),
    onSettled: () => setConfirming(false),
    onSuccess: () => {
      // The sheet now has old versions of what it changed: a new edit starts from a new download.
      setFile(null);
      preview.reset();
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
    },
  });
  const choose = (next: File | null) => {
    setFile(next);
    preview.reset();
    apply.reset();
  };
  const runPreview = () => {
    if (!file) return;
    apply.reset();
    preview.mutate(file);
  };
  const plan = preview.data;
  // 409 from apply means the plan hash no longer matches: the sheet or ESCA Hub changed.
  const stale = apply.error instanceof ApiError && apply.error.status === 409;
  const toApply = plan ? plan.counts.added + plan.counts.changed + plan.counts.removed : 0;

  if (!mayUseSpreadsheets(user))
    return (
      <Container size="xl" py="lg">
        <Alert color="red" title={t("workspace.forbiddenTitle")}>
          {t("spreadsheets.notAllowed")}
        </Alert>
      </Container>
    );
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("spreadsheets.title")}
        description={t("spreadsheets.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("spreadsheets.downloadTitle")} id="download-workbook">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t("spreadsheets.downloadHelp")}</Text>
              <Text size="sm">{t("spreadsheets.downloadLanguage")}</Text>
              {user.role === "partner" ? (
                <Text size="sm">{t("spreadsheets.downloadProtected")}</Text>
              ) : null}
              <Button component="a" href={workbookUrl(lang)} download variant="light">
                {t("spreadsheets.download")}
              </Button>
            </Stack>
          </Section>
          <Section title={t("spreadsheets.uploadTitle")} id="upload-workbook">
            <Stack gap="sm">
              <Text size="sm">{t("spreadsheets.uploadHelp")}</Text>
              <Alert color="blue" variant="light" title={t("spreadsheets.keepTitle")}>
                {t("spreadsheets.keepBody")}
              </Alert>
              <Checkbox
                label={t("spreadsheets.removeMissing")}
                description={t("spreadsheets.removeMissingHelp")}
                checked={removeMissing}
                onChange={(e) => {
                  setRemoveMissing(e.currentTarget.checked);
                  preview.reset();
                  apply.reset();
                }}
                data-testid="remove-missing"
              />
              <Group align="flex-end" gap="sm">
                <FileInput
                  label={t("spreadsheets.file")}
                  placeholder={t("spreadsheets.filePlaceholder")}
                  // Mantine draws this placeholder as text, so it must pass the contrast check.
                  styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
                  accept={XLSX_TYPES}
                  value={file}
                  onChange={choose}
                  clearable
                  clearButtonProps={{ "aria-label": t("spreadsheets.clearFile") }}
                  w={{ base: "100%", sm: 420 }}
                />
                <Button onClick={runPreview} disabled={!file} loading={preview.isPending}>
                  {t("spreadsheets.preview")}
                </Button>
              </Group>
              <ApiErrorAlert error={preview.error} />
            </Stack>
          </Section>
          {plan ? (
            <Section
              title={t("spreadsheets.previewTitle")}
              id="workbook-preview"
              description={t("spreadsheets.previewHelp")}
            >
              <Stack gap="md">
                <WorkbookPlanView
                  plan={plan}
                  caption={t("spreadsheets.previewTitle")}
                  fileName="esca-workbook-preview"
                />
                {stale ? (
                  <StalePlan onPreviewAgain={runPreview} busy={preview.isPending} />
                ) : (
                  <ApiErrorAlert error={apply.error} />
                )}
                {plan.counts.error > 0 ? (
                  <Alert color="red" title={t("spreadsheets.fixErrorsTitle")}>
                    {t("spreadsheets.fixErrorsBody", { count: plan.counts.error })}
                  </Alert>
                ) : toApply === 0 ? (
                  <Text size="sm" data-testid="nothing-to-apply">
                    {t("spreadsheets.nothingToApply")}
                  </Text>
                ) : (
                  <Group>
                    <Button color="green" onClick={() => setConfirming(true)}>
                      {t("spreadsheets.apply", { count: toApply })}
                    </Button>
                  </Group>
                )}
                <ConfirmApply
                  plan={plan}
                  opened={confirming}
                  onClose={() => setConfirming(false)}
                  busy={apply.isPending}
                  onConfirm={() => file && apply.mutate({ chosen: file, planHash: plan.plan_hash })}
                />
              </Stack>
            </Section>
          ) : null}
          {apply.data ? (
            <Section title={t("spreadsheets.resultTitle")} id="workbook-applied">
              <Stack gap="md">
                <Alert
                  color="green"
                  title={t("spreadsheets.appliedTitle")}
                  data-testid="apply-result"
                >
                  {t("spreadsheets.appliedBody", {
                    added: apply.data.counts.added,
                    changed: apply.data.counts.changed,
                    removed: apply.data.counts.removed,
                  })}
                </Alert>
                <WorkbookPlanView
                  plan={apply.data}
                  caption={t("spreadsheets.resultTitle")}
                  fileName="esca-workbook-applied"
                  applied
                />
              </Stack>
            </Section>
          ) : null}
        </Stack>
      </Container>
    </>
  );
}
