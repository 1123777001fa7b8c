// The linter keeps the layering (docs/decisions/0021-workflow-folders.md): app/ reaches lib/server
// only through a workflow's face, and neither app/ nor components/ reach the database. Each case is
// linted as if it were a file at that path, with the project's own ESLint configuration.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const refusals = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "layering/boundaries").map((m) => m.message);
};

const INTERNAL = /internal\/ holds a workflow's helpers/;
const FACE = /Import the workflow's face/;
const DATABASE = /only through lib\/server's faces/;

describe("import boundaries", { timeout: 60_000 }, () => {
  const refused: [string, string, RegExp][] = [
    ["app/x/page.tsx", `import { db } from "@/lib/server/core/internal/db";`, INTERNAL],
    [
      "app/x/actions.ts",
      `import { lockSampling } from "@/lib/server/internal-verification/internal/summative-selection";`,
      INTERNAL,
    ],
    ["app/x/page.tsx", `import { getClaim } from "@/lib/server/claims/claim-lists";`, FACE],
    ["app/api/x/route.ts", `import { db } from "@/lib/db/pg-client";`, DATABASE],
    ["app/x/page.tsx", `import { PrismaClient } from "@/lib/generated/prisma/client";`, DATABASE],
    ["app/x/page.tsx", `import pg from "pg";`, DATABASE],
    ["app/x/page.tsx", `import { Prisma } from "@prisma/client";`, DATABASE],
    // The same targets written other ways.
    ["app/x/y/page.tsx", `import { loadActor } from "../../../lib/server/identity/internal/sessions";`, INTERNAL],
    ["app/x/page.tsx", `import { db } from "@/lib/./server//core/internal/db";`, INTERNAL],
    ["app/x/page.tsx", `import { db } from "@/lib/server/claims/../core/internal/db";`, INTERNAL],
    ["app/x/page.tsx", `export const load = () => import("@/lib/server/core/internal/db");`, INTERNAL],
    ["app/x/page.tsx", "export const load = () => import(`@/lib/server/core/internal/db`);", INTERNAL],
    ["app/x/page.tsx", `export { db } from "@/lib/server/core/internal/db";`, INTERNAL],
    ["app/x/page.tsx", `export * from "@/lib/server/core/internal/db";`, INTERNAL],
    ["app/x/route.js", `const { db } = require("@/lib/server/core/internal/db");`, INTERNAL],
    ["app/x/page.jsx", `import { db } from "@/lib/server/core/internal/db";`, INTERNAL],
    ["app/x/page.tsx", `import type { Tx } from "@/lib/server/assessment/internal/guards";`, INTERNAL],
    [
      "app/x/page.tsx",
      `const name = "db";\nexport const load = () => import(\`@/lib/server/core/internal/\${name}\`);`,
      /literal path/,
    ],
    ["app/x/page.tsx", `import { db } from "@//lib/server/core/internal/db";`, INTERNAL],
    ["app/x/page.tsx", `import { db } from "@//lib/db/pg-client";`, DATABASE],
    ["app/x/page.tsx", `import { db } from "${path.resolve("lib/server/core/internal/db")}";`, INTERNAL],
    [
      "app/x/page.tsx",
      `import { db } from "@/../${path.basename(process.cwd())}/lib/server/core/internal/db";`,
      INTERNAL,
    ],
    ["app/x/page.tsx", `export type T = import("@/lib/server/assessment/internal/guards").Tx;`, INTERNAL],
    ["app/x/route.js", `const db = module.require("@/lib/server/core/internal/db");`, /literal path/],
    ["app/x/route.js", `const db = require.call(null, "@/lib/server/core/internal/db");`, /literal path/],
    [
      "app/x/route.ts",
      `import { createRequire } from "node:module";\nexport const load = createRequire(import.meta.url);`,
      /literal path/,
    ],
    ["components/x.tsx", `import { getClaim } from "@//lib/server/claims";`, /lib\/server is data access/],
    ["components/x.tsx", `import { getClaim } from "@/lib/server/claims";`, /lib\/server is data access/],
    ["components/x.tsx", `import pg from "pg";`, /database stays on the server/],
    ["components/x.tsx", `export const load = () => import("@/lib/server/claims");`, /lib\/server is data access/],
  ];
  for (const [filePath, code, message] of refused) {
    it(`refuses in ${filePath}: ${code}`, async () => {
      const messages = await refusals(filePath, `${code}\nexport const used = [];\n`);
      expect(
        messages.some((m) => message.test(m)),
        messages.join("\n") || "no boundary error",
      ).toBe(true);
    });
  }

  it("cannot be switched off with a comment in app/", async () => {
    const code = `// eslint-disable-next-line layering/boundaries\nimport { db } from "@/lib/server/core/internal/db";\nexport const used = [db];\n`;
    expect((await refusals("app/x/page.tsx", code)).some((m) => INTERNAL.test(m))).toBe(true);
  });

  it("lets a page import a workflow's face, and a component name a server type", async () => {
    for (const face of [
      "@/lib/server/claims",
      "@/lib/server/claims/",
      "@/lib/server/claims/index",
      "@/lib/server/claims/index.ts",
    ]) {
      const code = `import { getClaim } from "${face}";\nexport const used = [getClaim];\n`;
      expect(await refusals("app/x/page.tsx", code), face).toEqual([]);
    }
    expect(
      await refusals(
        "components/x.tsx",
        `import type { Visit } from "@/lib/server/external-verification";\nexport type V = Visit;\n`,
      ),
    ).toEqual([]);
  });
});
