// Mantine's whole stylesheet (layered, see ./first-screen-styles), for the code loaded after the
// first screens: import it from every lazily loaded screen or form.
import "@mantine/core/styles.layer.css";
