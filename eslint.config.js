import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules", "build", "public/build", "data", ".cache"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      // Wide tables scroll inside a focusable, named region (app/ui/table-scroller.tsx).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"], tags: [] }],
    },
  },
  {
    // Tests import the application, never the other way round (the demo seed lives in app/demo).
    // A test that needs the helpers in tests/ lives in tests/ too.
    files: ["app/**", "server/**", "scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["\\#tests/**", "**/tests/**"],
              message: "Application code must not import from tests/.",
            },
          ],
        },
      ],
    },
  },
  {
    // server/ takes the application from the Remix build (runtimeOf in server/build.ts): a module
    // imported here as well would exist twice in the process (docs/decisions/013).
    files: ["server/**"],
    ignores: ["server/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/**", "**/app/**"],
              allowTypeImports: true,
              message:
                "server/ reaches app/ only through the build (runtimeOf in server/build.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Modules the browser may load use the vocabularies, not the drizzle schema: a value import
    // of ~/db/schema puts the whole database layer into every page's JavaScript.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: [
      "app/**/*.server.ts",
      "app/**/*.server.tsx",
      "app/**/*.test.*",
      "app/db/**",
      "app/demo/**",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/db/schema",
              allowTypeImports: true,
              message: "Browser code takes vocabularies from ~/db/vocabularies.",
            },
          ],
        },
      ],
    },
  },
);
