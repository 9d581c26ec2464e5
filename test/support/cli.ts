import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SERVER_NODE_FLAGS } from "../../src/platform/node-flags.mjs";

export const escaBin = fileURLToPath(new URL("../../bin/esca.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a CLI child: the embedded database in `dataDir`, never a server's. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ESCA_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...extra,
  };
  delete env.DATABASE_URL;
  return env;
}

/** `esca ARGS…` to its end; with `timeoutMs`, killed if it has not ended by then (said in stderr). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [escaBin, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(timeoutMs ? { timeout: timeoutMs } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, stdout, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr }),
    );
  });
}

/** Starts `esca serve` on a free port (or `port`) and resolves with its URL once it listens. */
export function startCliServer(
  env: NodeJS.ProcessEnv,
  port = 0,
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    // With the flags production starts the server with (npm start, bin/esca.js's first line).
    const child = spawn(
      process.execPath,
      [...SERVER_NODE_FLAGS, escaBin, "serve", "--port", String(port)],
      {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/running at (http:\/\/\S+) /);
      if (match?.[1]) {
        child.stdout?.off("data", onData);
        const url = match[1];
        resolve({
          child,
          url,
          stop: () =>
            new Promise<void>((done) => {
              child.once("close", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk) => {
      output += chunk.toString();
    });
    child.once("close", (code) => reject(new Error(`esca serve exited with ${code}: ${output}`)));
  });
}

/**
 * Why a test of the embedded data folder's command line does not run in this pass, or false.
 * Such a test starts `esca` on a data folder of its own whatever database the suite runs on, so
 * the PostgreSQL pass would only repeat it: it runs once, in the embedded-database pass. Says
 * so in one line where it skips.
 */
export function embeddedPassOnly(): string | false {
  if (!process.env.ESCA_TEST_DATABASE_URL) return false;
  const reason =
    "skipped: a test of the embedded data folder's command line, run once in the embedded-database pass";
  console.warn(reason);
  return reason;
}

/**
 * Why a test that uses no database does not run in this pass, or false: in the PostgreSQL
 * pass it would only repeat, byte for byte, what the embedded pass ran. Says so in one line.
 */
export function databaseFreeOnce(what: string): string | false {
  if (!process.env.ESCA_TEST_DATABASE_URL) return false;
  const reason = `skipped: ${what} uses no database, and runs once, in the embedded-database pass`;
  console.warn(reason);
  return reason;
}
