import "server-only";
// One tus server per process for the app's upload route (which checks the actor first and
// reserves the upload's space before the tus server sees the request).
import type { Server } from "@tus/server";
import { db } from "@/lib/server/core/internal/db";
import { uploadDir } from "@/lib/storage";
import { makeTusServer } from "./tus";
import { PostgresLocker } from "./upload-lock";
import { config } from "@/lib/config";

/** Set by the upload route (replacing any client value) to the id reserved for a new upload. */
export const UPLOAD_ID_HEADER = "x-eportfolio-upload-id";

const globalForTus = globalThis as unknown as { tusServer?: Server };

export function tusServer(): Server {
  globalForTus.tusServer ??= makeTusServer({
    path: "/api/uploads",
    directory: uploadDir(),
    prisma: db,
    // Session-level connections (not a transaction pooler): see docs/deployment.md.
    locker: new PostgresLocker(config().UPLOAD_LOCK_DATABASE_URL ?? config().DATABASE_URL!),
    namingFunction(req) {
      const id = req.headers.get(UPLOAD_ID_HEADER);
      if (!id || !/^[0-9a-f]{32}$/.test(id)) throw { status_code: 400, body: "The upload was not reserved." };
      return id;
    },
  });
  return globalForTus.tusServer;
}
