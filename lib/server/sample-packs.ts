import "server-only";
// Time-limited links to a sample pack: the portfolios of some candidates of the centre, for one
// named external verifier to sample remotely (decision 0013). The link's secret is shown once and
// stored only as its SHA-256; it opens only for that EV, signed in, until it expires or the centre
// withdraws it. Every use, allowed or refused, is logged, and the log is shown to the centre.
import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/domain/policy";
import type { SamplePackInput } from "@/lib/validation/external-verification";
import { recordAudit } from "./audit";
import { authorizeOwnCentre } from "./authorize";
import { db } from "./db";
import { AppError, notFound } from "./errors";
import { portfolioArchive } from "./portfolio-archive";

const DAY_MS = 86_400_000;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Who is asking, for the access log: the address and browser as the request gave them. */
export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export async function createSamplePackLink(actor: Actor, input: SamplePackInput): Promise<{ id: string; token: string; expiresAt: Date }> {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  const data = input;
  const ev = await db().user.findFirst({ where: { email: data.evEmail, active: true, roles: { some: { role: "EXTERNAL_VERIFIER" } } }, select: { id: true } });
  if (!ev) throw new AppError("NOT_A_VERIFIER", { evEmail: ["No external verifier has that email address."] });
  const candidates = await db().user.findMany({ where: { email: { in: data.candidateEmails }, centreId, roles: { some: { role: "CANDIDATE" } } }, select: { id: true, email: true } });
  const unknown = data.candidateEmails.filter((e) => !candidates.some((c) => c.email === e));
  if (unknown.length > 0) throw new AppError("INVALID_INPUT", { candidateEmails: [`Not a candidate of this centre: ${unknown.join(", ")}.`] });
  const token = randomBytes(32).toString("base64url");
  return db().$transaction(async (tx) => {
    const link = await tx.samplePackLink.create({
      data: { centreId, createdById: actor.userId, evId: ev.id, tokenSha256: hashOf(token), candidateIds: candidates.map((c) => c.id), note: data.note, expiresAt: new Date(Date.now() + data.days * DAY_MS) },
    });
    await recordAudit(tx, actor, { action: "samplepack.create", subjectType: "SamplePackLink", subjectId: link.id, detail: { evId: ev.id, candidateIds: link.candidateIds, expiresAt: link.expiresAt.toISOString() } });
    return { id: link.id, token, expiresAt: link.expiresAt };
  });
}

/** The centre withdraws a link before it expires; withdrawing it again changes nothing. */
export async function revokeSamplePackLink(actor: Actor, linkId: string): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  await db().$transaction(async (tx) => {
    const { count } = await tx.samplePackLink.updateMany({ where: { id: linkId, centreId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0 && !(await tx.samplePackLink.findFirst({ where: { id: linkId, centreId }, select: { id: true } }))) throw notFound();
    if (count > 0) await recordAudit(tx, actor, { action: "samplepack.revoke", subjectType: "SamplePackLink", subjectId: linkId });
  });
}

/** The centre's links, newest first, each with its candidates, its state and its access log. */
export async function listSamplePackLinks(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "samplepack.share");
  const links = await db().samplePackLink.findMany({
    where: { centreId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { accesses: { orderBy: { at: "desc" }, take: 50 } },
  });
  const ids = [...new Set(links.flatMap((l) => [l.evId, l.createdById, ...l.candidateIds, ...l.accesses.flatMap((a) => (a.userId ? [a.userId] : []))]))];
  const people = new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
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
    accesses: l.accesses.map((a) => ({
      id: a.id.toString(),
      at: a.at,
      who: a.userId ? (people.get(a.userId) ?? "another account") : "not signed in",
      what: a.what === "pack" ? "opened the pack" : `downloaded ${people.get(a.what) ?? "a portfolio"}'s portfolio`,
      allowed: a.allowed,
      refusal: a.refusal,
      ip: a.ip,
    })),
  }));
}

const REFUSAL = { expired: "the link had expired", revoked: "the centre had withdrawn the link", account: "signed in as someone other than the EV it is for" } as const;

/**
 * Checks a link for the EV using it and logs the use. An unknown secret is NOT_FOUND; a link that
 * has expired or been withdrawn, or is used by anyone but its EV, gives nothing (SAMPLE_PACK_CLOSED)
 * and the refusal is logged for the centre to see.
 */
async function admitToLink(actor: Actor | null, token: string, what: string, request: RequestFacts) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound();
  const link = await db().samplePackLink.findUnique({ where: { tokenSha256: hashOf(token) } });
  // A candidate outside the pack (or since moved to another centre) is not in it.
  if (!link || (what !== "pack" && !(link.candidateIds.includes(what) && (await db().user.count({ where: { id: what, centreId: link.centreId } })) === 1))) throw notFound();
  const refusal: keyof typeof REFUSAL | null =
    link.revokedAt !== null ? "revoked" : link.expiresAt.getTime() <= Date.now() ? "expired" : actor?.userId !== link.evId || !actor.roles.includes("EXTERNAL_VERIFIER") ? "account" : null;
  await db().samplePackAccess.create({
    data: { linkId: link.id, userId: actor?.userId ?? null, what, allowed: refusal === null, refusal: refusal ? REFUSAL[refusal] : null, ip: request.ip?.slice(0, 100) ?? null, userAgent: request.userAgent?.slice(0, 300) ?? null },
  });
  if (refusal === "account") throw notFound();
  if (refusal) throw new AppError("SAMPLE_PACK_CLOSED");
  return link;
}

/** The pack as its EV sees it: the centre, the candidates and when the link expires. */
export async function openSamplePack(actor: Actor | null, token: string, request: RequestFacts) {
  const link = await admitToLink(actor, token, "pack", request);
  const [centre, candidates] = await Promise.all([
    db().centre.findUniqueOrThrow({ where: { id: link.centreId }, select: { name: true, code: true } }),
    db().user.findMany({ where: { id: { in: link.candidateIds }, centreId: link.centreId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { centre, candidates, note: link.note, expiresAt: link.expiresAt };
}

/** One candidate's portfolio ZIP from the pack, for its EV while the link is open. */
export async function samplePackPortfolio(actor: Actor | null, token: string, candidateId: string, request: RequestFacts): Promise<{ name: string; stream: Readable }> {
  const link = await admitToLink(actor, token, candidateId, request);
  return portfolioArchive(actor!, candidateId, { action: "samplepack.download", detail: { linkId: link.id } });
}
