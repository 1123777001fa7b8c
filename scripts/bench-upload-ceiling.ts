// The ceiling for scripts/bench-upload.ts on this machine: a bare Node HTTP server (no tus, no app)
// that only does what the upload must do with the bytes (write them at their offset and SHA-256
// them, or nothing at all), driven by a plain HTTP client sending the file in 16 MB parts, one
// after another, as the browser does. Run by bench-upload.ts as a child: `<mode> <file> <dir>`.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

const [mode, file, dir] = process.argv.slice(2) as ["serve-discard" | "serve-hashwrite" | "client", string, string];
const MB = 1024 * 1024;

if (mode === "client") {
  // argv: client <file> <port> <partMb>
  const port = Number(dir);
  const part = Number(process.argv[5] ?? 16) * MB;
  const { size } = await stat(file);
  const started = process.hrtime.bigint();
  for (let offset = 0; offset < size; offset += part) {
    const length = Math.min(part, size - offset);
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, method: "PATCH", headers: { "upload-offset": offset, "content-length": length } },
        (res) => {
          res.resume();
          res.on("end", resolve);
        },
      );
      req.on("error", reject);
      createReadStream(file, { start: offset, end: offset + length - 1 }).pipe(req);
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`mbps ${(size / MB / seconds).toFixed(1)}`);
} else {
  const out = path.join(dir, "ceiling.bin");
  await writeFile(out, "");
  const hash = createHash("sha256");
  const server = http.createServer((req, res) => {
    const offset = Number(req.headers["upload-offset"]);
    const sink =
      mode === "serve-discard"
        ? [new Writable({ write: (_chunk, _encoding, callback) => callback() })]
        : [
            new Transform({
              transform: (chunk: Buffer, _encoding, callback) => (hash.update(chunk), callback(null, chunk)),
            }),
            createWriteStream(out, { flags: "r+", start: offset, highWaterMark: MB }),
          ];
    pipeline(req, ...(sink as [Writable])).then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(`ready ${typeof address === "object" && address ? address.port : 0}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
