import { Table } from "@mantine/core";
import type { PledgeFigures } from "../../../contracts/conferences.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** Announced, committed and disbursed (USD) as three right-aligned cells of a row. */
export function PledgeFiguresCells({ figures }: { figures: PledgeFigures }) {
  const { fmt } = useI18n();
  return (
    <>
      <Table.Td ta="right">{fmt.money(figures.announced, "USD")}</Table.Td>
      <Table.Td ta="right">{fmt.money(figures.committed, "USD")}</Table.Td>
      <Table.Td ta="right">{fmt.money(figures.disbursed, "USD")}</Table.Td>
    </>
  );
}

/** The three headers PledgeFiguresCells fills. */
export function PledgeFiguresHeaders() {
  const { t } = useI18n();
  return (
    <>
      <Table.Th scope="col" ta="right">
        {t("conf.announced")}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t("conf.committedSince")}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t("conf.disbursedSince")}
      </Table.Th>
    </>
  );
}
