// The clamd client against a stand-in clamd that speaks the INSTREAM protocol, so the protocol
// is tested where ClamAV itself (and its signature database) is not installed.
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scanFile } from "@/lib/evidence/scan";

const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

let server: net.Server;
let received: Buffer[] = [];
beforeAll(async () => {
  server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on("data", (d) => {
      buffer = Buffer.concat([buffer, d]);
      const command = "zINSTREAM\0";
      if (buffer.length < command.length) return;
      let offset = command.length;
      const chunks: Buffer[] = [];
      while (buffer.length >= offset + 4) {
        const size = buffer.readUInt32BE(offset);
        if (size === 0) {
          const content = Buffer.concat(chunks);
          received.push(content);
          socket.end(content.includes(EICAR) ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
          return;
        }
        if (buffer.length < offset + 4 + size) return;
        chunks.push(buffer.subarray(offset + 4, offset + 4 + size));
        offset += 4 + size;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.CLAMD_HOST;
  delete process.env.CLAMD_PORT;
  received = [];
});

async function file(content: string | Buffer) {
  const p = path.join(await mkdtemp(path.join(tmpdir(), "scan-")), "f");
  await writeFile(p, content);
  return p;
}

describe("virus scanning", () => {
  it("records files as not scanned when no scanner is configured", async () => {
    expect(await scanFile(await file("hello"))).toEqual({ status: "not-scanned", detail: "No virus scanner is configured." });
  });

  it("streams the whole file to clamd and reports clean and infected files", async () => {
    process.env.CLAMD_HOST = "127.0.0.1";
    process.env.CLAMD_PORT = String((server.address() as net.AddressInfo).port);
    const big = Buffer.alloc(300 * 1024, 7);
    expect(await scanFile(await file(big))).toEqual({ status: "clean", detail: "clamd: stream: OK" });
    expect(received[0]).toEqual(big);
    expect(await scanFile(await file(EICAR))).toEqual({ status: "infected", detail: "clamd: stream: Eicar-Test-Signature FOUND" });
  });
});
