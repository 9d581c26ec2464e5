import { startServer } from "../../app/start-server.ts";
import { loadConfig } from "../../platform/config.ts";

/** `esca serve [--port] [--host]`: runs until SIGINT or SIGTERM. */
export async function serve(options: { port?: string; host?: string }): Promise<void> {
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
}
