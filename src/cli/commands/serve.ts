import type { Command } from "commander";
import { startServer } from "../../app/start-server.ts";
import { loadConfig } from "../../platform/config.ts";
import { action } from "../run.ts";

export function registerServe(program: Command) {
  program
    .command("serve")
    .description(
      "run the web server (API under /api) on HOST:PORT; demo data is loaded into an empty embedded database",
    )
    .option("-p, --port <port>", "port to listen on (default: $PORT or 3000)")
    .option("-H, --host <host>", "address to listen on (default: $HOST or 127.0.0.1)")
    .action(
      action(async (options: { port?: string; host?: string }) => {
        const config = loadConfig({
          ...process.env,
          ...(options.port && { PORT: options.port }),
          ...(options.host && { HOST: options.host }),
        });
        const server = await startServer(config);
        process.stdout.write(
          `ESCA Hub is running at ${server.url} (API docs: ${server.url}/api/docs; data: ${server.database.description})\n`,
        );
        const shutdown = (signal: string) => {
          process.stdout.write(`\n${signal}: stopping ESCA Hub…\n`);
          server.stop().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once("SIGINT", () => shutdown("SIGINT"));
        process.once("SIGTERM", () => shutdown("SIGTERM"));
      }),
    );
}
