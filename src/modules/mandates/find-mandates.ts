import type { Kysely } from "kysely";
import type {
  Evidence,
  MandateDetail,
  MandateList,
  ParagraphRef,
  StatusHistoryEntry,
} from "../../contracts/mandates.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../../platform/principal.ts";
import {
  findMandateRow,
  findMandateRowByParagraph,
  findOrganizationCodes,
  listEvidenceRows,
  listLinkedInitiatives,
  listMandateRows,
  listParagraphsOfInitiative,
  listStatusAuditRows,
  listStatusRows,
} from "./mandates.queries.ts";
import { findRequestsOnParagraph } from "./paragraph-requests.ts";
import { listPeriodRows } from "./resolutions.queries.ts";
import { toMandate } from "./to-mandate.ts";

export async function findMandates(options: {
  db: Kysely<Database>;
  symbol?: string;
}): Promise<MandateList> {
  const rows = await listMandateRows(options.db, options.symbol ? { symbol: options.symbol } : {});
  const [periods, statuses] = await Promise.all([
    listPeriodRows(options.db, [...new Set(rows.map((row) => row.resolution_id))]),
    listStatusRows(
      options.db,
      rows.map((row) => row.id),
    ),
  ]);
  return {
    data: rows.map((row) => toMandate(row, periods, statuses)),
    page: { total: rows.length, limit: rows.length, offset: 0 },
  };
}

/**
 * A mandate with the initiatives that answer it, its evidence and its status history.
 * `publicOnly` (every reader but the secretariat and admins) hides unpublished initiatives
 * and flows of unpublished initiatives; the history names organizations and roles only.
 */
export async function getMandate(options: {
  db: Kysely<Database>;
  id: string;
  publicOnly: boolean;
  /** Whose requests to show beyond the public ones (their country's, their body's). */
  viewer: Principal;
}): Promise<MandateDetail> {
  const { db, publicOnly } = options;
  const row = await findMandateRow(db, options.id);
  if (!row) throw notFound("mandate", options.id);
  const [periods, statuses, initiatives, evidence, requests, history] = await Promise.all([
    listPeriodRows(db, [row.resolution_id]),
    listStatusRows(db, [row.id]),
    listLinkedInitiatives(db, [row.id], publicOnly),
    listEvidenceRows(db, row.id, publicOnly),
    findRequestsOnParagraph({ db, mandate: row, viewer: options.viewer }),
    findStatusHistory({ db, mandateId: row.id }),
  ]);
  return {
    ...toMandate(row, periods, statuses),
    initiatives: initiatives.map((initiative) => ({
      id: initiative.id,
      code: initiative.code,
      title: { es: initiative.title_es, en: initiative.title_en },
      status: initiative.status,
      illustrative: initiative.illustrative,
    })),
    evidence: evidence.map(
      (item): Evidence => ({
        id: item.id,
        kind: item.kind,
        target_id: item.target_id,
        label:
          item.initiative_code ??
          item.conference_code ??
          (item.request_initiative_code && item.request_body_code
            ? `${item.request_body_code} → ${item.request_initiative_code}: ${item.request_what}`
            : null) ??
          (item.flow_type
            ? `${item.flow_type} · ${item.partner_code ?? ""}${item.flow_initiative_code ? ` → ${item.flow_initiative_code}` : ""}`
            : null) ??
          item.practice_title ??
          reportLabel(item),
        period: item.period_code,
        note: item.note,
        illustrative: item.illustrative,
        added_at: item.added_at.toISOString(),
      }),
    ),
    requests,
    history,
  };
}

/** An issued report in words: its symbol, language and format, and the day its data stood at. */
function reportLabel(item: {
  report_symbol: string | null;
  report_language: string | null;
  report_format: string | null;
  report_as_of: Date | null;
}): string | null {
  if (!item.report_symbol || !item.report_as_of) return null;
  const day = item.report_as_of.toISOString().slice(0, 10);
  return `${item.report_symbol} · ${item.report_language} · ${item.report_format} · ${day}`;
}

export async function assertMandateExists(options: {
  db: Kysely<Database>;
  id: string;
}): Promise<void> {
  if (!(await findMandateRow(options.db, options.id))) throw notFound("mandate", options.id);
}

type StatusImage = {
  period_code?: string;
  status?: StatusHistoryEntry["status"];
  note?: string | null;
  set_by_role?: string | null;
  set_by_organization_id?: string | null;
};

/** Every change of a mandate's statuses, from the audit trail, oldest first. */
export async function findStatusHistory(options: {
  db: Kysely<Database>;
  mandateId: string;
}): Promise<StatusHistoryEntry[]> {
  const rows = await listStatusAuditRows(options.db, options.mandateId);
  const images = rows.map((row) => ({
    row,
    image: (row.after ?? row.before ?? {}) as StatusImage,
  }));
  const organizationIds = [
    ...new Set(images.flatMap(({ image }) => image.set_by_organization_id ?? [])),
  ];
  const codes = new Map(
    (await findOrganizationCodes(options.db, organizationIds)).map((o) => [o.id, o.code]),
  );
  return images.map(({ row, image }) => ({
    at: new Date(row.at).toISOString(),
    action: row.action,
    period: image.period_code ?? "",
    status: row.action === "delete" ? null : (image.status ?? null),
    note: image.note ?? null,
    set_by:
      image.set_by_role || image.set_by_organization_id
        ? {
            organization: image.set_by_organization_id
              ? (codes.get(image.set_by_organization_id) ?? null)
              : null,
            role: image.set_by_role ?? null,
          }
        : null,
  }));
}

/** The mandate of a resolution's paragraph ("AG/RES. 2626 (XLI-O/11)", 7), if imported. */
export async function findMandateByParagraph(
  db: Kysely<Database>,
  symbol: string,
  paragraph: number,
): Promise<{ id: string; symbol: string; paragraph: number } | undefined> {
  const row = await findMandateRowByParagraph(db, symbol, paragraph);
  return row && { id: row.id, symbol: row.symbol, paragraph: row.paragraph };
}

export async function findParagraphsOfInitiative(options: {
  db: Kysely<Database>;
  initiativeId: string;
  publicOnly: boolean;
}): Promise<ParagraphRef[]> {
  const rows = await listParagraphsOfInitiative(
    options.db,
    options.initiativeId,
    options.publicOnly,
  );
  return rows.map((row) => ({
    mandate_id: row.id,
    symbol: row.symbol,
    paragraph: row.paragraph,
    text: { es: row.text_es, en: row.text_en },
  }));
}
