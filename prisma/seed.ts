// Seeds the demo centre on an empty database (run by `npm start` on first run, or `npm run db:seed`).
import { hashPassword } from "../lib/auth/password";
import { withPrisma } from "../lib/db/prisma-script";
import { importShippedCatalogue } from "../lib/catalogue/store";
import { DEMO_ASSIGNMENTS, DEMO_CENTRES, DEMO_NOMINATIONS, DEMO_PASSWORD, DEMO_REGISTRATIONS, DEMO_USERS } from "./demo-data";

/** Returns false (and changes nothing) when the database already has a centre. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  return withPrisma(databaseUrl, async (prisma) => {
    if ((await prisma.centre.count()) > 0) return false;
    await importShippedCatalogue(prisma);
    const specs = await prisma.qualificationSpec.findMany({ select: { id: true, code: true, version: true } });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await prisma.$transaction(async (tx) => {
      const centres: Record<string, string> = {};
      for (const [key, centre] of Object.entries(DEMO_CENTRES)) centres[key] = (await tx.centre.create({ data: centre })).id;
      const users: Record<string, string> = {};
      for (const u of DEMO_USERS) {
        const created = await tx.user.create({
          data: {
            centreId: centres[u.centre]!,
            email: u.email,
            name: u.name,
            passwordHash,
            roles: { create: u.roles.map((role) => ({ role })) },
            externalVerifierCentres: { create: (u.verifies ?? []).map((c) => ({ centreId: centres[c]! })) },
          },
        });
        users[u.key] = created.id;
      }
      await tx.assessorAssignment.createMany({
        data: DEMO_ASSIGNMENTS.map(([c, a]) => ({ candidateId: users[c]!, assessorId: users[a]! })),
      });
      await tx.witnessNomination.createMany({
        data: DEMO_NOMINATIONS.map(([c, w]) => ({ candidateId: users[c]!, witnessId: users[w]! })),
      });
      await tx.candidateRegistration.createMany({
        data: DEMO_REGISTRATIONS.map(([c, code, version, on, units, by]) => ({
          candidateId: users[c]!,
          specId: specs.find((s) => s.code === code && s.version === version)!.id,
          registeredOn: new Date(`${on}T00:00:00Z`),
          units,
          createdById: users[by]!,
        })),
      });
    });
    return true;
  });
}

// `npm run db:seed`
if (process.argv[1]?.endsWith("seed.ts")) {
  const { withDatabase } = await import("../lib/db/database-url");
  await withDatabase(async (url) => console.log((await seedDemo(url)) ? "Seeded the demo centre." : "Database already has data; not seeded."));
}
