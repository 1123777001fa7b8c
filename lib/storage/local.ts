// Local disk: files under a directory outside the web root, written under a temporary name in
// the same directory tree and renamed into place (rename is atomic on one file system).
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { EvidenceStorage } from "./types";

export class LocalStorage implements EvidenceStorage {
  readonly kind = "local";
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[a-z0-9][a-z0-9/-]*$/.test(key) || key.includes("..")) throw new Error(`Bad storage key ${key}`);
    return path.join(this.root, key);
  }

  async putFile(key: string, sourcePath: string, _size?: number): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = path.join(path.dirname(target), `.partial-${randomUUID()}`);
    try {
      await rename(sourcePath, partial);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      await copyFile(sourcePath, partial); // another file system: copy, then remove the source
      await rm(sourcePath, { force: true });
    }
    await rename(partial, target);
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
