// `npm run audit -- verify [--expect-head CENTRE:EVENT:HASH ...]`: checks every hash chain of the
// audit trail (each centre's and the platform's) and points at the first broken link. Each
// centre's chain is also checked against the heads recorded outside it (checkpoints, claim packs)
// and any head given with --expect-head (the centre's code, the event id and its hash, as a claim
// pack, the awarding body's export or an earlier run recorded them): events removed from a chain's
// end show. Exits 1 if any chain is broken, 2 on bad arguments. Uses DATABASE_URL or the embedded server.
import type { Anchor } from "../lib/audit/chain";
import { verifyAllChains } from "../lib/audit/chain";
import { withDatabase } from "../lib/db/database-url";
import { withPrisma } from "../lib/db/prisma-script";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const [command, ...rest] = process.argv.slice(2);
const usage = "Usage: npm run audit -- verify [--expect-head CENTRE_CODE:EVENT_ID:SHA256 ...]";
if (command !== "verify") {
  console.error(usage);
  process.exit(2);
}
const heads: { code: string; eventId: string; hash: string }[] = [];
for (let i = 0; i < rest.length; i += 1) {
  const match = rest[i] === "--expect-head" ? /^([^:]+):(\d{1,18}):([0-9a-f]{64})$/.exec(rest[i + 1] ?? "") : null;
  if (!match) {
    console.error(usage);
    process.exit(2);
  }
  heads.push({ code: match[1]!, eventId: match[2]!, hash: match[3]! });
  i += 1;
}
const broken = await withDatabase((url) =>
  withPrisma(url, async (prisma) => {
    const all = await prisma.centre.findMany({ select: { id: true, code: true, name: true } });
    const expected = new Map<string, Anchor[]>();
    for (const h of heads) {
      const centre = all.find((c) => c.code === h.code);
      if (!centre) {
        console.error(`No centre with the code ${h.code}.`);
        process.exit(2);
      }
      expected.set(centre.id, [
        ...(expected.get(centre.id) ?? []),
        { eventId: h.eventId, hash: h.hash, what: "the head given with --expect-head" },
      ]);
    }
    const reports = await verifyAllChains(prisma, expected);
    const centres = new Map(all.map((c) => [c.id, `${c.name} (${c.code})`]));
    for (const r of reports) {
      const name = r.centreId ? (centres.get(r.centreId) ?? r.centreId) : "Platform (no centre)";
      console.log(
        r.firstBreak
          ? `${name}: BROKEN at event ${r.firstBreak.id} (${r.firstBreak.at.toISOString()}): ${r.firstBreak.reason}`
          : `${name}: ${r.events} events, chain intact`,
      );
    }
    return reports.filter((r) => r.firstBreak).length;
  }),
);
console.log(broken === 0 ? "Audit trail intact." : `${broken} broken chain(s).`);
process.exit(broken === 0 ? 0 : 1);
