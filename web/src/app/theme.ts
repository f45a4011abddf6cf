import { Alert, createTheme, defaultVariantColorsResolver, Modal, Notification, parseThemeColor, type VariantColorsResolver } from "@mantine/core";

/** Light variants (badges, active nav links, light buttons) write their text in shade 9: ≥ 4.5:1 on their tint. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant === "light") {
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    // Shade 9 of green, yellow, orange, teal… is still under 4.5:1 on its own tint: use black there.
    const darkEnough = ["blue", "red", "grape", "violet", "indigo", "gray", "dark", "pink"];
    if (parsed.isThemeColor && parsed.shade === undefined)
      return { ...colors, color: darkEnough.includes(parsed.color) ? `var(--mantine-color-${parsed.color}-9)` : "var(--mantine-color-black)" };
  }
  return colors;
};

/**
 * Mantine's defaults with WCAG AA contrast: filled colours one shade darker (white text on
 * blue/red 8 is ≥ 4.5:1), light variants and dimmed text darker (see theme.css).
 */
export const theme = createTheme({
  primaryShade: 8,
  variantColorResolver,
  components: {
    // Every close button says what it does (toasts shown while a screen is checked by axe included).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close notification" } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: "Close" } }),
  },
});
