import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** AG/RES. 2626 (XLI-O/11), shipped as a resolution file: the demo and tests load it. */
export const shippedResolutionPath = fileURLToPath(
  new URL("./resolutions/ag-res-2626.json", import.meta.url),
);

export const shippedResolutionFile = (): string => readFileSync(shippedResolutionPath, "utf8");
