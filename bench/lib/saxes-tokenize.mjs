#!/usr/bin/env node
// The IATI benchmark's baseline, in a process of its own: saxes reading FILE as the importer
// reads it (256 kB chunks of UTF-8 text), counting elements only. Prints
// {"seconds":…,"elements":…}. A fresh process each run: in a long-lived one, how V8 happens to
// compile saxes's loop could make the same tokenize three times slower from one run to the
// next (0.75 s or 2.6 s on 50 MB).
//   node bench/lib/saxes-tokenize.mjs FILE
import { createReadStream } from "node:fs";
import { argv } from "node:process";
import { SaxesParser } from "saxes";

const started = process.hrtime.bigint();
const parser = new SaxesParser();
let elements = 0;
parser.on("opentag", () => {
  elements++;
});
for await (const chunk of createReadStream(argv[2], {
  encoding: "utf8",
  highWaterMark: 256 * 1024,
}))
  parser.write(chunk);
parser.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, elements }));
