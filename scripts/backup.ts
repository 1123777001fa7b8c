// `npm run backup [-- <folder>]`: the database and the evidence files, consistently (lib/backup/
// backup.ts), into <folder>/backup-<time>/ (default .data/backups). Uses DATABASE_URL or the
// embedded server, and the configured evidence store. Exits 1 if a file was missing or did not
// match its recorded SHA-256 (the backup is still written, and its manifest lists them).
import path from "node:path";
import { backup } from "../lib/backup/backup";
import { withDatabase } from "../lib/db/database-url";
import { defaultPaths } from "../lib/db/migrations";
import { evidenceStorage } from "../lib/storage";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const into = path.resolve(process.argv[2] ?? ".data/backups");
const { folder, manifest } = await withDatabase((databaseUrl) =>
  backup({ databaseUrl, storage: evidenceStorage(), migrationsDir: defaultPaths.migrationsDir, into }),
);
const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
const bad = manifest.files.filter((f) => f.status !== "copied");
console.log(
  `Backed up ${manifest.tables.length} tables (${rows} rows) and ${manifest.files.length - bad.length} files into ${folder}`,
);
for (const a of manifest.auditAnchors)
  console.log(`Audit chain ${a.centreId ?? "platform"}: last event ${a.lastEventId}, hash ${a.lastHash}`);
for (const f of bad) console.log(`File ${f.storageKey}: ${f.status}`);
process.exit(bad.length ? 1 : 0);
