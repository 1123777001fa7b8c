import "server-only";
// Reading evidence: the candidate's own list, a candidate's portfolio for staff, one piece, one file.
import { type Actor } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { listedFor } from "./internal/guards";
import { authorize } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { visibleEvidence } from "./internal/guards";

export async function listOwnEvidence(actor: Actor, query: { page: number }) {
  authorize(actor, "portfolio.own");
  const where = { candidateId: actor.userId, ...listedFor(actor) };
  const [items, total] = await Promise.all([
    db().evidence.findMany({
      where,
      select: { id: true, title: true, activityDate: true, method: true, status: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
    }),
    db().evidence.count({ where }),
  ]);
  // Counted for this page's rows only: a relation count (`_count`) in the select above made
  // PostgreSQL aggregate the whole mapping table (1.7 s with a million mappings).
  const ids = items.map((e) => e.id);
  const [files, criteria] = await Promise.all([
    db().evidenceFile.groupBy({
      by: ["evidenceId"],
      where: { evidenceId: { in: ids }, deletedAt: null },
      _count: { _all: true },
    }),
    db().evidenceCriterion.groupBy({ by: ["evidenceId"], where: { evidenceId: { in: ids } }, _count: { _all: true } }),
  ]);
  const countOf = (rows: { evidenceId: string; _count: { _all: number } }[], id: string) =>
    rows.find((r) => r.evidenceId === id)?._count._all ?? 0;
  return toPage(
    items.map((e) => ({ ...e, _count: { files: countOf(files, e.id), criteria: countOf(criteria, e.id) } })),
    total,
    query.page,
  );
}

/** A page of a candidate's evidence with files (and their SHA-256) and criteria, for whoever may see the portfolio. */
export async function listCandidateEvidence(actor: Actor, candidateId: string, query: { page: number }) {
  await assertCandidateVisible(actor, candidateId);
  const where = { candidateId, ...listedFor(actor) };
  const [items, total] = await Promise.all([
    db().evidence.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
      include: {
        files: { where: { deletedAt: null }, orderBy: { uploadedAt: "asc" } },
        criteria: { orderBy: [{ unitRef: "asc" }, { criterion: "asc" }], select: { unitRef: true, criterion: true } },
      },
    }),
    db().evidence.count({ where }),
  ]);
  return toPage(
    items.map((e) => ({ ...e, files: e.files.map((f) => ({ ...f, size: Number(f.size) })) })),
    total,
    query.page,
  );
}

/** One piece of evidence with its files (hashes included) and mapped criteria. */
export async function getEvidence(actor: Actor, evidenceId: string) {
  await visibleEvidence(actor, evidenceId);
  const evidence = await db().evidence.findUniqueOrThrow({
    where: { id: evidenceId },
    include: {
      files: { where: { deletedAt: null }, orderBy: { uploadedAt: "asc" } },
      criteria: { orderBy: [{ unitRef: "asc" }, { criterion: "asc" }] },
      candidate: { select: { id: true, name: true } },
    },
  });
  return {
    ...evidence,
    files: evidence.files.map((f) => ({ ...f, size: Number(f.size) })),
    mine: evidence.candidateId === actor.userId,
  };
}

/** A stored file, if the actor may see the candidate's portfolio; 404 otherwise. */
export async function getEvidenceFile(actor: Actor, fileId: string, options: { download?: boolean } = {}) {
  const file = await db().evidenceFile.findFirst({ where: { id: fileId, deletedAt: null } });
  if (!file) throw notFound();
  const evidence = await visibleEvidence(actor, file.evidenceId);
  // A large file waits for its virus check (lib/evidence/scan-job.ts) before anyone else opens it.
  if (file.scanStatus === "pending" && evidence.candidateId !== actor.userId) throw new AppError("SCAN_PENDING");
  // Anyone but the candidate opening a file of the portfolio is on the candidate's centre's trail.
  if (options.download && evidence.candidateId !== actor.userId) {
    const candidate = await db().user.findUnique({ where: { id: evidence.candidateId }, select: { centreId: true } });
    await db().$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "evidence.file.download",
        subjectType: "Evidence",
        subjectId: evidence.id,
        detail: { fileId: file.id, name: file.displayName, sha256: file.sha256 },
        centreId: candidate?.centreId ?? null,
      }),
    );
  }
  return { ...file, size: Number(file.size) };
}
