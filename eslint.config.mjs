// ESLint flat config: Next.js's rules (core web vitals, React, hooks, accessibility), typescript-eslint,
// and the project's layering: database and lib/server code never reach components/ or client code,
// and pages, route handlers and server actions (app/) reach lib/server only through a workflow's
// face (lib/server/<workflow>/index.ts), never its internal/ helpers, the database or the client.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

/** Modules that hold the database or server-only data access. */
const SERVER_MODULES = [
  {
    group: ["@/lib/server", "@/lib/server/*", "**/lib/server/*"],
    message:
      "lib/server is data access with the policy check: call it from a page, route handler or server action, and pass the result down.",
  },
  {
    group: [
      "@/lib/db/*",
      "**/lib/db/*",
      "@/lib/generated/*",
      "@/lib/generated/**",
      "**/lib/generated/**",
      "@prisma/*",
      "pg",
    ],
    message: "The database stays on the server: components and client code get data as props.",
  },
];
/**
 * What app/ may not import: a workflow's face is the only door into lib/server, because only the
 * faces' functions take an Actor and check the policy (docs/decisions/0021-workflow-folders.md).
 */
const APP_BOUNDARIES = [
  {
    group: [
      "@/lib/server/*/internal",
      "@/lib/server/*/internal/**",
      "**/lib/server/*/internal",
      "**/lib/server/*/internal/**",
    ],
    message:
      "internal/ holds a workflow's helpers, which take no Actor and check no policy: call a function of the workflow's face, @/lib/server/<workflow>.",
  },
  {
    group: ["@/lib/server/*/*", "**/lib/server/*/*"],
    message: "Import the workflow's face, @/lib/server/<workflow>, not one of its files.",
  },
  {
    group: [
      "@/lib/db",
      "@/lib/db/*",
      "**/lib/db",
      "**/lib/db/*",
      "@/lib/generated/**",
      "**/lib/generated/**",
      "@prisma/*",
      "pg",
      "pg/*",
    ],
    message: "Pages reach the database only through lib/server's faces, which check the actor's access.",
  },
];

const isServerModule = (source) =>
  /(^|\/)lib\/(server|db|generated)(\/|$)/.test(source) || /^@prisma\//.test(source) || source === "pg";

/** A file that starts with "use client" is shipped to the browser: no server modules in it. */
const noServerInClient = {
  meta: {
    type: "problem",
    docs: { description: "keep server modules out of client code" },
    schema: [],
    messages: {
      server:
        "'{{source}}' is server code and this file is client code (\"use client\"). Pass data in as props, or call a server action.",
    },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some(
      (node) => node.type === "ExpressionStatement" && node.directive === "use client",
    );
    if (!isClient) return {};
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type") return;
        if (isServerModule(String(node.source.value)))
          context.report({ node, messageId: "server", data: { source: node.source.value } });
      },
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "lib/generated/**",
    "next-env.d.ts",
    "prisma/catalogue/sources/**",
  ]),
  {
    plugins: { layering: { rules: { "no-server-in-client": noServerInClient } } },
    rules: {
      "layering/no-server-in-client": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: APP_BOUNDARIES }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: SERVER_MODULES.map((p) => ({ ...p, allowTypeImports: true })) },
      ],
    },
  },
]);
