import "server-only";
// Builds a candidate's portfolio ZIP (archiver), streamed: see portfolio-export.ts. The caller
// authorises the reader first (portfolio-export.ts for whoever may see the candidate, sample-packs.ts
// for a sample-pack link); this module only builds the archive and audits the export.
import type { Readable } from "node:stream";
import { ZipArchive } from "archiver";
import type { Actor } from "@/lib/domain/policy";
import { evidenceStorage } from "@/lib/storage";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { db } from "@/lib/server/core/internal/db";
import { isoDay } from "@/lib/domain/today";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** A name that is safe as one path segment inside the archive. */
export const segment = (name: string) =>
  name
    .replace(/[\\/:*?"<>|\x00-\x1f]/g, "_")
    .replace(/^\.+/, "_")
    .slice(0, 150) || "file";

/** The archive for a reader already authorised; `audit` names the event recorded on the candidate's centre. */
export async function portfolioArchive(
  actor: Actor,
  candidateId: string,
  audit: { action: string; detail?: Record<string, string> },
): Promise<{ name: string; stream: Readable }> {
  const candidate = await db().user.findUniqueOrThrow({
    where: { id: candidateId },
    select: { id: true, name: true, centreId: true, centre: { select: { name: true, code: true } } },
  });
  const [registrations, evidence, signOffs, samples, claims] = await Promise.all([
    db().candidateRegistration.findMany({
      where: { candidateId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        registeredOn: true,
        units: true,
        createdAt: true,
        spec: { select: { code: true, version: true, title: true } },
      },
    }),
    db().evidence.findMany({
      where: { candidateId, status: "SUBMITTED" },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        description: true,
        method: true,
        activityDate: true,
        submittedAt: true,
        place: true,
        declaration: true,
        previousVersionId: true,
        files: {
          where: { deletedAt: null },
          orderBy: { uploadedAt: "asc" },
          select: { id: true, displayName: true, contentType: true, size: true, sha256: true, storageKey: true },
        },
        criteria: { select: { unitRef: true, criterion: true, spec: { select: { code: true } } } },
        judgements: {
          orderBy: { decidedAt: "asc" },
          select: {
            id: true,
            unitRef: true,
            criterion: true,
            outcome: true,
            feedback: true,
            decidedAt: true,
            supersedesId: true,
            assessor: { select: { name: true } },
          },
        },
      },
    }),
    db().unitSignOff.findMany({
      where: { candidateId },
      orderBy: { signedAt: "asc" },
      select: {
        id: true,
        unitRef: true,
        signed: true,
        signedAt: true,
        reason: true,
        declaration: true,
        evidence: true,
        supersedesId: true,
        assessor: { select: { name: true } },
      },
    }),
    db().ivSample.findMany({
      where: { candidateId },
      select: {
        id: true,
        unitRef: true,
        stage: true,
        criteria: true,
        selectedAt: true,
        verdicts: {
          orderBy: { decidedAt: "asc" },
          select: { outcome: true, feedback: true, decidedAt: true, ivId: true },
        },
      },
    }),
    db().certificateClaim.findMany({
      where: { candidateId },
      orderBy: { raisedAt: "asc" },
      select: {
        id: true,
        kind: true,
        units: true,
        raisedAt: true,
        packSha256: true,
        pack: true,
        decision: { select: { outcome: true, reasons: true, decidedAt: true } },
      },
    }),
  ]);
  const files = evidence.flatMap((e) =>
    e.files.map((f) => ({
      ...f,
      evidenceId: e.id,
      path: `files/${e.id}/${f.id.slice(0, 8)}-${segment(f.displayName)}`,
    })),
  );
  const manifest = {
    format: "portfolio-manifest/1",
    candidate: { id: candidate.id, name: candidate.name },
    exportedAt: new Date().toISOString(),
    files: files.map((f) => ({
      path: f.path,
      evidenceId: f.evidenceId,
      name: f.displayName,
      contentType: f.contentType,
      size: Number(f.size),
      sha256: f.sha256,
    })),
  };
  const portfolio = {
    format: "portfolio/1",
    candidate: { id: candidate.id, name: candidate.name, centre: candidate.centre },
    registrations: registrations.map((r) => ({ ...r, registeredOn: isoDay(r.registeredOn) })),
    evidence: evidence.map(({ files: fs, ...e }) => ({
      ...e,
      files: fs.map(({ storageKey: _key, size, ...f }) => ({ ...f, size: Number(size) })),
    })),
    signOffs,
    // IV verdicts and feedback are addressed to the assessor: not in the candidate's own copy.
    internalVerification: actor.userId === candidateId ? [] : samples,
    claims,
  };
  await db().$transaction(async (tx) => {
    await recordAudit(tx, actor, {
      action: audit.action,
      subjectType: "User",
      subjectId: candidateId,
      detail: { files: files.length, ...audit.detail },
      centreId: candidate.centreId,
    });
  });

  const stream = storedFilesZip(files, (missing) => [
    {
      name: "manifest.json",
      content: JSON.stringify(
        { ...manifest, files: manifest.files.map((m) => ({ ...m, missing: missing.includes(m.path) })) },
        null,
        2,
      ),
    },
    { name: "portfolio.json", content: JSON.stringify(portfolio, null, 2) },
    { name: "index.html", content: indexPage(candidate.name, evidence, files) },
  ]);
  return { name: `portfolio-${segment(candidate.name).replace(/\s+/g, "-")}.zip`, stream };
}

function indexPage(
  name: string,
  evidence: {
    id: string;
    title: string;
    method: string;
    activityDate: Date;
    criteria: { unitRef: string; criterion: string; spec: { code: string } }[];
  }[],
  files: { evidenceId: string; path: string; displayName: string; sha256: string }[],
) {
  const rows = evidence
    .map((e) => {
      const mine = files.filter((f) => f.evidenceId === e.id);
      const criteria = e.criteria.map((c) => `${c.spec.code} ${c.unitRef} ${c.criterion}`).join(", ");
      return `<li><h2>${escapeHtml(e.title)}</h2><p>${escapeHtml(e.method)}, ${isoDay(e.activityDate)}. Criteria: ${escapeHtml(criteria || "none")}</p><ul>${mine
        .map(
          (f) =>
            `<li><a href="${f.path.split("/").map(encodeURIComponent).join("/")}">${escapeHtml(f.displayName)}</a> <code>SHA-256 ${f.sha256}</code></li>`,
        )
        .join("")}</ul></li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Portfolio of ${escapeHtml(name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{word-break:break-all}</style></head>
<body><h1>Portfolio of ${escapeHtml(name)}</h1>
<p>Evidence files are in the <code>files</code> folder; <code>manifest.json</code> lists each file's SHA-256, and <code>portfolio.json</code> holds the mappings, decisions, sign-offs, verifications and claims.</p>
<ol>
${rows}
</ol></body></html>
`;
}

/**
 * A ZIP of stored files, then the entries `finish` makes once it knows which files the store could
 * not give (listed, never silently left out). Files are added one at a time as the reader takes
 * the archive, so memory stays bounded whatever the sizes; a reader who gives up stops it.
 */
export function storedFilesZip(
  files: { path: string; storageKey: string; contentType: string }[],
  finish: (missing: string[]) => { name: string; content: string }[],
): Readable {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  let failed = false;
  const ended = new Promise<void>((resolve) => {
    archive.once("close", () => resolve());
    archive.once("error", () => {
      failed = true;
      resolve();
    });
  });
  void (async () => {
    const missing: string[] = [];
    try {
      for (const f of files) {
        if (archive.destroyed) return;
        if (
          !(await evidenceStorage()
            .exists(f.storageKey)
            .catch(() => false))
        ) {
          missing.push(f.path);
          continue;
        }
        const source: Readable = await evidenceStorage().read(f.storageKey);
        const taken = new Promise((resolve) => archive.once("entry", resolve));
        archive.append(source, { name: f.path, store: /^(image|audio|video)\/|zip|pdf/.test(f.contentType) });
        // The reader may give up (a closed tab) or the file fail part-way: stop, and let the file go.
        await Promise.race([taken, ended]);
        if (archive.destroyed || failed) {
          source.destroy();
          return;
        }
      }
      if (archive.destroyed) return;
      for (const entry of finish(missing)) archive.append(entry.content, { name: entry.name });
      await archive.finalize();
    } catch (error) {
      if (!archive.destroyed) archive.destroy(error as Error);
    }
  })();
  return archive;
}
