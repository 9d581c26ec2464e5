import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** One statement on the server at `url`, its rows. */
export async function queryAt(url: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Why a streaming replica cannot be built here, or null when it can. */
export function replicaUnavailable(serverUrl: string | undefined): string | null {
  if (!serverUrl) return "it needs PostgreSQL (ESCA_TEST_DATABASE_URL)";
  const host = new URL(serverUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost")
    return `the PostgreSQL server is not on loopback (${host})`;
  if (process.getuid?.() !== 0) return "it runs the replica as the postgres OS user (needs root)";
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    return "there is no postgres OS user";
  }
  return null;
}

export interface ReplicaCluster {
  /** The replica's address for `database` (same user as the primary's URL). */
  url(database: string): string;
  port: number;
  /** A statement on the replica (e.g. select pg_wal_replay_pause()). */
  query(text: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

const STANDBY_MINIMUMS = [
  "max_connections",
  "max_worker_processes",
  "max_wal_senders",
  "max_prepared_transactions",
  "max_locks_per_transaction",
];

const HBA_LINE = "host replication all 127.0.0.1/32 trust # esca-hub replica test";

/**
 * A second PostgreSQL cluster on loopback, a streaming replica of the server at `serverUrl`:
 * `pg_basebackup -R` into a temporary folder, started with `pg_ctl` as the postgres OS user on
 * a free port. When the primary's pg_hba.conf allows no replication connection from loopback,
 * a line allowing it is added for the test and removed at `stop()`.
 */
export async function startReplica(serverUrl: string): Promise<ReplicaCluster> {
  const admin = new URL(serverUrl);
  const version = String(
    (await queryAt(serverUrl, "select current_setting('server_version_num') as v"))[0]?.v,
  );
  const bin = `/usr/lib/postgresql/${Math.floor(Number(version) / 10000)}/bin`;
  if (!existsSync(join(bin, "pg_basebackup")))
    throw new Error(`no pg_basebackup in ${bin}: install the PostgreSQL server package`);
  const hbaFile = String((await queryAt(serverUrl, "show hba_file"))[0]?.hba_file);
  // A standby needs at least the primary's values of these.
  const [limits = {}] = await queryAt(
    serverUrl,
    `select ${STANDBY_MINIMUMS.map((name) => `current_setting('${name}') as ${name}`).join(", ")}`,
  );
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  const asPostgres = (command: string, args: string[]) =>
    execFileSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });

  // Not under the test run's own temporary folder, which the postgres user cannot enter.
  const folder = mkdtempSync(join(existsSync("/tmp") ? "/tmp" : tmpdir(), "esca-replica-"));
  chownSync(folder, uid, gid);
  const dataDir = join(folder, "data");
  const port = await freePort();
  let hbaAdded = false;
  let started = false;
  const cleanUp = async () => {
    if (started) {
      try {
        asPostgres("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
    }
    if (hbaAdded) {
      const lines = readFileSync(hbaFile, "utf8").split("\n");
      writeFileSync(hbaFile, lines.filter((line) => line !== HBA_LINE).join("\n"));
      await queryAt(serverUrl, "select pg_reload_conf()");
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const backup = () =>
      asPostgres("pg_basebackup", [
        "-h",
        admin.hostname,
        "-p",
        admin.port || "5432",
        "-U",
        decodeURIComponent(admin.username || "postgres"),
        "-D",
        dataDir,
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
      ]);
    try {
      backup();
    } catch (error) {
      const said = String((error as { stderr?: Buffer }).stderr ?? error);
      if (!/pg_hba\.conf/.test(said)) throw new Error(`pg_basebackup: ${said}`);
      writeFileSync(hbaFile, `${readFileSync(hbaFile, "utf8").replace(/\n?$/, "\n")}${HBA_LINE}\n`);
      hbaAdded = true;
      await queryAt(serverUrl, "select pg_reload_conf()");
      rmSync(dataDir, { recursive: true, force: true });
      backup();
    }
    // A Debian cluster keeps its configuration in /etc: the copy gets its own, minimal one.
    writeFileSync(
      join(dataDir, "postgresql.conf"),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${folder}'`,
        "hot_standby = on",
        ...STANDBY_MINIMUMS.map((name) => `${name} = ${Number(limits[name])}`),
        "shared_buffers = 32MB",
        "fsync = off",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(dataDir, "pg_hba.conf"),
      "local all all trust\nhost all all 127.0.0.1/32 trust\n",
    );
    writeFileSync(join(dataDir, "pg_ident.conf"), "");
    for (const name of ["postgresql.conf", "pg_hba.conf", "pg_ident.conf"])
      chownSync(join(dataDir, name), uid, gid);
    started = true;
    asPostgres("pg_ctl", ["-D", dataDir, "-l", join(folder, "log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = existsSync(join(folder, "log")) ? readFileSync(join(folder, "log"), "utf8") : "";
    await cleanUp();
    throw new Error(`${String(error)}\n${log.slice(-2000)}`);
  }
  const url = (database: string) => {
    const replica = new URL(serverUrl);
    replica.hostname = "127.0.0.1";
    replica.port = String(port);
    replica.pathname = `/${database}`;
    return replica.toString();
  };
  return {
    url,
    port,
    query: (text) => queryAt(url("postgres"), text),
    stop: cleanUp,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
