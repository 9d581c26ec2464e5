import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { visibilityFor } from "../initiatives/index.ts";
import {
  findComponents,
  findConferenceSessions,
  findConferences,
  findInitiativeLinks,
  findPartners,
  findPriorFlows,
} from "./flow-links.queries.ts";
import type { RecordFlowInput } from "./flows.schema.ts";
import { canReadFlow, canReadInitiative } from "./funding.policy.ts";

/**
 * Well-formed input that points at the wrong record: 422 naming the field, with the rule it
 * breaks where the web words it in the reader's language.
 */
const refused = (path: string, message: string, rule?: ErrorDetail["rule"]) =>
  new AppError("unprocessable", `${path}: ${message}`, {
    details: [{ path, message, ...(rule && { rule }) }],
  });

export interface FlowLinks {
  initiativeId: string | null;
  /**
   * The initiative's component, or the one given for support to no initiative; null for a
   * region-wide announcement no partner allocated (it stays unallocated, never spread by us).
   */
  componentId: string | null;
}

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

/**
 * The records some entries point at, by id; an id that is absent names no record the writer
 * may read (a draft initiative of another country, another partner's entry on it).
 */
export interface LinkedRecords {
  partners: Map<string, Rows<typeof findPartners>>;
  initiatives: Map<string, Rows<typeof findInitiativeLinks>>;
  components: Map<string, Rows<typeof findComponents>>;
  conferences: Map<string, Rows<typeof findConferences>>;
  conferenceSessions: Map<string, Rows<typeof findConferenceSessions>>;
  priorFlows: Map<string, Rows<typeof findPriorFlows>>;
}

/**
 * Checks every record a new entry points at and settles its component: support to an
 * initiative counts towards that initiative's component, so a different component_id is a
 * contradiction rather than something to pick between.
 */
export async function resolveFlowLinks(
  db: Kysely<Database>,
  input: RecordFlowInput,
  writer: Principal,
): Promise<FlowLinks> {
  return settleFlowLinks(input, await findLinkedRecords(db, [input], writer));
}

/**
 * What `inputs` point at and `writer` may read, one query per kind of record for all of them.
 * The rest is left out, so that it is refused word for word as an id that names nothing.
 */
export async function findLinkedRecords(
  db: Kysely<Database>,
  inputs: readonly RecordFlowInput[],
  writer: Principal,
): Promise<LinkedRecords> {
  const ids = (pick: (input: RecordFlowInput) => string | null | undefined) => [
    ...new Set(inputs.map(pick).filter((id): id is string => Boolean(id))),
  ];
  const byId = async <T extends { id: string }>(
    wanted: string[],
    find: (db: Kysely<Database>, ids: string[]) => Promise<T[]>,
    readable: (row: T) => boolean = () => true,
  ) =>
    new Map(
      (wanted.length ? await find(db, wanted) : []).filter(readable).map((row) => [row.id, row]),
    );
  const visibility = visibilityFor(writer);
  return {
    partners: await byId(
      ids((i) => i.partner_id),
      findPartners,
    ),
    initiatives: await byId(
      ids((i) => i.initiative_id),
      findInitiativeLinks,
      (initiative) => canReadInitiative(visibility, initiative),
    ),
    // A component is looked up only for unallocated support, as the rules below read it.
    components: await byId(
      ids((i) => (i.initiative_id ? null : i.component_id)),
      findComponents,
    ),
    conferences: await byId(
      ids((i) => i.conference_id),
      findConferences,
    ),
    conferenceSessions: await byId(
      ids((i) => i.conference_session_id),
      findConferenceSessions,
    ),
    priorFlows: await byId(
      [...new Set([...ids((i) => i.pledge_id), ...ids((i) => i.commitment_id)])],
      findPriorFlows,
      (prior) =>
        canReadFlow(writer, {
          partner_id: prior.partner_id,
          initiative:
            prior.initiative_lead_country === null
              ? null
              : {
                  published_at: prior.initiative_published_at,
                  lead_country: prior.initiative_lead_country,
                },
        }),
    ),
  };
}

/** The rules of resolveFlowLinks on records already looked up: throws the first refusal. */
export function settleFlowLinks(input: RecordFlowInput, records: LinkedRecords): FlowLinks {
  const partner = records.partners.get(input.partner_id);
  if (!partner) throw refused("partner_id", "no organization has this id");
  if (partner.kind === "member_state") {
    throw refused(
      "partner_id",
      `${partner.code} is a member state; support is recorded under the partner that gives it`,
    );
  }

  let initiativeId: string | null = null;
  let componentId: string | null = null;
  if (input.initiative_id) {
    const initiative = records.initiatives.get(input.initiative_id);
    if (!initiative) throw refused("initiative_id", "no initiative has this id");
    if (input.component_id && input.component_id !== initiative.component_id) {
      throw refused(
        "component_id",
        `differs from the component of initiative ${initiative.code} (${initiative.component_id}); leave it out`,
      );
    }
    initiativeId = initiative.id;
    componentId = initiative.component_id;
  } else if (input.component_id) {
    const component = records.components.get(input.component_id);
    if (!component) throw refused("component_id", "no strategy component has this id");
    componentId = component.id;
  }

  if (input.pledge_id) {
    checkPrior(records, input.pledge_id, pledgeRules, input.partner_id, initiativeId);
  }
  if (input.commitment_id) {
    checkPrior(records, input.commitment_id, commitmentRules, input.partner_id, initiativeId);
  }
  if (input.conference_id && !records.conferences.has(input.conference_id)) {
    throw refused("conference_id", "no conference has this id");
  }
  if (input.conference_session_id) {
    const session = records.conferenceSessions.get(input.conference_session_id);
    if (!session) throw refused("conference_session_id", "no conference session has this id");
    if (session.conference_id !== input.conference_id) {
      const conference = input.conference_id && records.conferences.get(input.conference_id);
      throw refused(
        "conference_session_id",
        `this session belongs to another conference than ${conference ? conference.code : "the one given"}`,
      );
    }
  }
  return { initiativeId, componentId };
}

/**
 * What an earlier entry must be for a new one to build on it, and the rule each refusal names
 * (one catalog sentence per rule and kind, so the reader is told which link is wrong).
 */
interface PriorRules {
  path: "pledge_id" | "commitment_id";
  flowType: "pledge" | "commitment";
  /** A pledge may be announced to no initiative and committed to one; a commitment may not. */
  unallocatedFits: boolean;
  missing: ErrorDetail["rule"];
  reversed: ErrorDetail["rule"];
  otherPartner: ErrorDetail["rule"];
  /** The earlier entry's initiative (its code), or null when it is for none. */
  otherInitiative: (initiative: string | null) => ErrorDetail["rule"];
}

const pledgeRules: PriorRules = {
  path: "pledge_id",
  flowType: "pledge",
  unallocatedFits: true,
  missing: { code: "pledge_not_found" },
  reversed: { code: "pledge_reversed" },
  otherPartner: { code: "pledge_other_partner" },
  // A pledge to no initiative fits any (unallocatedFits), so it always names one here.
  otherInitiative: (initiative) => ({
    code: "pledge_other_initiative",
    initiative: initiative ?? "",
  }),
};

const commitmentRules: PriorRules = {
  path: "commitment_id",
  flowType: "commitment",
  unallocatedFits: false,
  missing: { code: "commitment_not_found" },
  reversed: { code: "commitment_reversed" },
  otherPartner: { code: "commitment_other_partner" },
  otherInitiative: (initiative) =>
    initiative === null
      ? { code: "commitment_unallocated" }
      : { code: "commitment_other_initiative", initiative },
};

/**
 * A commitment fulfils a pledge of the same partner, announced to the same initiative or to
 * none (a region-wide or component pledge committed initiative by initiative); a
 * disbursement pays a commitment of the same partner and the same initiative (or, for
 * support to no initiative, a commitment to none).
 *
 * Worked example: the USA pledged 300 million region-wide (no initiative); its commitments
 * to AD1 and CA1 both fulfil that pledge. A disbursement to CA1 pays the CA1 commitment,
 * never the AD1 one: refused under commitment_id, naming AD1.
 */
function checkPrior(
  records: LinkedRecords,
  id: string,
  rules: PriorRules,
  partnerId: string,
  initiativeId: string | null,
) {
  const { path, flowType } = rules;
  const prior = records.priorFlows.get(id);
  if (!prior || prior.flow_type !== flowType || prior.reverses_id) {
    throw refused(path, `no ${flowType} has this id`, rules.missing);
  }
  if (prior.reversed_by) {
    throw refused(path, `this ${flowType} was reversed (by ${prior.reversed_by})`, rules.reversed);
  }
  if (prior.partner_id !== partnerId) {
    throw refused(path, `this ${flowType} belongs to another partner`, rules.otherPartner);
  }
  if (prior.initiative_id === initiativeId) return;
  if (prior.initiative_id === null && rules.unallocatedFits) return;
  const rule = rules.otherInitiative(prior.initiative_code);
  throw refused(
    path,
    prior.initiative_code === null
      ? `this ${flowType} is for no initiative, this entry is for one`
      : `this ${flowType} is for initiative ${prior.initiative_code}, not this entry's`,
    rule,
  );
}
