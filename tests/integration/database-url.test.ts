// The app's two database paths: DATABASE_URL when set, an embedded server when not.
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { resolveDatabase, startEmbeddedPostgres } from "@/lib/db/database-url";
import { withPgClient } from "@/lib/db/pg-client";

const serverVersion = (url: string) =>
  withPgClient(
    url,
    async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version,
  );

describe("choosing the database", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = saved;
  });

  it("uses DATABASE_URL when it is set, and starts nothing", async () => {
    process.env.DATABASE_URL = inject("databaseUrl");
    const db = await resolveDatabase();
    expect(db).toMatchObject({ url: inject("databaseUrl"), embedded: false });
    expect(await serverVersion(db.url)).toMatch(/^\d+/);
  });

  it("explains, rather than fails obscurely, when the data directory is out of the server's reach", async () => {
    const locked = await mkdtemp(path.join(tmpdir(), "locked-")); // mode 0700
    const attempt = startEmbeddedPostgres({ dataDir: path.join(locked, "data"), quiet: true });
    if (process.getuid?.() === 0) await expect(attempt).rejects.toThrow(/EMBEDDED_PG_DIR/);
    else await (await attempt).stop(); // as an ordinary user the server runs as that user: no problem
  });

  it("starts an embedded PostgreSQL when DATABASE_URL is unset, and reuses it while it runs", async () => {
    delete process.env.DATABASE_URL;
    const parent = await mkdtemp(path.join(tmpdir(), "embedded-pg-"));
    await chmod(parent, 0o755); // the server runs as the "postgres" user, who must reach the data directory
    const dataDir = path.join(parent, "data");
    const first = await startEmbeddedPostgres({ dataDir, quiet: true });
    try {
      expect(first.embedded).toBe(true);
      expect(await serverVersion(first.url)).toMatch(/^18\./);
      const second = await startEmbeddedPostgres({ dataDir, quiet: true });
      expect(second).toMatchObject({ url: first.url, embedded: false });
    } finally {
      await first.stop();
    }
  });
});
