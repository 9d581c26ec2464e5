import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../../platform/errors.ts";
import { anonymous } from "../../platform/principal.ts";
import { findInitiativeView } from "../initiatives/index.ts";
import { getMandate } from "../mandates/index.ts";
import { findComponentRow } from "../strategy/index.ts";
import type { PracticeParts } from "./practices.queries.ts";
import type { PracticeInput } from "./practices.schema.ts";
import { unsafeLinks } from "./render-markdown.ts";

/**
 * What the form sent, checked against the records it names: every problem at once, each
 * under its field ("components.1", "initiatives.0", "body"), and nothing written.
 */
export async function resolvePracticeInput(
  db: Kysely<Database>,
  input: PracticeInput,
): Promise<{ values: PracticeValues; parts: PracticeParts }> {
  const details: ErrorDetail[] = [];
  for (const link of unsafeLinks(input.body))
    details.push({
      path: "body",
      message: `line ${link.line}: the link "${link.url}" is not allowed; use an address starting with https://`,
      rule: { code: "unsafe_link", line: link.line, url: link.url },
    });
  const componentIds: string[] = [];
  for (const [index, code] of input.components.entries()) {
    const row = await findComponentRow(db, code);
    if (row) componentIds.push(row.id);
    else
      details.push({
        path: `components.${index}`,
        message: `no component with code "${code}"`,
        rule: { code: "unknown_component", value: code },
      });
  }
  const initiativeIds: string[] = [];
  for (const [index, ref] of input.initiatives.entries()) {
    const row = await findInitiativeView(db, ref);
    if (row) initiativeIds.push(row.id);
    else
      details.push({
        path: `initiatives.${index}`,
        message: `no initiative with code or id "${ref}"`,
        rule: { code: "unknown_initiative", value: ref },
      });
  }
  for (const [index, id] of input.mandates.entries()) {
    const found = await getMandate({ db, id, publicOnly: true, viewer: anonymous }).then(
      () => true,
      () => false,
    );
    if (!found)
      details.push({
        path: `mandates.${index}`,
        message: `no mandate with id "${id}"`,
        rule: { code: "unknown_mandate", value: id },
      });
  }
  if (details.length > 0)
    throw new AppError(
      "validation_failed",
      details.map((d) => `${d.path}: ${d.message}`).join("; "),
      { details },
    );
  return {
    values: {
      slug: input.slug,
      title: input.title,
      summary: input.summary,
      body: input.body,
      language: input.language,
      source_kind: input.source.kind,
      source_name: input.source.name,
      source_citation: input.source.citation,
      source_url: input.source.url ?? null,
    },
    parts: {
      countries: [...new Set(input.countries)],
      componentIds: [...new Set(componentIds)],
      initiativeIds: [...new Set(initiativeIds)],
      mandateIds: [...new Set(input.mandates)],
      documents: input.documents,
    },
  };
}

export interface PracticeValues {
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: "es" | "en";
  source_kind: "mechanism" | "state";
  source_name: string;
  source_citation: string;
  source_url: string | null;
}
