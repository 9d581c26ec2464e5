// A scratch database on a PostgreSQL server for one bench run: created under a fresh name,
// dropped when the run is done — also when it is interrupted (Ctrl-C, SIGTERM). A bench never
// writes into the database its --url names: that may be one somebody uses.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Runs statements, one after the other, on one connection to the server at `serverUrl`. */
export async function adminQuery(serverUrl, ...texts) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const text of texts) await client.query(text);
  } finally {
    await client.end();
  }
}

/** Scratch databases not dropped yet, by name, with the server each lives on. */
const live = new Map();
let hooked = false;

function dropOnSignal() {
  if (hooked) return;
  hooked = true;
  for (const signal of ["SIGINT", "SIGTERM"])
    process.once(signal, async () => {
      for (const [name, serverUrl] of live)
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`).catch(() => {});
      process.exit(130);
    });
}

/**
 * A new empty database `<prefix>_<random>` on the server of `serverUrl`: its name, its URL
 * (the server's, with the database's name) and drop().
 */
export async function createScratchDatabase(serverUrl, prefix) {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  dropOnSignal();
  await adminQuery(serverUrl, `create database ${name}`);
  live.set(name, serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      live.delete(name);
    },
  };
}
