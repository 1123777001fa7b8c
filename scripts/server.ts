// The app's HTTP server: Next.js's request handler behind a plain Node server, so that the client's
// address comes from the socket (and from X-Forwarded-For only for the TRUSTED_PROXY_HOPS proxies
// the operator declares). `next start` cannot do this: it keeps whatever X-Forwarded-For a client
// sends. Run by `npm start` and `npm run serve`; needs a production build and DATABASE_URL.
import { createServer } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import next from "next";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  markClientAddressTrusted,
  trustedProxyHops,
} from "../lib/auth/client-address";
import { prepareJobQueue } from "../lib/jobs/queue";
import { startWorker } from "../lib/jobs/worker";
import { PrismaClient } from "../lib/generated/prisma/client";
import { configOrExit } from "../lib/config/cli";

const settings = configOrExit(); // stops here, naming each bad variable
const port = settings.PORT;
const hops = trustedProxyHops();
markClientAddressTrusted(); // this server sets the header on every request (below)
const app = next({ dev: false, port, hostname: "localhost" });

// The queue's tables and queues exist before any request can add a job.
await prepareJobQueue(settings.DATABASE_URL!);
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  // Replaces any value a client sent under the same name.
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  void handle(req, res);
});
server.listen(port, () => console.log(`Serving on http://localhost:${port} (trusted proxy hops: ${hops})`));

// The job queue's worker (upload clean-up, e-mail, action points due), in this process unless
// WORKER=off, for deployments that run workers on their own (`npm run worker`).
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: settings.DATABASE_URL! }) });
const worker = settings.WORKER === "off" ? null : await startWorker(settings.DATABASE_URL!, prisma);

// On SIGTERM: stop taking requests, let running jobs finish (pg-boss retries any that cannot), go.
const stop = () => {
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 15_000).unref();
  void (worker?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
