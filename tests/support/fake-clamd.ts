// A stand-in clamd speaking the INSTREAM protocol (ClamAV and its signatures cannot be installed
// here): it answers FOUND for the EICAR test string and OK otherwise, and keeps what it received.
// With `streamMaxLength` it behaves like clamd past its StreamMaxLength: answers the limit error
// and closes while the client may still be sending.
import net from "node:net";

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

export async function startFakeClamd(options: { streamMaxLength?: number; answer?: (content: Buffer) => string } = {}) {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let answered = false;
    socket.on("error", () => {}); // a client that stops sending after the answer resets the socket
    socket.on("data", (d) => {
      if (answered) return;
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
          answered = true;
          socket.end(
            `${options.answer?.(content) ?? (content.includes(EICAR) ? "stream: Eicar-Test-Signature FOUND" : "stream: OK")}\0`,
          );
          return;
        }
        if (buffer.length < offset + 4 + size) return;
        chunks.push(buffer.subarray(offset + 4, offset + 4 + size));
        offset += 4 + size;
        if (
          options.streamMaxLength !== undefined &&
          chunks.reduce((n, c) => n + c.length, 0) > options.streamMaxLength
        ) {
          answered = true;
          socket.end("INSTREAM size limit exceeded. ERROR\0");
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
