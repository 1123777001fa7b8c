// The object-level guards are one family a reviewer can list and audit (docs/access-guards.md): each
// workflow keeps them in internal/guards.ts, every exported guard's name is in the vocabulary, its
// comment states the rule and the handbook's reason, and the page lists it.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve("lib/server");
const VOCABULARY = [
  /^assert[A-Z]/,
  /^(visible|own|authored|readable|centre|verified|requestable|registered|platform|subject)[A-Z]/,
  /[a-z]For$/,
  /^authoredBy$/,
  /[a-z]May[A-Z]/,
  /^is[A-Z]/,
];
const page = readFileSync(path.resolve("docs/access-guards.md"), "utf8");

const guardModules = readdirSync(root)
  .map((workflow) => path.join(root, workflow, "internal", "guards.ts"))
  .filter((file) => existsSync(file));

/** Exported functions (declarations and arrow constants) with the comment right above each. */
function exportedFunctions(source: string) {
  const found: { name: string; comment: string }[] = [];
  const pattern =
    /(\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\n)?export (?:async )?(?:function (\w+)|const (\w+) = (?:async )?\()/g;
  for (const m of source.matchAll(pattern)) found.push({ name: (m[2] ?? m[3])!, comment: m[1] ?? "" });
  return found;
}

describe("access guards", () => {
  it("every workflow that guards objects has its guards module", () => {
    expect(guardModules.map((f) => path.relative(root, f)).sort()).toEqual([
      "assessment/internal/guards.ts",
      "awarding-body/internal/guards.ts",
      "evidence/internal/guards.ts",
      "external-verification/internal/guards.ts",
      "identity/internal/guards.ts",
      "internal-verification/internal/guards.ts",
      "personal-data/internal/guards.ts",
      "witnesses/internal/guards.ts",
    ]);
  });

  for (const file of guardModules) {
    const workflow = path.relative(root, file).split(path.sep)[0]!;
    for (const { name, comment } of exportedFunctions(readFileSync(file, "utf8"))) {
      it(`${workflow}: ${name} is named in the vocabulary, says its rule and reason, and is listed`, () => {
        expect(
          VOCABULARY.some((v) => v.test(name)),
          `${name} fits no family of docs/access-guards.md`,
        ).toBe(true);
        expect(comment).toMatch(/Rule( \(\w+\))?:/);
        expect(comment).toMatch(/Why:/);
        expect(page).toContain(`\`${name}\``);
      });
    }
  }

  it("finds the guards it checks (the parser is not silently empty)", () => {
    const names = guardModules.flatMap((f) => exportedFunctions(readFileSync(f, "utf8")).map((x) => x.name));
    expect(names).toEqual(
      expect.arrayContaining([
        "assertCandidateVisible",
        "visibleEvidence",
        "assertNotOwn",
        "verifiedCentre",
        "listedFor",
        "isEv",
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(20);
  });
});
