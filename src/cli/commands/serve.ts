import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerServe(program: Command) {
  program
    .command("serve")
    .description(
      "run the web server (API under /api) on HOST:PORT; demo data is loaded into an empty embedded database",
    )
    .option("-p, --port <port>", "port to listen on (default: $PORT or 3000)")
    .option("-H, --host <host>", "address to listen on (default: $HOST or 127.0.0.1)")
    .action(lazy(async () => (await import("../actions/serve.ts")).serve));
}
