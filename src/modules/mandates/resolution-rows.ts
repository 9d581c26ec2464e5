import type { ResolutionFile } from "./resolution-file.ts";

/** A resolution file's values as the columns of its rows, for an import and a replacement. */
export const resolutionValues = (file: ResolutionFile) => ({
  title_es: file.title.es,
  title_en: file.title.en,
  adopted_on: file.adopted_on,
  session_es: file.session.es,
  session_en: file.session.en,
  source: file.source ?? null,
});

export const periodValues = (resolutionId: string, file: ResolutionFile) =>
  file.reporting_periods.map((period) => ({
    resolution_id: resolutionId,
    code: period.code,
    label_es: period.label.es,
    label_en: period.label.en,
    starts_on: period.starts_on,
    ends_on: period.ends_on,
  }));

export const mandateValues = (paragraph: ResolutionFile["paragraphs"][number]) => ({
  text_en: paragraph.text.en,
  text_es: paragraph.text.es,
  addressees: JSON.stringify(paragraph.addressees),
  reporting_body: paragraph.reporting_body,
  due_session_es: paragraph.due_session.es,
  due_session_en: paragraph.due_session.en,
  due_on: paragraph.due_on,
});
