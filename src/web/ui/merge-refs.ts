import { useMergedRef } from "@mantine/hooks";
import type { Ref } from "react";

/**
 * The one hook Mantine's ScrollArea takes from @floating-ui/react, served by
 * @mantine/hooks instead (vite.config.ts points ScrollArea's import here), so that the
 * drawer and the tables do not pull floating-ui into the first load.
 */
export function useMergeRefs<T>(refs: (Ref<T> | undefined)[]) {
  return useMergedRef(...refs);
}
