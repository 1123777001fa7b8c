import type { Readable } from "node:stream";

/**
 * A Node stream as a web stream for a Response, with backpressure, and torn down when the
 * browser stops reading (a video element that only wanted the metadata, a closed tab).
 * Readable.toWeb() keeps pushing into the closed controller and throws uncaught errors there.
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream.on("data", (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) stream.pause();
        });
        stream.once("end", () => {
          if (done) return;
          done = true;
          controller.close();
        });
        stream.once("error", (error) => {
          if (done) return;
          done = true;
          controller.error(error);
        });
      },
      pull() {
        stream.resume();
      },
      cancel() {
        done = true;
        stream.destroy();
      },
    },
    { highWaterMark: 4 },
  );
}
