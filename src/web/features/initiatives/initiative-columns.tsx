import { Anchor, Group } from "@mantine/core";
import { Link } from "react-router";
import type { Initiative, InitiativeListItem } from "../../../contracts/initiatives.ts";
import type { I18n } from "../../i18n/i18n.tsx";
import { BilingualText, pickText } from "../../ui/Bilingual.tsx";
import type { Column } from "../../ui/DataTable.tsx";
import { IllustrativeBadge, IllustrativeMark, MarkedValue } from "../../ui/Provenance.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";
import { measureHelp } from "../funding/summary-rows.tsx";

type Field = Initiative["illustrative_fields"][number];
const invented = (i: Initiative, ...fields: Field[]) =>
  fields.some((field) => i.illustrative_fields.includes(field));

/**
 * The portfolio table, shared by the list and the country, partner and component pages. A
 * record made up as a whole carries the badge by its title; a value made up in an otherwise
 * published record carries the mark beside it.
 */
export function initiativeColumns({ t, fmt, lang }: I18n): Column<InitiativeListItem>[] {
  const illustrativeText = (i: Initiative) =>
    i.illustrative
      ? t("common.yes")
      : i.illustrative_fields.length
        ? t("provenance.partly", {
            fields: i.illustrative_fields.map((f) => t(`provenance.field.${f}`)).join(", "),
          })
        : t("common.no");
  return [
    {
      key: "code",
      header: t("initiative.code"),
      cell: (i) => (
        <MarkedValue marked={invented(i, "code")}>
          <Anchor component={Link} to={`/initiatives/${i.id}`} size="sm" fw={600}>
            {i.code}
          </Anchor>
        </MarkedValue>
      ),
      value: (i) => i.code,
    },
    {
      key: "title",
      header: t("initiative.title"),
      cell: (i) => (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <span>
            <BilingualText value={i.title} />
          </span>
          {i.illustrative ? <IllustrativeBadge /> : null}
          {invented(i, "title") ? <IllustrativeMark /> : null}
        </Group>
      ),
      value: (i) => pickText(i.title, lang).text,
    },
    {
      key: "component",
      header: t("initiative.component"),
      cell: (i) => i.component.code,
      value: (i) => i.component.code,
    },
    {
      key: "lead",
      header: t("initiative.leadCountry"),
      cell: (i) => (
        <MarkedValue marked={invented(i, "lead_country")}>
          {fmt.country(i.lead_country)}
        </MarkedValue>
      ),
      value: (i) => fmt.country(i.lead_country),
    },
    {
      key: "status",
      header: t("initiative.status"),
      cell: (i) => (
        <MarkedValue marked={invented(i, "status")}>
          <StatusBadge status={i.status} />
        </MarkedValue>
      ),
      value: (i) => t(`status.${i.status}`),
    },
    {
      key: "budget",
      header: t("table.inCurrency", { label: t("measure.budget"), currency: "USD" }),
      kind: "amount",
      cell: (i) => (
        <MarkedValue marked={invented(i, "budget")}>
          {fmt.money(i.budget_usd.amount, i.budget_usd.currency)}
        </MarkedValue>
      ),
      value: (i) => i.budget_usd.amount,
    },
    // The roll-up's figures for the initiative (summarizeFunding), as the API sends them.
    ...(["committed", "disbursed", "gap"] as const).map(
      (measure): Column<InitiativeListItem> => ({
        key: measure,
        header: t("table.inCurrency", { label: t(`measure.${measure}`), currency: "USD" }),
        help: measureHelp(measure, t),
        kind: "amount",
        cell: (i) => {
          const figure = i.funding[measure];
          return figure === null ? "—" : fmt.money(figure, "USD");
        },
        value: (i) => i.funding[measure],
      }),
    ),
    {
      key: "illustrative",
      header: t("provenance.illustrativeColumn"),
      cell: illustrativeText,
      value: illustrativeText,
    },
  ];
}
