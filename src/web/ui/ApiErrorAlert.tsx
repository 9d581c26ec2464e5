import { Alert, Button, List, Stack, Text } from "@mantine/core";
import type { ApiErrorDetail } from "../api/client.ts";
import { ApiError } from "../api/client.ts";
import { detailMessage, errorMessage, fieldLabel } from "../i18n/api-errors.ts";
import { useI18n } from "../i18n/i18n.tsx";

/**
 * A refused or failed request, in words: 409 says someone else changed the record and offers
 * to reload it; 403 says it is not allowed; validation details not shown beside a field are
 * listed here, all in the reader's language (i18n/api-errors.ts), never a stack.
 */
export function ApiErrorAlert({
  error,
  onReload,
  shownPaths = [],
}: {
  error: unknown;
  onReload?: () => void;
  shownPaths?: string[];
}) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && error.isConflict) {
    return (
      <Alert
        color="orange"
        title={t("workspace.conflictTitle")}
        role="alert"
        data-testid="conflict"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t("workspace.conflictBody")}</Text>
          {onReload ? (
            <Button size="xs" color="orange" onClick={onReload}>
              {t("workspace.reload")}
            </Button>
          ) : null}
        </Stack>
      </Alert>
    );
  }
  const title =
    error instanceof ApiError && error.status === 403
      ? t("workspace.forbiddenTitle")
      : error instanceof ApiError && error.details.length > 0
        ? t("workspace.invalidTitle")
        : t("workspace.failedTitle");
  const rest =
    error instanceof ApiError ? error.details.filter((d) => !shownPaths.includes(d.path)) : [];
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{errorMessage(error, t, lang)}</Text>
      {rest.length > 0 ? (
        <List size="sm" mt={4}>
          {rest.map((d) => (
            <List.Item key={`${d.path}:${d.message}`}>
              {d.path
                ? t("workspace.fieldError", {
                    field: fieldLabel(d.path, t),
                    message: detailMessage(d, t, lang),
                  })
                : detailMessage(d, t, lang)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

function FieldProblems({ details }: { details: ApiErrorDetail[] }) {
  const { t, lang } = useI18n();
  return <>{details.map((d) => detailMessage(d, t, lang)).join("; ")}</>;
}

/**
 * The API's problems with one field (`details[].path`) and, unless `exact`, with its parts
 * (`value` → `value.amount`), worded for the input's `error`.
 */
export function fieldError(error: unknown, path: string, exact = false) {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.details.filter(
    (d) => d.path === path || (!exact && d.path.startsWith(`${path}.`)),
  );
  return found.length ? <FieldProblems details={found} /> : undefined;
}
