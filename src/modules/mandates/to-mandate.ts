import type { Mandate, PeriodStatus } from "../../contracts/mandates.ts";
import type { listStatusRows, MandateRow } from "./mandates.queries.ts";
import type { listPeriodRows } from "./resolutions.queries.ts";

type PeriodRow = Awaited<ReturnType<typeof listPeriodRows>>[number];
type StatusRow = Awaited<ReturnType<typeof listStatusRows>>[number];

/**
 * A mandate with its status in every reporting period of its resolution; a period nobody has
 * set a status for yet reads "not_started", with no one who set it.
 */
export function toMandate(row: MandateRow, periods: PeriodRow[], statuses: StatusRow[]): Mandate {
  const own = periods.filter((period) => period.resolution_id === row.resolution_id);
  return {
    id: row.id,
    resolution: {
      id: row.resolution_id,
      symbol: row.symbol,
      title: { es: row.title_es, en: row.title_en },
      adopted_on: row.adopted_on,
      session: { es: row.session_es, en: row.session_en },
    },
    paragraph: row.paragraph,
    text: { es: row.text_es, en: row.text_en },
    text_es_official: false,
    addressees: row.addressees,
    reporting_body: row.reporting_body,
    due_session: { es: row.due_session_es, en: row.due_session_en },
    due_on: row.due_on,
    periods: own.map((period) => ({
      code: period.code,
      label: { es: period.label_es, en: period.label_en },
      starts_on: period.starts_on,
      ends_on: period.ends_on,
    })),
    statuses: own.map((period): PeriodStatus => {
      const status = statuses.find(
        (candidate) => candidate.mandate_id === row.id && candidate.period_code === period.code,
      );
      if (!status)
        return {
          period: period.code,
          status: "not_started",
          note: null,
          illustrative: false,
          set_by: null,
          set_at: null,
          version: null,
        };
      return {
        period: period.code,
        status: status.status,
        note: status.note,
        illustrative: status.illustrative,
        set_by: { organization: status.organization_code, role: status.set_by_role },
        set_at: status.set_at.toISOString(),
        version: status.version,
      };
    }),
  };
}
