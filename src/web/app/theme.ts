import { createTheme, type MantineColorsTuple } from "@mantine/core";

/** A deep institutional blue: every shade from 6 up keeps 4.5:1 against white. */
const esca: MantineColorsTuple = [
  "#eaf2fb",
  "#d3e2f3",
  "#a6c3e6",
  "#75a2d9",
  "#4d86cd",
  "#3474c6",
  "#1f5fa8",
  "#174f8f",
  "#0f3d70",
  "#0b2545",
];

export const theme = createTheme({
  primaryColor: "esca",
  primaryShade: 7,
  colors: { esca },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif',
  headings: { fontWeight: "700" },
  defaultRadius: "md",
  components: {
    Anchor: { defaultProps: { underline: "hover" } },
  },
});
