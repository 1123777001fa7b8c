import "server-only";
// One tus server per process for the app's upload route (which checks the actor first).
import type { Server } from "@tus/server";
import { db } from "@/lib/server/db";
import { uploadDir } from "@/lib/storage";
import { makeTusServer } from "./tus";

const globalForTus = globalThis as unknown as { tusServer?: Server };

export function tusServer(): Server {
  globalForTus.tusServer ??= makeTusServer({ path: "/api/uploads", directory: uploadDir(), prisma: db });
  return globalForTus.tusServer;
}
