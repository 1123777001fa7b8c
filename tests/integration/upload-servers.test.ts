// Uploads across app servers, on real PostgreSQL and a shared upload folder: two tus servers (each
// with its own store and lock, as two processes have) take turns on one upload and it finishes to
// the right SHA-256, hashed as it arrived; the PostgreSQL lock admits one writer at a time across
// them, asks the holder elsewhere to let go, and is freed when its holder's connections die.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERRORS } from "@tus/utils";
import type { Actor } from "@/lib/domain/policy";
import { HashingFileStore } from "@/lib/evidence/hashing-store";
import { makeTusServer } from "@/lib/evidence/tus";
import { PostgresLocker } from "@/lib/evidence/upload-lock";
import { db } from "@/lib/server/core/internal/db";
import { createEvidence } from "@/lib/server/evidence";
import { reserveUpload } from "@/lib/server/evidence";
import { withPgClient } from "@/lib/db/pg-client";
import { evidenceStorage } from "@/lib/storage";
import { Readable } from "node:stream";
import { actorFor, makeWorld, type World } from "./fixtures";
import { expectConsoleError } from "../support/console-guard";

const PDF = (filler: Buffer) =>
  Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n% "), filler, Buffer.from("\ntrailer<<>>\n%%EOF\n")]);

describe("uploads across servers", () => {
  let w: World;
  let candidate: Actor;
  const lockers: PostgresLocker[] = [];
  const locker = () => {
    const l = new PostgresLocker(process.env.DATABASE_URL!, { acquireTimeoutMs: 3000 });
    lockers.push(l);
    return l;
  };

  beforeAll(async () => {
    w = await makeWorld();
    candidate = await actorFor(w.users.candidate.id);
  });
  afterAll(async () => {
    for (const l of lockers) await l.close().catch(() => {});
  });

  it("an upload started on one server and finished on the other is stored whole, with the right hash", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "tus-shared-"));
    const servers = [0, 1].map((n) =>
      makeTusServer({
        path: "/files",
        directory,
        prisma: db,
        locker: locker(),
        namingFunction: (req) => req.headers.get("x-id") ?? `missing-${n}`,
      }),
    );
    const bytes = PDF(randomBytes(3 * 1024 * 1024));
    const { id: evidenceId } = await createEvidence(candidate, {
      title: "Across servers",
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    const uploadId = await reserveUpload(candidate, { evidenceId, fileName: "report.pdf", size: bytes.length });
    const created = await servers[0]!.handleWeb(
      new Request("http://localhost/files", {
        method: "POST",
        headers: { "Tus-Resumable": "1.0.0", "Upload-Length": String(bytes.length), "x-id": uploadId },
      }),
    );
    expect(created.status).toBe(201);
    const patch = (server: number, from: number, to: number) =>
      servers[server]!.handleWeb(
        new Request(`http://localhost/files/${uploadId}`, {
          method: "PATCH",
          headers: {
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": String(from),
            "Content-Type": "application/offset+octet-stream",
          },
          body: bytes.subarray(from, to),
          duplex: "half",
        } as RequestInit),
      );
    const third = Math.floor(bytes.length / 3);
    expect((await patch(0, 0, third)).status).toBe(204);
    // The second server has not seen this upload: it writes without hashing, and the finished
    // file is hashed once.
    expect((await patch(1, third, 2 * third)).status).toBe(204);
    const done = await patch(1, 2 * third, bytes.length);
    expect(done.status).toBe(204);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(done.headers.get("Evidence-File-Sha256")).toBe(sha256);
    const file = await db().evidenceFile.findUniqueOrThrow({ where: { id: done.headers.get("Evidence-File-Id")! } });
    expect(file.sha256).toBe(sha256);
    const stored = createHash("sha256");
    for await (const chunk of await evidenceStorage().read(file.storageKey)) stored.update(chunk as Buffer);
    expect(stored.digest("hex")).toBe(sha256);
  });

  it("the store's hash is of exactly the stored bytes, or none: in parts, after a failed part, on another server", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "tus-hash-"));
    const bytes = randomBytes(2 * 1024 * 1024 + 17);
    const expected = createHash("sha256").update(bytes).digest("hex");
    const created = (id: string) =>
      ({ id, size: bytes.length, offset: 0, metadata: {}, creation_date: new Date().toISOString() }) as never;
    // In parts, in order, on one server: hashed as written.
    const store = new HashingFileStore(directory);
    await store.create(created("u1"));
    let offset = await store.write(Readable.from([bytes.subarray(0, 1000)]), "u1", 0);
    offset = await store.write(Readable.from([bytes.subarray(offset)]), "u1", offset);
    expect(store.takeDigest("u1", bytes.length)).toBe(expected);
    // Taken once: asked again there is nothing.
    expect(store.takeDigest("u1", bytes.length)).toBeNull();

    // A part that fails half-way (some bytes may be stored): no hash is kept, and the rest, though
    // written, gives none either (ingest then hashes the stored file once).
    await store.create(created("u2"));
    offset = await store.write(Readable.from([bytes.subarray(0, 1000)]), "u2", 0);
    const failing = new Readable({
      read() {
        this.push(bytes.subarray(offset, offset + 5000));
        this.destroy(new Error("connection lost"));
      },
    });
    await expect(store.write(failing, "u2", offset)).rejects.toBe(ERRORS.FILE_WRITE_ERROR);
    offset = (await store.getUpload("u2")).offset;
    offset = await store.write(Readable.from([bytes.subarray(offset)]), "u2", offset);
    expect(offset).toBe(bytes.length);
    expect(store.takeDigest("u2", bytes.length)).toBeNull();

    // The first part on one server, the rest on another (or after a restart): no re-reading.
    await store.create(created("u3"));
    offset = await store.write(Readable.from([bytes.subarray(0, 1000)]), "u3", 0);
    const other = new HashingFileStore(directory);
    offset = await other.write(Readable.from([bytes.subarray(offset)]), "u3", offset);
    expect(other.takeDigest("u3", bytes.length)).toBeNull();
    expect(store.takeDigest("u3", bytes.length)).toBeNull();
  });

  it("a lock whose connection drops stops its request at once, and another server can take it", async () => {
    expectConsoleError(/^Upload lock on \S+ lost: /); // the server logs the lost lock
    const [a, b] = [locker(), locker()];
    const id = randomBytes(16).toString("hex");
    let stopped = 0;
    const held = a.newLock(id);
    await held.lock(new AbortController().signal, async () => {
      stopped++;
    });
    // PostgreSQL restarts, or the network drops: the holding connection is gone.
    await withPgClient(process.env.DATABASE_URL!, (c) =>
      c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 29813 AND objid = (hashtext($1)::bigint & 4294967295)::oid`,
        [id],
      ),
    );
    await expect.poll(() => stopped, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const next = b.newLock(id);
    await next.lock(new AbortController().signal, async () => {});
    await held.unlock(); // the request that was stopped lets go: nothing to release, nothing thrown
    await next.unlock();
  });

  it("one writer at a time across servers: the holder elsewhere is asked to let go; a dead holder's lock is freed", async () => {
    const [a, b] = [locker(), locker()];
    const id = randomBytes(16).toString("hex");
    let asked = 0;
    const held = a.newLock(id);
    await held.lock(new AbortController().signal, async () => {
      asked++;
    });
    // b waits, asks a (through NOTIFY) to let go, and gives up after its timeout.
    const started = Date.now();
    await expect(b.newLock(id).lock(new AbortController().signal, async () => {})).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(asked).toBeGreaterThanOrEqual(1);
    // When a lets go, b gets it.
    await held.unlock();
    const second = b.newLock(id);
    await second.lock(new AbortController().signal, async () => {});
    // b's process dies (its connections close): the lock is free for a at once.
    await b.close();
    const third = a.newLock(id);
    await third.lock(new AbortController().signal, async () => {});
    await third.unlock();
  });

  it("a holder that lets go when asked hands the lock over without waiting for the timeout", async () => {
    const [a, b] = [locker(), locker()];
    const id = randomBytes(16).toString("hex");
    const held = a.newLock(id);
    await held.lock(new AbortController().signal, () => held.unlock());
    const started = Date.now();
    const next = b.newLock(id);
    await next.lock(new AbortController().signal, async () => {});
    expect(Date.now() - started).toBeLessThan(2000);
    await next.unlock();
  });
});
