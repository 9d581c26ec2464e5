import type { ReportFormat, ReportLanguage } from "../../contracts/reports.ts";
import type { FundingMeasures, FundingSummary } from "../funding/index.ts";

export type { ReportFormat, ReportLanguage };
export interface Names {
  es: string | null;
  en: string | null;
}

/**
 * Every figure a report shows, gathered once (gather-figures.ts) and stored with the report as
 * JSON; each renderer only lays it out. Money is the roll-up's own USD decimal strings.
 */
export interface ReportFigures {
  version: 1;
  /** The instant the data stood at (ISO 8601, UTC): only what was recorded by then counts. */
  as_of: string;
  /** The OAS document symbol, e.g. "OEA/Ser.G CP/doc. 3/26"; shared by every version of an as-of. */
  symbol: string;
  /** The language the first version of this as-of was issued in. */
  original_language: ReportLanguage;
  resolution: { symbol: string; title: Names; adopted_on: string } | null;
  funding: {
    total: FundingMeasures;
    by_component: FundingSummary;
    by_country: FundingSummary;
    by_partner: FundingSummary;
  };
  mandates: ReportMandate[];
  indicators: ReportIndicator[];
  initiatives: ReportInitiative[];
  provenance: {
    flows: number;
    illustrative_flows: number;
    initiatives: number;
    illustrative_initiatives: number;
    flow_sources: string[];
  };
}

export interface ReportMandate {
  paragraph: number;
  text: Names;
  text_es_official: boolean;
  statuses: Array<{
    period: string;
    period_label: Names;
    status: string;
    note: string | null;
    illustrative: boolean;
  }>;
  evidence: Array<{
    kind: string;
    label: string | null;
    period: string | null;
    note: string | null;
  }>;
  initiatives: Array<{ code: string; title: Names }>;
}

export interface ReportIndicator {
  code: string;
  name: Names;
  unit: string;
  years: number[];
  /** One series per country: its value for each of `years` (null where none was recorded). */
  series: Array<{ country: string; values: Array<string | null> }>;
  sources: string[];
}

export interface ReportInitiative {
  code: string;
  title: Names;
  component: string;
  lead_country: string;
  status: string;
  illustrative: boolean;
  source: string | null;
  measures: FundingMeasures;
}
