import type { Kysely } from "kysely";
import type { Role } from "../../contracts/roles.ts";
import type { Database } from "../../platform/db/schema.ts";
import { createUser } from "../accounts/index.ts";
import { publishSubmittedInitiatives } from "./demo.queries.ts";
import { DEMO_PRINCIPAL } from "./seed-initiatives.ts";

/**
 * One account per role, only ever created by the demo seed (is_demo: they may sign in
 * without a second factor). The README lists them; a database not seeded with demo data
 * never has them.
 */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  name: string;
  organization: string;
  role: Role;
  password: string;
}> = [
  {
    email: "focal.gt@demo.esca-hub.org",
    name: "Focal point, Guatemala",
    organization: "GT",
    role: "focal_point",
    password: "Quetzal-Antigua-focal-2011",
  },
  {
    email: "partner.idb@demo.esca-hub.org",
    name: "Partner officer, IDB",
    organization: "IDB",
    role: "partner",
    password: "Pledge-Washington-partner-2011",
  },
  {
    email: "secretariat@demo.esca-hub.org",
    name: "SICA Democratic Security Directorate",
    organization: "SICA-DSD",
    role: "secretariat",
    password: "Endorse-San-Salvador-2011",
  },
  {
    email: "officer.cicad@demo.esca-hub.org",
    name: "Body officer, CICAD",
    organization: "CICAD",
    role: "body_officer",
    password: "Answer-Washington-cicad-2011",
  },
  {
    email: "admin@demo.esca-hub.org",
    name: "Platform administrator",
    organization: "OAS-GS",
    role: "admin",
    password: "Operate-Guatemala-admin-2011",
  },
];

export async function seedDemoAccounts(db: Kysely<Database>): Promise<number> {
  for (const account of DEMO_ACCOUNTS) {
    await createUser({ db, input: account, principal: DEMO_PRINCIPAL, isDemo: true });
  }
  return DEMO_ACCOUNTS.length;
}

/** The demo's portfolio is public from submission on, as the secretariat would publish it. */
export function publishDemoPortfolio(db: Kysely<Database>): Promise<number> {
  return publishSubmittedInitiatives(db);
}
