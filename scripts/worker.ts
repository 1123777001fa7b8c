// `npm run worker`: the job queue's worker on its own (DATABASE_URL, or the embedded server for a
// local try). Run as many as needed beside app servers started with WORKER=off; `npm start` needs
// none, as its server runs one. Stops cleanly on SIGTERM, leaving unfinished jobs to be retried.
import { resolveDatabase } from "../lib/db/database-url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { startWorker } from "../lib/jobs/worker";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const database = await resolveDatabase();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
const worker = await startWorker(database.url, prisma);
console.log("Worker running: upload clean-up, notification e-mail and digests, action points due.");
const stop = async () => {
  await worker.stop();
  await prisma.$disconnect();
  await database.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
