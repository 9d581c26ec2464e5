import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../src/platform/node-flags.mjs";
import { databaseFreeOnce } from "../support/cli.ts";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const flags = SERVER_NODE_FLAGS.join(" ");

/**
 * The server's Node flags (src/platform/node-flags.mjs) are written out wherever a server is
 * started, since a command line cannot import them: each place must say the same.
 */
describe.skipIf(databaseFreeOnce("checking the server's Node flags"))(
  "the flags Node runs the server with",
  () => {
    it("are the same in npm start, npm run esca, bin/esca.js and the systemd unit", () => {
      const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
      expect(scripts.start).toBe(`node ${flags} bin/start.js`);
      expect(scripts.esca).toBe(`node ${flags} bin/esca.js`);
      expect(read("bin/esca.js").split("\n")[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
      expect(read("docs/DEPLOY.md")).toContain(
        `ExecStart=/usr/bin/node ${flags} /opt/esca-hub/bin/start.js`,
      );
    });

    it("start bin/esca.js as a program: env -S splits its first line into node and the flags", () => {
      // `esca` is that file run through its first line, as npm links it; without -S, env would
      // look for a program named "node --max-semi-space-size=64" and fail.
      const out = execFileSync(new URL("../../bin/esca.js", import.meta.url).pathname, ["--help"], {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      expect(out).toContain("serve");
    });
  },
);
