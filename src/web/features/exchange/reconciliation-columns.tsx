import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import type { Organization } from "../../../contracts/organizations.ts";
import type { Difference } from "../../../contracts/reconciliation.ts";
import type { I18n } from "../../i18n/i18n.tsx";
import { pickText } from "../../ui/Bilingual.tsx";
import type { Column } from "../../ui/DataTable.tsx";
import type { Publication } from "./exchange-api.ts";

const inUsd = ({ t }: I18n, label: string) => t("table.inCurrency", { label, currency: "USD" });

/** Recorded vs published per partner, initiative, year and measure, as the API lists them. */
export function differenceColumns(i18n: I18n): Column<Difference>[] {
  const { t, fmt, lang } = i18n;
  return [
    {
      key: "partner",
      header: t("reconciliation.partner"),
      cell: (d) => `${pickText(d.partner.name, lang).text} (${d.partner.code})`,
      value: (d) => d.partner.code,
    },
    {
      key: "publisher",
      header: t("reconciliation.publisher"),
      cell: (d) => d.publisher_ref,
      value: (d) => d.publisher_ref,
    },
    {
      key: "initiative",
      header: t("initiative.code"),
      cell: (d) =>
        d.initiative ? (
          <Anchor component={Link} to={`/initiatives/${d.initiative.id}`} size="sm" fw={600}>
            {d.initiative.code}
          </Anchor>
        ) : (
          t("reconciliation.unlinked")
        ),
      value: (d) => d.initiative?.code ?? "",
    },
    {
      key: "year",
      header: t("reconciliation.year"),
      cell: (d) => (d.year === null ? t("reconciliation.noYear") : String(d.year)),
      value: (d) => d.year,
    },
    {
      key: "measure",
      header: t("reconciliation.measure"),
      cell: (d) => t(`measure.${d.measure}`),
      value: (d) => d.measure,
    },
    {
      key: "recorded",
      header: inUsd(i18n, t("reconciliation.recorded")),
      kind: "amount",
      cell: (d) => fmt.money(d.recorded_usd, "USD"),
      value: (d) => d.recorded_usd,
    },
    {
      key: "published",
      header: inUsd(i18n, t("reconciliation.published")),
      kind: "amount",
      cell: (d) => fmt.money(d.published_usd, "USD"),
      value: (d) => d.published_usd,
    },
    {
      key: "difference",
      header: inUsd(i18n, t("reconciliation.difference")),
      kind: "amount",
      cell: (d) => <strong>{fmt.money(d.difference_usd, "USD")}</strong>,
      value: (d) => d.difference_usd,
    },
    {
      key: "unvalued",
      header: t("reconciliation.unvalued"),
      kind: "number",
      cell: (d) => fmt.number(d.unvalued),
      value: (d) => d.unvalued,
    },
  ];
}

export interface PublicationRow extends Publication {
  partner: Organization | undefined;
}

/** The imported publications the comparison draws on. */
export function publicationColumns(i18n: I18n): Column<PublicationRow>[] {
  const { t, fmt, lang } = i18n;
  const partnerName = (p: PublicationRow) =>
    p.partner ? `${pickText(p.partner.name, lang).text} (${p.partner.code})` : p.publisher_ref;
  return [
    {
      key: "partner",
      header: t("reconciliation.partner"),
      cell: partnerName,
      value: partnerName,
    },
    {
      key: "publisher",
      header: t("reconciliation.publisher"),
      cell: (p) => p.publisher_ref,
      value: (p) => p.publisher_ref,
    },
    {
      key: "file",
      header: t("reconciliation.file"),
      cell: (p) => p.file_name,
      value: (p) => p.file_name,
    },
    {
      key: "activities",
      header: t("reconciliation.activities"),
      kind: "number",
      cell: (p) => fmt.number(p.activity_count),
      value: (p) => p.activity_count,
    },
    {
      key: "linked",
      header: t("reconciliation.linked"),
      kind: "number",
      cell: (p) => fmt.number(p.linked_count),
      value: (p) => p.linked_count,
    },
    {
      key: "imported",
      header: t("reconciliation.importedAt"),
      cell: (p) => fmt.dateTime(p.imported_at),
      value: (p) => p.imported_at,
    },
  ];
}
