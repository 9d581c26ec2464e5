import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  /** Requests answered by the balancer itself because no upstream could (502). */
  failures: number;
  close(): Promise<void>;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A small round-robin HTTP balancer on loopback, as haproxy is configured in docs/DEPLOY.md:
 * each request goes to the next upstream; when that upstream cannot be reached (refused,
 * reset before answering), a read is tried on the next one, and a write only when it never
 * reached the upstream (connection refused). When every upstream fails it answers 502.
 */
export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  const targets = upstreams.map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const state = { failures: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const first = next++ % targets.length;
      const attempt = (tried: number) => {
        const target = targets[(first + tried) % targets.length] as URL;
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, host: target.host },
            agent,
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
            answer.on("error", () => response.destroy());
          },
        );
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          const retry =
            !response.headersSent &&
            tried + 1 < targets.length &&
            (SAFE.has(request.method ?? "") || error.code === "ECONNREFUSED");
          if (retry) return attempt(tried + 1);
          if (response.headersSent) return response.destroy();
          state.failures++;
          response.writeHead(502, { "content-type": "text/plain" });
          response.end(`no upstream answered: ${error.code ?? error.message}`);
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get failures() {
      return state.failures;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
