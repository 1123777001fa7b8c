import "server-only";
// Time-limited links to a sample pack: the portfolios of some candidates of the centre, for one
// named external verifier to sample remotely (decision 0013). The link's secret is shown once and
// stored only as its SHA-256; it opens only for that EV, signed in, until it expires or the centre
// withdraws it. Every use, allowed or refused, is logged, and the log is shown to the centre.
import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/domain/policy";
import type { SamplePackInput } from "@/lib/validation/external-verification";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import { portfolioArchive } from "@/lib/server/personal-data/internal/portfolio-archive";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

const DAY_MS = 86_400_000;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Who is asking, for the access log: the address and browser as the request gave them. */
export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export async function createSamplePackLink(
  actor: Actor,
  input: SamplePackInput,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  requireRecentPassword(actor); // opens candidates' portfolios to someone outside the centre
  const data = input;
  // Only an EV the awarding body has appointed to this centre: an EV sees only the centres they are
  // appointed to, and the centre learns nothing about other EV accounts.
  const ev = await db().user.findFirst({
    where: {
      email: data.evEmail,
      active: true,
      roles: { some: { role: "EXTERNAL_VERIFIER" } },
      externalVerifierCentres: { some: { centreId } },
    },
    select: { id: true },
  });
  if (!ev)
    throw new AppError("INVALID_INPUT", {
      evEmail: ["No external verifier appointed to this centre has that email address."],
    });
  const candidates = await db().user.findMany({
    where: { email: { in: data.candidateEmails }, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true, email: true },
  });
  const unknown = data.candidateEmails.filter((e) => !candidates.some((c) => c.email === e));
  if (unknown.length > 0)
    throw new AppError("INVALID_INPUT", {
      candidateEmails: [`Not a candidate of this centre: ${unknown.join(", ")}.`],
    });
  const token = randomBytes(32).toString("base64url");
  return db().$transaction(async (tx) => {
    const link = await tx.samplePackLink.create({
      data: {
        centreId,
        createdById: actor.userId,
        evId: ev.id,
        tokenSha256: hashOf(token),
        candidateIds: candidates.map((c) => c.id),
        note: data.note,
        expiresAt: new Date(Date.now() + data.days * DAY_MS),
      },
    });
    await recordAudit(tx, actor, {
      action: "samplepack.create",
      subjectType: "SamplePackLink",
      subjectId: link.id,
      detail: { evId: ev.id, candidateIds: link.candidateIds, expiresAt: link.expiresAt.toISOString() },
    });
    return { id: link.id, token, expiresAt: link.expiresAt };
  });
}

/** The centre withdraws a link before it expires; withdrawing it again changes nothing. */
export async function revokeSamplePackLink(actor: Actor, linkId: string): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  await db().$transaction(async (tx) => {
    // The database's clock, as for the access log, so the two read in order.
    const count =
      await tx.$executeRaw`UPDATE "SamplePackLink" SET "revokedAt" = now() WHERE id = ${linkId}::uuid AND "centreId" = ${centreId}::uuid AND "revokedAt" IS NULL`;
    if (count === 0 && !(await tx.samplePackLink.findFirst({ where: { id: linkId, centreId }, select: { id: true } })))
      throw notFound();
    if (count > 0)
      await recordAudit(tx, actor, { action: "samplepack.revoke", subjectType: "SamplePackLink", subjectId: linkId });
  });
}

/** The centre's links, newest first, each with its candidates, its state and its access log. */
export async function listSamplePackLinks(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  const links = await db().samplePackLink.findMany({
    where: { centreId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { accesses: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 50 } },
  });
  const ids = links.flatMap((l) => [l.evId, l.createdById, ...l.candidateIds, ...l.accesses.map((a) => a.userId)]);
  // Counts of every use, so a flood of refused attempts cannot hide the ones shown.
  const counts = await db().samplePackAccess.groupBy({
    by: ["linkId", "allowed"],
    where: { linkId: { in: links.map((l) => l.id) } },
    _count: { _all: true },
  });
  const countOf = (linkId: string, allowed: boolean) =>
    counts.find((c) => c.linkId === linkId && c.allowed === allowed)?._count._all ?? 0;
  const people = await userNames(ids);
  const now = Date.now();
  return links.map((l) => ({
    id: l.id,
    ev: people.get(l.evId) ?? "",
    createdBy: people.get(l.createdById) ?? "",
    candidates: l.candidateIds.map((id) => people.get(id) ?? ""),
    note: l.note,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    revokedAt: l.revokedAt,
    open: l.revokedAt === null && l.expiresAt.getTime() > now,
    allowedCount: countOf(l.id, true),
    refusedCount: countOf(l.id, false),
    accesses: l.accesses.map((a) => ({
      id: a.id.toString(),
      at: a.at,
      who: a.userId ? (people.get(a.userId) ?? "another account") : "not signed in",
      what:
        a.what === "pack"
          ? "opened the pack"
          : a.what === "other"
            ? "asked for a candidate not in the pack"
            : `downloaded ${people.get(a.what) ?? "a portfolio"}'s portfolio`,
      allowed: a.allowed,
      refusal: a.refusal,
      ip: a.ip,
    })),
  }));
}

const REFUSAL = {
  anonymous: "not signed in",
  account: "signed in as someone other than the EV it is for",
  candidate: "asked for a candidate who is not in the pack",
  expired: "the link had expired",
  revoked: "the centre had withdrawn the link",
} as const;

/**
 * Checks a link for whoever is using it (the EV it names, while still appointed to the centre), and logs the use in the same transaction. The link's row
 * is locked (FOR SHARE) while it is checked, so a withdrawal waits for the check or is seen by it;
 * expiry and withdrawal are compared on the database's clock. An unknown secret is NOT_FOUND. Anyone
 * but the link's EV gets NOT_FOUND too, whether the link is live or not, so a forwarded link says
 * nothing; the link's EV gets SAMPLE_PACK_CLOSED once it has expired or been withdrawn. Every
 * refusal is logged for the centre to see.
 */
async function admitToLink(actor: Actor | null, token: string, what: string, request: RequestFacts) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound();
  const outcome = await db().$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<
      {
        id: string;
        centreId: string;
        evId: string;
        candidateIds: string[];
        note: string;
        expiresAt: Date;
        expired: boolean;
        revoked: boolean;
      }[]
    >`
      SELECT id, "centreId", "evId", "candidateIds", note, "expiresAt", "expiresAt" <= now() AS expired, "revokedAt" IS NOT NULL AS revoked
      FROM "SamplePackLink" WHERE "tokenSha256" = ${hashOf(token)} FOR SHARE`;
    if (!link) return null;
    // A candidate outside the pack (or since moved to another centre) is not in it.
    const outside =
      what !== "pack" &&
      !(
        link.candidateIds.includes(what) &&
        (await tx.user.count({ where: { id: what, centreId: link.centreId } })) === 1
      );
    const refusal: keyof typeof REFUSAL | null =
      actor === null
        ? "anonymous"
        : actor.userId !== link.evId ||
            !actor.roles.includes("EXTERNAL_VERIFIER") ||
            !actor.evCentreIds.includes(link.centreId)
          ? "account"
          : link.revoked
            ? "revoked"
            : link.expired
              ? "expired"
              : outside
                ? "candidate"
                : null;
    await tx.samplePackAccess.create({
      data: {
        linkId: link.id,
        userId: actor?.userId ?? null,
        what: outside ? "other" : what,
        allowed: refusal === null,
        refusal: refusal ? REFUSAL[refusal] : null,
        ip: request.ip?.slice(0, 100) ?? null,
        userAgent: request.userAgent?.slice(0, 300) ?? null,
      },
    });
    return { link, refusal };
  });
  if (!outcome) throw notFound();
  const { link, refusal } = outcome;
  if (refusal === "anonymous") throw new AppError("UNAUTHENTICATED");
  if (refusal === "revoked" || refusal === "expired") throw new AppError("SAMPLE_PACK_CLOSED");
  if (refusal) throw notFound();
  return link;
}

/** The pack as its EV sees it: the centre, the candidates and when the link expires. */
export async function openSamplePack(actor: Actor | null, token: string, request: RequestFacts) {
  const link = await admitToLink(actor, token, "pack", request);
  const [centre, candidates] = await Promise.all([
    db().centre.findUniqueOrThrow({ where: { id: link.centreId }, select: { name: true, code: true } }),
    db().user.findMany({
      where: { id: { in: link.candidateIds }, centreId: link.centreId },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { centre, candidates, note: link.note, expiresAt: link.expiresAt };
}

/** One candidate's portfolio ZIP from the pack, for its EV while the link is open. */
export async function samplePackPortfolio(
  actor: Actor | null,
  token: string,
  candidateId: string,
  request: RequestFacts,
): Promise<{ name: string; stream: Readable }> {
  // Someone else's portfolio: the password is asked for first, so the link's log records only
  // downloads that happen (and the refused attempts of anyone else).
  if (actor) requireRecentPassword(actor);
  const link = await admitToLink(actor, token, candidateId, request);
  return portfolioArchive(actor!, candidateId, { action: "samplepack.download", detail: { linkId: link.id } });
}
