// Mantine's CSS for the first screens only (the shell, the inventory, the sign-in forms, toasts):
// its whole stylesheet is ~37 kB gzip of render-blocking CSS on a slow line, this is about half.
// The screens loaded with lazyScreen import ./all-styles (the whole stylesheet); the sign-in
// forms add PasswordInput's file, the edit/count forms ./modal-styles. All of it is in Mantine's `@layer mantine` files, so a
// rule loaded twice changes nothing and the app's own CSS (unlayered) always wins, whatever the
// order the files arrive in. A component added to the first screens needs its file here.
import "@mantine/core/styles/baseline.layer.css";
import "@mantine/core/styles/default-css-variables.layer.css";
import "@mantine/core/styles/global.layer.css";
import "@mantine/core/styles/UnstyledButton.layer.css";
import "@mantine/core/styles/VisuallyHidden.layer.css";
import "@mantine/core/styles/Paper.layer.css";
import "@mantine/core/styles/Popover.layer.css";
import "@mantine/core/styles/CloseButton.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/Stack.layer.css";
import "@mantine/core/styles/Flex.layer.css";
import "@mantine/core/styles/Loader.layer.css";
import "@mantine/core/styles/Text.layer.css";
import "@mantine/core/styles/Title.layer.css";
import "@mantine/core/styles/Anchor.layer.css";
import "@mantine/core/styles/Badge.layer.css";
import "@mantine/core/styles/Button.layer.css";
import "@mantine/core/styles/ActionIcon.layer.css";
import "@mantine/core/styles/Burger.layer.css";
import "@mantine/core/styles/NavLink.layer.css";
import "@mantine/core/styles/AppShell.layer.css";
import "@mantine/core/styles/Input.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/CheckboxIndicator.layer.css";
import "@mantine/core/styles/Chip.layer.css";
import "@mantine/core/styles/Menu.layer.css";
import "@mantine/core/styles/Tooltip.layer.css";
import "@mantine/core/styles/Alert.layer.css";
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Notification.layer.css";
import "@mantine/notifications/styles.layer.css";
