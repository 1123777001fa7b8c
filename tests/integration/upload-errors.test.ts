// An upload that fails on the server for a reason of ours (here: the database is unreachable)
// must not show the browser internal text (addresses, paths, SQL), but a reference to quote.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { MemoryLocker } from "@tus/server";
import { makeTusServer } from "@/lib/evidence/tus";
import { PrismaClient } from "@/lib/generated/prisma/client";

const unreachable = new PrismaClient({
  adapter: new PrismaPg({ connectionString: "postgresql://nobody:secret@127.0.0.1:9/nowhere" }),
});
afterAll(() => unreachable.$disconnect());

describe("errors while finishing an upload", () => {
  it("reach the browser as a plain message with a reference; the detail goes to the log under it", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "tus-errors-"));
    const server = makeTusServer({ path: "/files", directory, prisma: () => unreachable, locker: new MemoryLocker() });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const bytes = Buffer.from("Notes from the team meeting.\n");
    const created = await server.handleWeb(
      new Request("http://localhost/files", {
        method: "POST",
        headers: {
          "Tus-Resumable": "1.0.0",
          "Upload-Length": String(bytes.length),
          "Upload-Metadata": `filename ${Buffer.from("notes.txt").toString("base64")}`,
        },
      }),
    );
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get("Location")!, "http://localhost/files/").toString();
    const finished = await server.handleWeb(
      new Request(location, {
        method: "PATCH",
        headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
        body: bytes,
        duplex: "half",
      } as RequestInit),
    );
    const body = await finished.text();
    expect(finished.status).toBe(500);
    expect(body).toMatch(/quote reference E-[0-9A-F]{8}/);
    for (const secret of ["127.0.0.1", "nowhere", "ECONNREFUSED", directory, "prisma", "Error"])
      expect(body).not.toContain(secret);
    const reference = /E-[0-9A-F]{8}/.exec(body)![0];
    expect(logged.mock.calls.some((call) => String(call[0]).includes(reference))).toBe(true);
    expect(await readdir(directory)).toEqual([]); // the partial file went too
    logged.mockRestore();
  });
});
