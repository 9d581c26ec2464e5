import {
  Alert,
  Button,
  Checkbox,
  Container,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ObservationImportResult } from "../../../contracts/indicators.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { importObservationsCsv, previewObservationsCsv } from "./indicators-api.ts";

function ProblemsTable({ result }: { result: ObservationImportResult }) {
  const { t } = useI18n();
  if (result.problems.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table fz="sm" data-testid="csv-problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("csv.line")}</Table.Th>
            <Table.Th scope="col">{t("csv.column")}</Table.Th>
            <Table.Th scope="col">{t("csv.problem")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.problems.map((p) => (
            <Table.Tr key={`${p.line}-${p.column}-${p.code}`}>
              <Table.Td>{p.line}</Table.Td>
              <Table.Td>{p.column ?? "—"}</Table.Td>
              <Table.Td>
                {t(`csv.code.${p.code}` as "csv.code.observation_csv", {
                  value: String(p.values.value ?? ""),
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Workspace: upload an observations CSV, see every row's problems by line and column, then
 * import. A file with problems imports nothing unless the rows with problems are skipped.
 */
export function ObservationsImportPage() {
  const { t } = useI18n();
  const [csv, setCsv] = useState<string | null>(null);
  const [skip, setSkip] = useState(false);
  const preview = useMutation({ mutationFn: previewObservationsCsv });
  const run = useMutation({ mutationFn: (text: string) => importObservationsCsv(text, skip) });
  const choose = async (file: File | null) => {
    run.reset();
    setSkip(false);
    if (!file) return setCsv(null);
    const text = await file.text();
    setCsv(text);
    preview.mutate(text);
  };
  const checked = preview.data;
  const blocked = !checked || checked.valid === 0 || (checked.problems.length > 0 && !skip);
  return (
    <>
      <PageHeader kicker={t("nav.workspace")} title={t("csv.title")} description={t("csv.lead")} />
      <Container size="lg">
        <Stack gap="md">
          <Section title={t("csv.upload")} id="upload">
            <Stack gap="sm">
              <FileInput
                label={t("csv.file")}
                description={t("csv.columns")}
                accept=".csv,text/csv"
                clearable
                clearButtonProps={{ "aria-label": t("csv.clearFile") }}
                onChange={(file) => void choose(file)}
                data-testid="csv-file"
              />
              <ApiErrorAlert error={preview.error ?? run.error} />
              {checked ? (
                <Stack gap="xs" data-testid="csv-preview">
                  <Text size="sm">
                    {t("csv.summary", {
                      rows: checked.rows,
                      valid: checked.valid,
                      invalid: checked.invalid_lines.length,
                    })}
                  </Text>
                  <ProblemsTable result={checked} />
                  {checked.problems.length > 0 ? (
                    <Checkbox
                      label={t("csv.skip", { count: checked.invalid_lines.length })}
                      checked={skip}
                      onChange={(e) => setSkip(e.currentTarget.checked)}
                    />
                  ) : null}
                  <Group>
                    <Button
                      disabled={blocked || run.isSuccess}
                      loading={run.isPending}
                      onClick={() => csv !== null && run.mutate(csv)}
                    >
                      {t("csv.import", { count: checked.valid })}
                    </Button>
                  </Group>
                </Stack>
              ) : null}
              {run.data ? (
                <Alert color="green" title={t("csv.done")} data-testid="csv-done">
                  {t("csv.doneDetail", {
                    created: run.data.created,
                    updated: run.data.updated,
                    unchanged: run.data.unchanged,
                    skipped: run.data.skipped,
                  })}
                </Alert>
              ) : null}
            </Stack>
          </Section>
        </Stack>
      </Container>
    </>
  );
}
