import { createTheme, Modal } from "@mantine/core";

/**
 * Mantine's defaults with WCAG AA contrast: filled colours one shade darker (white text on
 * blue/red 8 is ≥ 4.5:1), and the dimmed and light-variant text darker (see theme.css).
 */
export const theme = createTheme({
  primaryShade: 8,
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
  },
});
