import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { createConference } from "../conferences/index.ts";
import { upsertExchangeRates } from "../exchange-rates/index.ts";
import { createIndicator, recordObservation } from "../indicators/index.ts";
import { createOrganization } from "../organizations/index.ts";
import { createComponent, createLineOfAction } from "../strategy/index.ts";
import type { DemoDataset } from "./load-dataset.ts";
import { DEMO_PRINCIPAL } from "./seed-initiatives.ts";

/** Ids of what was written, by the codes the dataset files use. */
export interface SeededReferences {
  organizationIds: Map<string, string>;
  componentIds: Map<string, string>;
  conferenceId: string;
  /** The conference's sessions by the dataset's keys (seed-conferences.ts). */
  conferenceSessionIds?: Map<string, string>;
  counts: {
    exchange_rates: number;
    organizations: number;
    components: number;
    lines_of_action: number;
    conferences: number;
    indicators: number;
    observations: number;
  };
}

/**
 * Writes everything the initiatives and the ledger point at: exchange rates, organizations,
 * the strategy tree, the conference and the indicators with their observations. `db` is the
 * seed's transaction.
 */
export async function seedReferenceData(
  db: Kysely<Database>,
  data: DemoDataset,
): Promise<SeededReferences> {
  const rates = await upsertExchangeRates({ db, rates: data.exchangeRates });

  const organizationIds = new Map<string, string>();
  for (const { source: _source, ...input } of data.organizations) {
    const organization = await createOrganization({ db, input });
    organizationIds.set(organization.code, organization.id);
  }

  const componentIds = new Map<string, string>();
  let linesOfAction = 0;
  for (const { lines, ...component } of data.components) {
    const created = await createComponent({ db, input: component });
    componentIds.set(created.code, created.id);
    for (const line of lines) {
      await createLineOfAction({
        db,
        input: { code: line.code, component: created.code, name: line.name },
      });
      linesOfAction += 1;
    }
  }

  const conference = await createConference({ db, input: data.conference });

  let observations = 0;
  for (const { observations: values, ...indicator } of data.indicators) {
    const created = await createIndicator({ db, input: indicator });
    for (const input of values) {
      await recordObservation({
        db,
        indicatorIdOrCode: created.code,
        input: { ...input, sex: "total" },
        principal: DEMO_PRINCIPAL,
      });
      observations += 1;
    }
  }

  return {
    organizationIds,
    componentIds,
    conferenceId: conference.id,
    counts: {
      exchange_rates: rates.imported,
      organizations: organizationIds.size,
      components: componentIds.size,
      lines_of_action: linesOfAction,
      conferences: 1,
      indicators: data.indicators.length,
      observations,
    },
  };
}
