// `npm run restore -- <backup folder>`: restores a backup into an EMPTY database (DATABASE_URL, or
// the embedded server's database when it has no tables yet) and the configured evidence store,
// then checks the audit chains and that each ends where the backup's manifest says. Exits 1 if
// anything does not match.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { verifyAllChains } from "../lib/audit/chain";
import type { BackupManifest } from "../lib/backup/backup";
import { restore } from "../lib/backup/restore";
import { withDatabase } from "../lib/db/database-url";
import { withPrisma } from "../lib/db/prisma-script";
import { evidenceStorage } from "../lib/storage";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run restore -- <backup folder>");
  process.exit(2);
}
const manifest = JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8")) as BackupManifest;
const problems = await withDatabase(async (databaseUrl) => {
  const report = await restore({ folder: path.resolve(folder), databaseUrl, storage: evidenceStorage() });
  console.log(`Restored ${report.tables} tables (${report.rows} rows) and ${report.files} files.`);
  const chains = await withPrisma(databaseUrl, verifyAllChains);
  const found: string[] = [
    ...report.badFiles.map((k) => `file ${k} does not match its SHA-256`),
    ...report.missingInBackup.map((k) => `file ${k} was not in the backup`),
    ...report.alreadyInStore.map((k) => `file ${k} was already in the evidence store (left as it was)`),
  ];
  for (const c of chains)
    if (c.firstBreak) found.push(`audit chain ${c.centreId ?? "platform"} broken at event ${c.firstBreak.id}`);
  const last = await withPrisma(
    databaseUrl,
    (p) =>
      p.$queryRaw<
        { centreId: string | null; hash: string }[]
      >`SELECT DISTINCT ON (e."centreId") e."centreId"::text AS "centreId", e.hash FROM "AuditEvent" e ORDER BY e."centreId", e.id DESC`,
  );
  for (const a of manifest.auditAnchors) {
    if (last.find((l) => l.centreId === a.centreId)?.hash !== a.lastHash)
      found.push(`audit chain ${a.centreId ?? "platform"} does not end at the backup's anchor`);
  }
  return found;
});
for (const p of problems) console.log(`Problem: ${p}`);
console.log(
  problems.length
    ? `${problems.length} problem(s).`
    : "Restore verified: every file's SHA-256 and every audit chain match.",
);
process.exit(problems.length ? 1 : 0);
