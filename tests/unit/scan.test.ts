// The clamd client against a stand-in clamd that speaks the INSTREAM protocol, so the protocol
// is tested where ClamAV itself (and its signature database) is not installed.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scanFile } from "@/lib/evidence/scan";
import { EICAR, startFakeClamd } from "../support/fake-clamd";

let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
beforeAll(async () => {
  clamd = await startFakeClamd();
});
afterAll(() => clamd.close());
afterEach(() => {
  delete process.env.CLAMD_HOST;
  delete process.env.CLAMD_PORT;
  clamd.received.length = 0;
});

async function file(content: string | Buffer) {
  const p = path.join(await mkdtemp(path.join(tmpdir(), "scan-")), "f");
  await writeFile(p, content);
  return p;
}

describe("virus scanning", () => {
  it("records files as not scanned when no scanner is configured", async () => {
    expect(await scanFile(await file("hello"))).toEqual({
      status: "not-scanned",
      detail: "No virus scanner is configured.",
    });
  });

  it("streams the whole file to clamd and reports clean and infected files", async () => {
    process.env.CLAMD_HOST = "127.0.0.1";
    process.env.CLAMD_PORT = String(clamd.port);
    const big = Buffer.alloc(300 * 1024, 7);
    expect(await scanFile(await file(big))).toEqual({ status: "clean", detail: "clamd: stream: OK" });
    expect(clamd.received[0]).toEqual(big);
    expect(await scanFile(await file(EICAR))).toEqual({
      status: "infected",
      detail: "clamd: stream: Eicar-Test-Signature FOUND",
    });
  });

  it("a file past clamd's limits is 'not scanned' with clamd's words, never infected or clean; errors fail", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 7);
    const limited = await startFakeClamd({ streamMaxLength: 100_000 });
    const heuristic = await startFakeClamd({ answer: () => "stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND" });
    const broken = await startFakeClamd({ answer: () => "stream: Can't allocate memory ERROR" });
    process.env.CLAMD_HOST = "127.0.0.1";
    try {
      process.env.CLAMD_PORT = String(limited.port);
      expect(await scanFile(await file(big))).toEqual({
        status: "not-scanned",
        detail: "Larger than the virus scanner accepts: clamd said “INSTREAM size limit exceeded. ERROR”.",
      });
      process.env.CLAMD_PORT = String(heuristic.port);
      expect(await scanFile(await file(big))).toMatchObject({
        status: "not-scanned",
        detail: expect.stringContaining("Larger than the virus scanner checks"),
      });
      process.env.CLAMD_PORT = String(broken.port);
      await expect(scanFile(await file(big))).rejects.toThrow(/clamd answered: stream: Can't allocate memory ERROR/);
    } finally {
      await Promise.all([limited.close(), heuristic.close(), broken.close()]);
    }
  });
});
