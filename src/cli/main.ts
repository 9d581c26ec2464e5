import { escaProgram } from "./program.ts";

await escaProgram().parseAsync(process.argv);
