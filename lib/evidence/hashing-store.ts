// The tus project's FileStore, hashing each upload's bytes (SHA-256) as they are written, so a
// finished upload's hash is known without reading the file back. The hash in progress lives in
// this process and carries on from part to part while the parts reach this process in order. A
// part that starts where this process has no hash (after a restart, or when the previous part
// went to another server) is written without hashing, and the finished file is then hashed once
// at the end (lib/evidence/ingest.ts), never re-read part by part: behind round-robin balancing
// that would read an ever longer prefix for every part. Either way the hash is of exactly the
// stored bytes.
import { createHash, type Hash } from "node:crypto";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileStore } from "@tus/file-store";
import { ERRORS } from "@tus/utils";

const WRITE_BUFFER = 1024 * 1024;

type Progress = { hash: Hash; offset: number; touched: number };

/** Hashes in progress untouched this long are dropped (the finished file is then hashed once). */
const IDLE_MS = 6 * 3600 * 1000;

export class HashingFileStore extends FileStore {
  private readonly progress = new Map<string, Progress>();

  constructor(private readonly dir: string) {
    super({ directory: dir });
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    this.dropIdle();
    const carried = this.progress.get(id);
    // Until this part is written in full its hash is unknown: a failure leaves none behind.
    this.progress.delete(id);
    const hash = carried && carried.offset === offset ? carried.hash : offset === 0 ? createHash("sha256") : null;
    let received = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash?.update(chunk);
        received += chunk.length;
        callback(null, chunk);
      },
    });
    // As FileStore.write, with a 1 MB buffer instead of the 16 KB default: each network chunk no
    // longer waits for its own disk write, and buffered chunks go down in one writev.
    const file = createWriteStream(path.join(this.dir, id), {
      flags: "r+",
      start: offset,
      highWaterMark: WRITE_BUFFER,
    });
    try {
      await pipeline(readable, tap, file);
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    const end = offset + received;
    if (hash) this.progress.set(id, { hash, offset: end, touched: Date.now() });
    return end;
  }

  /** The finished upload's SHA-256, if this process hashed all `size` bytes; null otherwise. */
  takeDigest(id: string, size: number): string | null {
    const p = this.progress.get(id);
    this.progress.delete(id);
    return p && p.offset === size ? p.hash.digest("hex") : null;
  }

  private dropIdle() {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, p] of this.progress) if (p.touched < cutoff) this.progress.delete(id);
  }
}
