// One closing line for the whole run, added up from Vitest's and Playwright's JSON reports.
import { readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const vitest = JSON.parse(readFileSync(vitestFile, "utf8"));
let passed = vitest.numPassedTests;
let failed = vitest.numFailedTests;
let skipped = vitest.numPendingTests + vitest.numTodoTests;
const stats = JSON.parse(readFileSync(playwrightFile, "utf8")).stats;
passed += stats.expected;
failed += stats.unexpected + stats.flaky;
skipped += stats.skipped;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
