import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from "@mantine/core";

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

/**
 * A field's error text and border: Mantine's red 6 has 3.3:1 against white, below the 4.5:1
 * small text needs; red 9 (#c92a2a) has 5.6:1.
 */
export const errorColor: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-error": "#c92a2a" },
  dark: {},
});
