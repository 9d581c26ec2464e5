import { Anchor, Group } from "@mantine/core";
import { Link } from "react-router";
import type { Initiative } from "../../../contracts/initiatives.ts";
import type { I18n } from "../../i18n/i18n.tsx";
import { BilingualText, pickText } from "../../ui/Bilingual.tsx";
import type { Column } from "../../ui/DataTable.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";

/** The portfolio table, shared by the list and the country, partner and component pages. */
export function initiativeColumns({ t, fmt, lang }: I18n): Column<Initiative>[] {
  return [
    {
      key: "code",
      header: t("initiative.code"),
      cell: (i) => (
        <Anchor component={Link} to={`/initiatives/${i.id}`} size="sm" fw={600}>
          {i.code}
        </Anchor>
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
      cell: (i) => fmt.country(i.lead_country),
      value: (i) => fmt.country(i.lead_country),
    },
    {
      key: "status",
      header: t("initiative.status"),
      cell: (i) => <StatusBadge status={i.status} />,
      value: (i) => t(`status.${i.status}`),
    },
    {
      key: "budget",
      header: t("table.inCurrency", { label: t("measure.budget"), currency: "USD" }),
      kind: "amount",
      cell: (i) => fmt.money(i.budget_usd.amount, i.budget_usd.currency),
      value: (i) => i.budget_usd.amount,
    },
    {
      key: "illustrative",
      header: t("provenance.illustrativeColumn"),
      cell: (i) => t(i.illustrative ? "common.yes" : "common.no"),
      value: (i) => t(i.illustrative ? "common.yes" : "common.no"),
    },
  ];
}
