// `npm run audit -- verify`: checks every hash chain of the audit trail (each centre's and the
// platform's) and points at the first broken link. Exits 1 if any chain is broken. Uses
// DATABASE_URL or the embedded server.
import { verifyAllChains } from "../lib/audit/chain";
import { withDatabase } from "../lib/db/database-url";
import { withPrisma } from "../lib/db/prisma-script";

const [command] = process.argv.slice(2);
if (command !== "verify") {
  console.error("Usage: npm run audit -- verify");
  process.exit(2);
}
const broken = await withDatabase((url) =>
  withPrisma(url, async (prisma) => {
    const reports = await verifyAllChains(prisma);
    const centres = new Map((await prisma.centre.findMany({ select: { id: true, code: true, name: true } })).map((c) => [c.id, `${c.name} (${c.code})`]));
    for (const r of reports) {
      const name = r.centreId ? (centres.get(r.centreId) ?? r.centreId) : "Platform (no centre)";
      console.log(r.firstBreak ? `${name}: BROKEN at event ${r.firstBreak.id} (${r.firstBreak.at.toISOString()}): ${r.firstBreak.reason}` : `${name}: ${r.events} events, chain intact`);
    }
    return reports.filter((r) => r.firstBreak).length;
  }),
);
console.log(broken === 0 ? "Audit trail intact." : `${broken} broken chain(s).`);
process.exit(broken === 0 ? 0 : 1);
