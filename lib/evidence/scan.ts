// Virus scanning, pluggable: ClamAV's clamd (INSTREAM) when CLAMD_SOCKET or CLAMD_HOST is set;
// otherwise files are recorded as "not-scanned" so nobody mistakes that for clean.
import { createReadStream } from "node:fs";
import net from "node:net";
import type { Readable } from "node:stream";

export type ScanResult = { status: "clean" | "infected" | "not-scanned"; detail: string };
/** As recorded on a file: a large file's check may still be waiting for the job queue. */
export type ScanStatus = ScanResult["status"] | "pending";

export function scannerConfigured(): boolean {
  return Boolean(process.env.CLAMD_SOCKET || process.env.CLAMD_HOST);
}

export async function scanFile(path: string): Promise<ScanResult> {
  return scanStream(() => createReadStream(path, { highWaterMark: 64 * 1024 }));
}

/** Scans bytes from any source (a stored file in S3, say), opened once clamd is listening. */
export async function scanStream(open: () => Readable | Promise<Readable>): Promise<ScanResult> {
  if (!scannerConfigured()) return { status: "not-scanned", detail: "No virus scanner is configured." };
  const socket = process.env.CLAMD_SOCKET
    ? net.createConnection(process.env.CLAMD_SOCKET)
    : net.createConnection(Number(process.env.CLAMD_PORT ?? 3310), process.env.CLAMD_HOST);
  return new Promise<ScanResult>((resolve, reject) => {
    let reply = "";
    socket.setTimeout(120_000, () => socket.destroy(new Error("clamd did not answer in time")));
    socket.on("data", (d) => (reply += d.toString()));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = reply.replace(/\0/g, "").trim();
      if (/: OK$/.test(text)) resolve({ status: "clean", detail: `clamd: ${text}` });
      else if (/FOUND$/.test(text)) resolve({ status: "infected", detail: `clamd: ${text}` });
      else reject(new Error(`clamd answered: ${text}`));
    });
    socket.on("connect", async () => {
      socket.write("zINSTREAM\0");
      for await (const chunk of await open()) {
        const size = Buffer.alloc(4);
        size.writeUInt32BE((chunk as Buffer).length);
        if (!socket.write(Buffer.concat([size, chunk as Buffer]))) await new Promise((r) => socket.once("drain", r));
      }
      socket.end(Buffer.alloc(4));
    });
  });
}
