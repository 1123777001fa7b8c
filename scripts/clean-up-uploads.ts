// `npm run uploads:clean-up`: expires stale unfinished uploads and removes their partial files,
// once (the job queue also does this every hour). Uses DATABASE_URL or the embedded server.
import { withDatabase } from "../lib/db/database-url";
import { withPrisma } from "../lib/db/prisma-script";
import { cleanUpUploads } from "../lib/evidence/cleanup";
import { uploadDir } from "../lib/storage";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

await withDatabase((url) =>
  withPrisma(url, async (prisma) => {
    const report = await cleanUpUploads(prisma, uploadDir());
    console.log(
      `Expired ${report.expired} unfinished uploads; removed ${report.orphansRemoved} leftover partial files.`,
    );
  }),
);
