/** The theme a person picked in the header ("system" follows the OS), and the cookie that keeps it. */
export type Theme = "system" | "light" | "dark";
export const THEME_COOKIE = "underlay-theme";

/** The cookie's value as a theme: anything else is the system's. */
export const themeOf = (value: string | undefined): Theme =>
  value === "light" || value === "dark" ? value : "system";
