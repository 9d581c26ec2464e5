// The worker thread of stage-in-worker.ts. Node 20 starts a worker without its parent's
// TypeScript loader, so this plain module registers tsx and then runs the worker's code.
import { register } from "tsx/esm/api";

register();
await import("./stage-worker.ts");
