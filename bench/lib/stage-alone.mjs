#!/usr/bin/env node
// What the IATI upload cannot beat on one core: the importer's staging of FILE (read, checked,
// parsed and turned into COPY rows, in this thread) with nothing written anywhere. The rates
// and links it converts and matches with come from an in-memory database holding the same
// world as the upload's (a component, an initiative, EUR rates), read before the clock starts.
// Warmed up as the server's staging thread is. Prints {"seconds":…,"batches":…}; a process
// of its own each run, as the tokenize's.
//   node bench/lib/stage-alone.mjs FILE
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { argv } from "node:process";
import { register } from "tsx/esm/api";

register();
const { openEmbedded } = await import("../../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../../src/platform/db/migrate.ts");
const { setUpIatiWorld } = await import("../../src/modules/iati/iati-xml.fixtures.ts");
const { loadRateRows } = await import("../../src/modules/iati/stage/publications.queries.ts");
const { loadMatcherRows } = await import("../../src/modules/iati/links/links.queries.ts");
const { stageIatiFile } = await import("../../src/modules/iati/stage/stage-file.ts");
const { loadIatiSettings } = await import("../../src/modules/iati/iati-settings.ts");
const { warmUpDocument } = await import("../../src/modules/iati/stage/warm-up-document.ts");

const handle = await openEmbedded();
await migrateToLatest(handle.db);
await setUpIatiWorld(handle.db);
const setup = {
  rates: await loadRateRows(handle.db),
  matcher: await loadMatcherRows(handle.db, loadIatiSettings({}).reportingOrg.ref),
  today: new Date().toISOString().slice(0, 10),
  publicationId: randomUUID(),
};
await handle.close();

// Warmed up first, as the server's staging thread is (warmStagingThread): the small generated
// document staged once, so that the file is staged by compiled code from its first byte.
const warmUp = join(mkdtempSync(join(tmpdir(), "esca-stage-alone-")), "warm-up.xml");
const document = warmUpDocument();
writeFileSync(warmUp, document.xml);
for await (const _ of stageIatiFile({ path: warmUp }, { ...setup, rates: document.rates }));
rmSync(dirname(warmUp), { recursive: true, force: true });

const started = process.hrtime.bigint();
let batches = 0;
for await (const event of stageIatiFile({ path: argv[2] }, setup))
  if (event.kind === "rows") batches++;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, batches }));
