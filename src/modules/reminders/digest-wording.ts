import type { Language } from "../../contracts/enum-values.ts";
import type { ReminderRule } from "../../contracts/reminders.ts";

/** The digest's words, in the languages ESCA Hub speaks (the web's catalogs are the web's). */
export const digestWording: Record<
  Language,
  {
    rules: Record<ReminderRule, string>;
    subject: (count: number, fresh: number) => string;
    greeting: (name: string) => string;
    intro: (count: number, asOf: string) => string;
    newMark: string;
    since: (date: string, days: number) => string;
    fix: string;
    inbox: string;
    footer: string;
  }
> = {
  en: {
    rules: {
      pledge_not_committed: "Pledge not yet committed",
      commitment_not_disbursed: "Commitment with no disbursement",
      over_disbursement_pending: "Disbursement above commitment awaiting approval",
      result_not_reported: "Initiative in execution without a result for the year",
      mandate_status_missing: "Mandate without a status for the period",
      source_missing: "Record without a source",
      rate_missing: "Flows blocked by a missing exchange rate",
    },
    subject: (count, fresh) =>
      `ESCA Hub: ${count} open item${count === 1 ? "" : "s"} (${fresh} new)`,
    greeting: (name) => `Dear ${name},`,
    intro: (count, asOf) =>
      `As of ${asOf}, ${count} item${count === 1 ? " is" : "s are"} waiting for your organization in ESCA Hub. Each closes by itself once its record is fixed.`,
    newMark: "NEW",
    since: (date, days) => `due since ${date} (${days} day${days === 1 ? "" : "s"})`,
    fix: "Fix it",
    inbox: "Open your inbox",
    footer:
      "You receive this digest because you have an ESCA Hub account. Change its language on your account page.",
  },
  es: {
    rules: {
      pledge_not_committed: "Promesa aún no comprometida",
      commitment_not_disbursed: "Compromiso sin desembolso",
      over_disbursement_pending: "Desembolso por encima del compromiso pendiente de aprobación",
      result_not_reported: "Iniciativa en ejecución sin resultado del año",
      mandate_status_missing: "Mandato sin estado para el período",
      source_missing: "Registro sin fuente",
      rate_missing: "Flujos bloqueados por falta de tipo de cambio",
    },
    subject: (count, fresh) =>
      `ESCA Hub: ${count} asunto${count === 1 ? "" : "s"} pendiente${count === 1 ? "" : "s"} (${fresh} nuevo${fresh === 1 ? "" : "s"})`,
    greeting: (name) => `Estimado/a ${name}:`,
    intro: (count, asOf) =>
      `Al ${asOf}, ${count === 1 ? "un asunto espera" : `${count} asuntos esperan`} a su organización en ESCA Hub. Cada uno se cierra solo cuando se corrige su registro.`,
    newMark: "NUEVO",
    since: (date, days) => `pendiente desde el ${date} (${days} día${days === 1 ? "" : "s"})`,
    fix: "Corregir",
    inbox: "Abrir su bandeja",
    footer:
      "Recibe este resumen porque tiene una cuenta en ESCA Hub. Cambie su idioma en la página de su cuenta.",
  },
};
