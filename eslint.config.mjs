// ESLint flat config: Next.js's rules (core web vitals, React, hooks, accessibility), typescript-eslint,
// and the project's layering: database and lib/server code never reach components/ or client code,
// and pages, route handlers and server actions (app/) reach lib/server only through a workflow's
// face (lib/server/<workflow>/index.ts), never its internal/ helpers, the database or the client.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";

/**
 * Where app/ and components/ may reach (docs/decisions/0021-workflow-folders.md). Every form of
 * import is checked (static, dynamic import(), re-export, require) after the path is resolved and
 * normalised, so "../../lib/server/x/internal/y" or "@/lib/./server//x/internal/y" are caught like
 * the plain alias.
 */
const FACE_ONLY = [
  [
    /^lib\/server\/[^/]+\/internal(\/|$)/,
    "internal/ holds a workflow's helpers, which take no Actor and check no policy: call a function of the workflow's face, @/lib/server/<workflow>.",
  ],
  [/^lib\/server\/[^/]+\/./, "Import the workflow's face, @/lib/server/<workflow>, not one of its files."],
  [
    /^(lib\/(db|generated)(\/|$)|@prisma\/|pg(\/|$))/,
    "Pages reach the database only through lib/server's faces, which check the actor's access.",
  ],
];
const NO_SERVER = [
  [
    /^lib\/server(\/|$)/,
    "lib/server is data access with the policy check: call it from a page, route handler or server action, and pass the result down.",
  ],
  [
    /^(lib\/(db|generated)(\/|$)|@prisma\/|pg(\/|$))/,
    "The database stays on the server: components and client code get data as props.",
  ],
];
/**
 * The import's target as a path from the project root ("lib/server/…"), or a package name: resolved
 * the way TypeScript and the bundler resolve it ("@/" is the root, joined as path.join does, so
 * "@//lib" and "@/../main/lib" land where they would), whatever the spelling.
 */
function target(source, filename, cwd) {
  let absolute;
  if (source.startsWith("@/")) absolute = path.join(cwd, source.slice(2));
  else if (source.startsWith(".")) absolute = path.resolve(path.dirname(filename), source);
  else if (path.isAbsolute(source)) absolute = path.resolve(source);
  else return source;
  const fromRoot = path.relative(cwd, absolute).split(path.sep).join("/");
  // The face itself, however it is named.
  return fromRoot.replace(/^(lib\/server\/[^/]+)\/index(\.tsx?)?$/, "$1");
}
const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "keep app/ to workflows' faces and components/ away from server code" },
    schema: [{ enum: ["face-only", "no-server"] }],
    messages: {
      forbidden: "{{message}} ({{source}})",
      computed: "Import a module by a literal path, so the layering can be checked.",
    },
  },
  create(context) {
    const rules = context.options[0] === "no-server" ? NO_SERVER : FACE_ONLY;
    // Components may name server types: they are erased, and props are typed by them.
    const typesAllowed = context.options[0] === "no-server";
    const check = (node, sourceNode, typeOnly = false) => {
      if (!sourceNode) return;
      let source;
      if (sourceNode.type === "TemplateLiteral" && sourceNode.expressions.length === 0)
        source = sourceNode.quasis[0].value.cooked;
      else if (sourceNode.type === "Literal" && typeof sourceNode.value === "string") source = sourceNode.value;
      else return context.report({ node, messageId: "computed" });
      if (typeOnly && typesAllowed) return;
      const where = target(source, context.filename, context.cwd);
      const found = rules.find(([pattern]) => pattern.test(where));
      if (found) context.report({ node, messageId: "forbidden", data: { message: found[1], source } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node, node.arguments[0]);
      },
      // Type-only imports written inline: import("…").Name.
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument, true),
      // Other ways to load a module by name: require.call, module.require, createRequire.
      MemberExpression: (node) => {
        const object = node.object.type === "Identifier" ? node.object.name : null;
        const property = node.property.type === "Identifier" ? node.property.name : null;
        if (object === "require" || (object === "module" && property === "require"))
          context.report({ node, messageId: "computed" });
      },
      Identifier: (node) => {
        if (node.name === "createRequire") context.report({ node, messageId: "computed" });
      },
    };
  },
};

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
    plugins: { layering: { rules: { "no-server-in-client": noServerInClient, boundaries } } },
    rules: {
      "layering/no-server-in-client": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Pages, route handlers and server actions, in any language Next.js serves; no rule is
    // switched off inline here, so the boundary cannot be waved through with a comment.
    files: ["app/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
    linterOptions: { noInlineConfig: true },
    rules: { "layering/boundaries": ["error", "face-only"] },
  },
  {
    files: ["components/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
    rules: { "layering/boundaries": ["error", "no-server"] },
  },
]);
