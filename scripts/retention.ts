// `npm run retention -- [--dry-run] [--centre <code>]`: removes the personal data and files of candidates past the
// retention period (RETENTION_MONTHS after certification or withdrawal), as the daily job does,
// and says what it did; --dry-run only lists who is due. Uses DATABASE_URL or the embedded server.
import { withDatabase } from "../lib/db/database-url";
import { withPrisma } from "../lib/db/prisma-script";
import { formatDate } from "../lib/domain/format";
import { retentionMonths, runRetention } from "../lib/jobs/retention";
import { evidenceStorage } from "../lib/storage";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const dryRun = process.argv.includes("--dry-run");
const centreArg = process.argv.indexOf("--centre");
const centreCode = centreArg > 0 ? process.argv[centreArg + 1] : undefined;
await withDatabase((url) =>
  withPrisma(url, async (prisma) => {
    const centre = centreCode
      ? await prisma.centre.findUnique({ where: { code: centreCode }, select: { id: true } })
      : null;
    if (centreCode && !centre) {
      console.error(`No centre with code ${centreCode}.`);
      process.exitCode = 2;
      return;
    }
    const report = await runRetention(prisma, evidenceStorage(), { dryRun, centreId: centre?.id });
    console.log(`Retention period: ${retentionMonths()} months after certification or withdrawal.`);
    for (const d of report.due)
      console.log(`${dryRun ? "Due" : "Processed"}: candidate ${d.candidateId} (${d.why} ${formatDate(d.since)})`);
    if (dryRun) console.log(`${report.due.length} candidate(s) due; nothing changed (dry run).`);
    else
      console.log(
        `Anonymised ${report.anonymised} candidate(s); removed ${report.filesRemoved} file(s); ${report.fileErrors} file(s) could not be removed and will be tried again.`,
      );
    if (report.fileErrors > 0) process.exitCode = 1;
  }),
);
