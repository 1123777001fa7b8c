/** Regenerates prisma/catalogue/*.json from the handbook texts in prisma/catalogue/sources. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildShippedSuites, CATALOGUE_DIR } from "../lib/catalogue/extract/index";
import { suiteSchema } from "../lib/domain/catalogue/spec";

for (const [file, suite] of Object.entries(buildShippedSuites())) {
  suiteSchema.parse(suite);
  writeFileSync(path.join(CATALOGUE_DIR, file), `${JSON.stringify(suite, null, 2)}\n`);
  console.log(`${file}: ${suite.units.length} units, ${suite.qualifications.length} qualifications`);
}
