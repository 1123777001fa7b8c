// Seeds the demo centre on an empty database (run by `npm start` on first run, or `npm run db:seed`).
import { hashPassword } from "../lib/auth/password";
import { withPrisma } from "../lib/db/prisma-script";
import { importShippedCatalogue } from "../lib/catalogue/store";
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { evidenceStorage } from "../lib/storage";
import { CANDIDATE_EVIDENCE_DECLARATION } from "../lib/domain/declarations";
import { seedDemoWitnesses } from "./demo-witnesses";
import {
  DEMO_ASSIGNMENTS,
  DEMO_CENTRES,
  DEMO_COMPETENCE,
  DEMO_EVIDENCE,
  DEMO_NOMINATIONS,
  DEMO_PASSWORD,
  DEMO_REGISTRATIONS,
  DEMO_USERS,
} from "./demo-data";

/** Returns false (and changes nothing) when the database already has a centre. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  return withPrisma(databaseUrl, async (prisma) => {
    if ((await prisma.centre.count()) > 0) return false;
    await importShippedCatalogue(prisma);
    const specs = await prisma.qualificationSpec.findMany({ select: { id: true, code: true, version: true } });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    // Demo evidence files go into evidence storage first, under generated keys.
    const files = await Promise.all(
      DEMO_EVIDENCE.map(async ([, , , , name, text]) => {
        const bytes = Buffer.from(text);
        const source = path.join(await mkdtemp(path.join(tmpdir(), "seed-")), "file");
        await writeFile(source, bytes);
        const storageKey = `demo/${randomUUID()}`;
        await evidenceStorage().putFile(storageKey, source, bytes.length);
        return {
          storageKey,
          displayName: name,
          size: BigInt(bytes.length),
          sha256: createHash("sha256").update(bytes).digest("hex"),
        };
      }),
    );
    await prisma.$transaction(async (tx) => {
      const centres: Record<string, string> = {};
      for (const [key, centre] of Object.entries(DEMO_CENTRES))
        centres[key] = (await tx.centre.create({ data: centre })).id;
      const users: Record<string, string> = {};
      for (const u of DEMO_USERS) {
        const created = await tx.user.create({
          data: {
            centreId: u.centre ? centres[u.centre]! : null,
            email: u.email,
            name: u.name,
            passwordHash,
            dateOfBirth: u.dateOfBirth ? new Date(`${u.dateOfBirth}T00:00:00Z`) : null,
            startedAtCentreOn: u.startedAtCentre ? new Date(`${u.startedAtCentre}T00:00:00Z`) : null,
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
      for (const [i, [c, title, method, on, , , criteria]] of DEMO_EVIDENCE.entries()) {
        const registration = DEMO_REGISTRATIONS.find(([k]) => k === c)!;
        const specId = specs.find((s) => s.code === registration[1] && s.version === registration[2])!.id;
        await tx.evidence.create({
          data: {
            candidateId: users[c]!,
            title,
            description: "",
            activityDate: new Date(`${on}T00:00:00Z`),
            method,
            // Submitted, so the demo assessor has something in the queue to judge.
            status: "SUBMITTED",
            submittedAt: new Date(`${on}T17:00:00Z`),
            declaration: CANDIDATE_EVIDENCE_DECLARATION,
            files: {
              create: { ...files[i]!, contentType: "text/plain", scanStatus: "not-scanned", scanDetail: "Demo data" },
            },
            criteria: {
              create: criteria.map((x) => ({ specId, unitRef: x.split(":")[0]!, criterion: x.split(":")[1]! })),
            },
          },
        });
      }
      // Staff competence records (C&G 3412 section 2): qualified assessors and IVs, an assessor
      // working towards the assessor units whose decisions need a qualified assessor's
      // countersignature, and an IV working towards the verifier units (the same for her verdicts).
      await tx.assessorCompetence.createMany({
        data: DEMO_COMPETENCE.map(
          ([who, role, status, award, achievedOn, certificateNumber, occupationalCompetence]) => ({
            userId: users[who]!,
            role,
            status,
            award,
            achievedOn: achievedOn ? new Date(`${achievedOn}T00:00:00Z`) : null,
            certificateNumber,
            occupationalCompetence,
            recordedById: users.admin!,
          }),
        ),
      });
      // Internal verification at Northgate: Gareth observed Amira at work, and the team met to
      // standardise unit 202 (C&G 3412-03). Both feed the assessors' risk ratings.
      await tx.ivObservation.create({
        data: {
          centreId: centres.northgate!,
          assessorId: users.assessor!,
          ivId: users.iv!,
          candidateId: users.c7!,
          observedOn: new Date("2026-10-14T00:00:00Z"),
          seen: "Amira observed Grace handling an inbound billing query and gave feedback against the unit 202 criteria.",
          outcome: "SATISFACTORY",
          feedback: "Clear, criterion-referenced feedback. Record the place of each observation.",
        },
      });
      const s3412_03 = specs.find((s) => s.code === "3412-03");
      await tx.standardisationMeeting.create({
        data: {
          centreId: centres.northgate!,
          heldOn: new Date("2026-10-21T00:00:00Z"),
          specId: s3412_03?.id ?? null,
          unitRefs: s3412_03 ? ["202"] : [],
          evidenceIds: [],
          discussed:
            "What counts as sufficient evidence for unit 202 (systems and technology): screenshots against call logs.",
          agreed: "Screenshots need the candidate's own call log beside them; one observation per learning outcome.",
          recordedById: users.iv!,
          people: {
            create: [users.assessor!, users.iv!, users.iv2!]
              .map((userId) => ({ userId, attended: true }))
              .concat([{ userId: users.assessor2!, attended: false }]),
          },
        },
      });
      await seedDemoWitnesses(tx, users, specs);
    });
    return true;
  });
}

// `npm run db:seed`
if (process.argv[1]?.endsWith("seed.ts")) {
  const { configOrExit } = await import("../lib/config/cli");
  configOrExit(); // stops here, naming each bad variable
  const { withDatabase } = await import("../lib/db/database-url");
  await withDatabase(async (url) =>
    console.log((await seedDemo(url)) ? "Seeded the demo centre." : "Database already has data; not seeded."),
  );
}
