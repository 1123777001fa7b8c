// The linter keeps the layering (docs/decisions/0021-workflow-folders.md): app/ reaches lib/server
// only through a workflow's face, and neither app/ nor components/ reach the database. Each case is
// linted as if it were a file at that path, with the project's own ESLint configuration.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const restricted = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
};

describe("import boundaries", { timeout: 60_000 }, () => {
  const refused: [string, string, RegExp][] = [
    ["app/x/page.tsx", `import { db } from "@/lib/server/core/internal/db";`, /internal\/ holds a workflow's helpers/],
    [
      "app/x/actions.ts",
      `import { lockSampling } from "@/lib/server/internal-verification/internal/summative-selection";`,
      /internal\/ holds/,
    ],
    ["app/x/page.tsx", `import { getClaim } from "@/lib/server/claims/claim-lists";`, /Import the workflow's face/],
    ["app/api/x/route.ts", `import { db } from "@/lib/db/pg-client";`, /only through lib\/server's faces/],
    [
      "app/x/page.tsx",
      `import { PrismaClient } from "@/lib/generated/prisma/client";`,
      /only through lib\/server's faces/,
    ],
    ["app/x/page.tsx", `import pg from "pg";`, /only through lib\/server's faces/],
    ["app/x/page.tsx", `import { loadActor } from "../../lib/server/identity/internal/sessions";`, /internal\/ holds/],
    ["components/x.tsx", `import { getClaim } from "@/lib/server/claims";`, /lib\/server is data access/],
    ["components/x.tsx", `import pg from "pg";`, /database stays on the server/],
  ];
  for (const [filePath, code, message] of refused) {
    it(`refuses in ${filePath}: ${code}`, async () => {
      const messages = await restricted(filePath, `${code}\nexport const used = [];\n`);
      expect(
        messages.some((m) => message.test(m)),
        messages.join("\n") || "no restricted-import error",
      ).toBe(true);
    });
  }

  it("lets a page import a workflow's face", async () => {
    expect(
      await restricted(
        "app/x/page.tsx",
        `import { getClaim } from "@/lib/server/claims";\nexport const used = [getClaim];\n`,
      ),
    ).toEqual([]);
  });
});
