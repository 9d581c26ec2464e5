// Its own module so that LazyTooltip can load it, and floating-ui with it, as a separate chunk.
export { Tooltip } from "@mantine/core";
