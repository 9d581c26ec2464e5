import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, translateDatabaseError } from "../../platform/errors.ts";
import { runWithContext, systemContext } from "../../platform/request-context.ts";
import { isDatabaseEmpty } from "./is-database-empty.ts";
import { type DemoDataset, loadDemoDataset } from "./load-dataset.ts";
import { publishDemoPortfolio, seedDemoAccounts } from "./seed-accounts.ts";
import { seedConferenceRecord } from "./seed-conferences.ts";
import { emptyFlowCounts, isExecutionFlow, recordDemoFlows } from "./seed-flows.ts";
import { advanceInitiatives, createDemoInitiatives } from "./seed-initiatives.ts";
import { seedDemoMandates } from "./seed-mandates.ts";
import { seedOasBodies } from "./seed-oas-bodies.ts";
import { seedDemoPractices } from "./seed-practices.ts";
import { seedReferenceData } from "./seed-reference-data.ts";
import { seedDemoResults } from "./seed-results.ts";

/** How many records of each kind the demo seed wrote: flat counts, easy to print. */
export interface DemoSummary {
  organizations: number;
  exchange_rates: number;
  components: number;
  lines_of_action: number;
  conferences: number;
  conference_parts: number;
  indicators: number;
  observations: number;
  initiatives: number;
  transitions: number;
  offers: number;
  pledges: number;
  commitments: number;
  disbursements: number;
  reversals: number;
  published: number;
  oas_bodies: number;
  support_requests: number;
  accounts: number;
  mandates: number;
  mandate_statuses: number;
  results_indicators: number;
  results_actuals: number;
  practices: number;
}

/**
 * Loads the demo dataset (src/modules/demo/dataset/) into the database: the 2011 conference,
 * member states and partners, the strategy, 22 initiatives walked through their lifecycle,
 * the announced pledges, illustrative commitments, disbursements and a reversal, exchange
 * rates and homicide rates.
 *
 * Everything goes through the modules' own use cases, so demo records meet the rules user
 * input meets, and all of it in one transaction: a failure leaves the database as it was.
 * A database that already holds organizations is refused unless `force` is given, so demo
 * records are never mixed silently into real ones.
 *
 * Order matters: commitments are recorded while initiatives seek funding, then initiatives
 * start execution (passing the secured-funding rule or recording the dataset's override),
 * then disbursements and corrections are recorded, and finished initiatives are completed.
 */
export async function seedDemo(options: {
  db: Kysely<Database>;
  force?: boolean;
}): Promise<DemoSummary> {
  // Read and check every file first: a broken dataset never opens a transaction.
  const data = loadDemoDataset();
  try {
    // Every row the demo writes is attributed to "demo-seed" in the audit trail.
    return await runWithContext(systemContext("demo-seed"), () =>
      writeDataset(options.db, data, options.force ?? false),
    );
  } catch (error) {
    // A clash with existing records (e.g. a forced seed) reads as a conflict, not as SQL.
    throw translateDatabaseError(error);
  }
}

function writeDataset(
  handle: Kysely<Database>,
  data: DemoDataset,
  force: boolean,
): Promise<DemoSummary> {
  return inTransaction(handle, async (db) => {
    if (!force && !(await isDatabaseEmpty(db))) {
      throw new AppError(
        "conflict",
        "The database already holds organizations: demo data is loaded only into an empty database, unless forced.",
      );
    }
    const seededRefs = await seedReferenceData(db, data);
    const conferenceRecord = await seedConferenceRecord({
      db,
      record: data.conferenceRecord,
      conferenceId: seededRefs.conferenceId,
      organizationIds: seededRefs.organizationIds,
    });
    const refs = { ...seededRefs, conferenceSessionIds: conferenceRecord.sessionIds };
    const initiatives = await createDemoInitiatives(db, data.initiatives, refs);
    let transitions = await advanceInitiatives(db, initiatives, "seeking_funding");

    const flows = emptyFlowCounts();
    const flowIds = new Map<string, string>();
    const record = (subset: typeof data.flows) =>
      recordDemoFlows({ db, flows: subset, refs, initiatives, flowIds, counts: flows });
    await record(data.flows.filter((flow) => !isExecutionFlow(flow)));
    transitions += await advanceInitiatives(db, initiatives, "in_execution");
    await record(data.flows.filter(isExecutionFlow));
    transitions += await advanceInitiatives(db, initiatives, "completed");
    const published = await publishDemoPortfolio(db);
    const results = await seedDemoResults(db);
    const directory = await seedOasBodies(db);
    const accounts = await seedDemoAccounts(db);
    const mandates = await seedDemoMandates({
      db,
      initiativeIds: new Map([...initiatives].map(([code, seeded]) => [code, seeded.id])),
      conferenceIds: new Map([[data.conference.code, refs.conferenceId]]),
    });
    const practices = await seedDemoPractices(db);

    return {
      organizations: refs.counts.organizations,
      exchange_rates: refs.counts.exchange_rates,
      components: refs.counts.components,
      lines_of_action: refs.counts.lines_of_action,
      conferences: refs.counts.conferences,
      conference_parts: conferenceRecord.parts,
      indicators: refs.counts.indicators,
      observations: refs.counts.observations,
      initiatives: initiatives.size,
      transitions,
      offers: flows.offer,
      pledges: flows.pledge,
      commitments: flows.commitment,
      disbursements: flows.disbursement,
      reversals: flows.reversal,
      published,
      oas_bodies: directory.bodies,
      support_requests: directory.requests,
      accounts,
      ...mandates,
      ...results,
      practices,
    };
  });
}
