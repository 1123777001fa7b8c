// The app's HTTP server: Next.js's request handler behind a plain Node server, so that the client's
// address comes from the socket (and from X-Forwarded-For only for the TRUSTED_PROXY_HOPS proxies
// the operator declares). `next start` cannot do this: it keeps whatever X-Forwarded-For a client
// sends. Run by `npm start` and `npm run serve`; needs a production build and DATABASE_URL.
import { createServer } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddress, markClientAddressTrusted, trustedProxyHops } from "../lib/auth/client-address";
import { cleanUpUploads } from "../lib/evidence/cleanup";
import { PrismaClient } from "../lib/generated/prisma/client";
import { logWithReference } from "../lib/server/error-reference";
import { uploadDir } from "../lib/storage";

const port = Number(process.env.PORT ?? 3000);
const hops = trustedProxyHops();
markClientAddressTrusted(); // this server sets the header on every request (below)
const app = next({ dev: false, port, hostname: "localhost" });

await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  // Replaces any value a client sent under the same name.
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  void handle(req, res);
});
server.listen(port, () => console.log(`Serving on http://localhost:${port} (trusted proxy hops: ${hops})`));

// Unfinished uploads expire on a schedule (lib/evidence/cleanup.ts: safe when several servers run it).
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const cleanUp = () =>
  cleanUpUploads(prisma, uploadDir())
    .then((r) => r.expired + r.orphansRemoved > 0 && console.log(`Upload clean-up: expired ${r.expired}, removed ${r.orphansRemoved} leftover files.`))
    .catch((error) => logWithReference("Upload clean-up failed", error));
setTimeout(cleanUp, 60_000).unref();
setInterval(cleanUp, 60 * 60_000).unref();

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
