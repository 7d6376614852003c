// ESLint flat config: ESLint's recommended rules, Next's rules (core web vitals, React, react-hooks, jsx-a11y, import),
// typescript-eslint's recommended rules, and eslint-config-prettier last so that formatting is
// Prettier's alone. `npm run lint` runs it with Prettier's check; `npm test` runs `npm run lint`.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  js.configs.recommended,
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-bench/**",
    "next-env.d.ts",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    ".lab/**",
  ]),
]);
