// Virus scanning, pluggable: ClamAV's clamd (INSTREAM) when CLAMD_SOCKET or CLAMD_HOST is set;
// otherwise files are recorded as "not-scanned" so nobody mistakes that for clean.
import { createReadStream } from "node:fs";
import net from "node:net";
import type { Readable } from "node:stream";
import { config } from "../config";

export type ScanResult = { status: "clean" | "infected" | "not-scanned"; detail: string };
/** As recorded on a file: a large file's check may still be waiting for the job queue. */
export type ScanStatus = ScanResult["status"] | "pending";

export function scannerConfigured(): boolean {
  return Boolean(config().CLAMD_SOCKET || config().CLAMD_HOST);
}

export async function scanFile(path: string): Promise<ScanResult> {
  return scanStream(() => createReadStream(path, { highWaterMark: 64 * 1024 }));
}

/** Scans bytes from any source (a stored file in S3, say), opened once clamd is listening. */
export async function scanStream(open: () => Readable | Promise<Readable>): Promise<ScanResult> {
  if (!scannerConfigured()) return { status: "not-scanned", detail: "No virus scanner is configured." };
  const { CLAMD_SOCKET, CLAMD_HOST, CLAMD_PORT } = config();
  const socket = CLAMD_SOCKET
    ? net.createConnection(CLAMD_SOCKET)
    : net.createConnection(Number(CLAMD_PORT ?? 3310), CLAMD_HOST);
  return new Promise<ScanResult>((resolve, reject) => {
    let reply = "";
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      const text = reply.replace(/\0/g, "").trim();
      if (/: OK$/.test(text)) resolve({ status: "clean", detail: `clamd: ${text}` });
      // With AlertExceedsMax, clamd reports a file past MaxFileSize or MaxScanSize as this "virus":
      // it means the file was not read to its end, not that it is infected.
      else if (/: Heuristics\.Limits\.Exceeded\S* FOUND$/.test(text))
        resolve({ status: "not-scanned", detail: `Larger than the virus scanner checks: clamd said “${text}”.` });
      else if (/FOUND$/.test(text)) resolve({ status: "infected", detail: `clamd: ${text}` });
      // Past clamd's StreamMaxLength (25 MB unless raised: see the README) it reads no further.
      // Recorded as not scanned, visibly, rather than keeping the file from its candidate for ever.
      else if (/size limit exceeded/i.test(text))
        resolve({ status: "not-scanned", detail: `Larger than the virus scanner accepts: clamd said “${text}”.` });
      else reject(error ?? new Error(`clamd answered: ${text}`));
      socket.destroy();
    };
    socket.setTimeout(120_000, () => socket.destroy(new Error("clamd did not answer in time")));
    socket.on("data", (d) => (reply += d.toString()));
    // clamd may answer and close while bytes are still being sent (its size limit): the writes then
    // fail, and its answer is what counts.
    socket.on("error", (error) => settle(error));
    socket.on("end", () => settle());
    socket.on("close", () => settle(new Error("clamd closed the connection without an answer")));
    socket.on("connect", async () => {
      try {
        socket.write("zINSTREAM\0");
        for await (const chunk of await open()) {
          // Answered already (or gone): stop reading the file (leaving the loop closes it).
          if (settled || socket.destroyed) break;
          const size = Buffer.alloc(4);
          size.writeUInt32BE((chunk as Buffer).length);
          if (!socket.write(Buffer.concat([size, chunk as Buffer]))) {
            await new Promise((r) => {
              socket.once("drain", r);
              socket.once("close", r);
            });
          }
        }
        if (!settled && !socket.destroyed) socket.end(Buffer.alloc(4));
      } catch (error) {
        socket.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
