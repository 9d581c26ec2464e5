import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import {
  compareSchemas,
  type DatabaseColumn,
  readDatabaseSchema,
  readDeclaredSchema,
  schemaPath,
} from "../../../test/support/schema-drift.ts";
import { initiativeStatuses, organizationKinds, rateBases } from "../../contracts/enums.ts";
import { roles } from "../../contracts/roles.ts";
import type { DatabaseHandle } from "./connect.ts";

/**
 * schema.ts is written by hand; the migrations are the schema. This compares the two on a
 * freshly migrated database (PGlite, or PostgreSQL with ESCA_TEST_DATABASE_URL): every table,
 * column, nullability, what a column decodes to, and for a column whose CHECK lists its
 * values, the members of its union type.
 */
describe(`schema.ts and the migrated database (${testBackend})`, () => {
  let handle: DatabaseHandle;
  let database: Map<string, Map<string, DatabaseColumn>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await readDatabaseSchema(handle.db);
  });
  afterAll(async () => handle.close());

  it("describe the same tables, columns, nullability, types and listed values", () => {
    const declared = readDeclaredSchema();
    expect(compareSchemas(declared, database)).toEqual([]);
    // Both sides were read, not two empty maps agreeing.
    expect(declared.size).toBeGreaterThanOrEqual(27);
    expect([...declared.keys()].sort()).toEqual([...database.keys()].sort());
    expect(declared.get("users")?.get("role")?.values).toEqual([...roles].sort());
    expect(database.get("users")?.get("role")?.values).toEqual([...roles].sort());
    expect(database.get("organizations")?.get("kind")?.values).toEqual(
      [...organizationKinds].sort(),
    );
    expect(database.get("exchange_rates")?.get("basis")?.values).toEqual([...rateBases].sort());
    expect(database.get("initiative_transitions")?.get("from_status")).toEqual({
      dataType: "text",
      nullable: true,
      values: [...initiativeStatuses].sort(),
    });
  });

  it("names the table and column of each difference", () => {
    const source = readFileSync(schemaPath, "utf8");
    const drifted = [
      ["  acronym: string | null;\n", "  acronym: string;\n"],
      ["  website: string | null;\n", ""],
      ["  kind: OrganizationKind;\n", '  kind: "member_state" | "oas_body";\n'],
      ["  user_agent: string | null;\n", "  user_agent: string | null;\n  device: string;\n"],
      ["  year: number;\n  value: string;\n", "  year: bigint;\n  value: string;\n"],
      ["  flow_type: FlowType;\n", "  flow_type: string;\n"],
      ["  totp_used_steps: TotpUsedStepsTable;\n", ""],
    ].reduce((text, [from = "", to = ""]) => {
      expect(text).toContain(from);
      return text.replace(from, to);
    }, source);
    expect(compareSchemas(readDeclaredSchema(drifted), database).sort()).toEqual(
      [
        "organizations.acronym: the database allows null, schema.ts does not say so",
        "organizations.website: a column of the database, missing from schema.ts",
        "organizations.kind: schema.ts allows 'member_state', 'oas_body', the database's CHECK allows 'civil_society', 'international_org', 'member_state', 'oas_body', 'partner_government', 'sica_body'",
        "sessions.device: a column of schema.ts, missing from the database",
        "indicator_observations.year: schema.ts reads bigint, the database's integer reads number",
        "support_flows.flow_type: the database allows only 'commitment', 'disbursement', 'offer', 'pledge', schema.ts types it as any string",
        "totp_used_steps: a table of the database, missing from schema.ts",
      ].sort(),
    );
  });
});
