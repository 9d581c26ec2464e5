// The flags Node runs ESCA Hub's server with. Plain JavaScript, so that the benches can start
// the server as production does without a TypeScript loader. The places that start a server
// name them literally (a command line cannot import): `npm start` and `npm run esca`
// (package.json), `esca` (bin/esca.js's first line), the systemd unit in docs/DEPLOY.md and
// test/support/cli.ts; test/repository/node-flags.test.ts checks that each says the same.

/**
 * A young generation of 64 MB semi-spaces instead of V8's 16 MB: a signed-in read of the
 * initiatives list makes short-lived rows, objects and a 39 kB answer, and 50 clients at once
 * filled the default one so often that scavenging was 15 % of the server's time. Measured as
 * the server's CPU per request over 5,000 signed-in requests, four alternating pairs on
 * PostgreSQL: 2.55–3.06 ms with it, 2.90–3.88 ms without (docs/PERFORMANCE.md). The heap
 * may grow by up to 144 MB more under load.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
