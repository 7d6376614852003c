"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { THEME_COOKIE, type Theme } from "@/lib/theme";
import { Select } from "./controls";

const Ctx = createContext<{ theme: Theme; setTheme: (t: Theme) => void }>({
  theme: "system",
  setTheme: () => undefined,
});

/** The theme chosen here (or the system's): <html>'s class, kept in a cookie the layout reads. */
export function ThemeProvider({ initial, children }: { initial: Theme; children: ReactNode }) {
  const [theme, set] = useState<Theme>(initial);
  const setTheme = (t: Theme) => {
    set(t);
    const html = document.documentElement;
    html.classList.remove("light", "dark");
    if (t !== "system") html.classList.add(t);
    document.cookie = `${THEME_COOKIE}=${t}; path=/; max-age=31536000; samesite=lax`;
  };
  return <Ctx.Provider value={{ theme, setTheme }}>{children}</Ctx.Provider>;
}

export const useTheme = () => useContext(Ctx);

export function ThemeSwitch() {
  const { theme, setTheme } = useTheme();
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      <span>Theme</span>
      <Select
        aria-label="Theme"
        value={theme}
        onChange={(e) => setTheme(e.target.value as Theme)}
        className="py-0 text-xs"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </Select>
    </label>
  );
}
