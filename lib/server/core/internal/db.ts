import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

// One client per process, created on first use: `next build` loads route modules without a
// database, and Next.js dev reloads modules (so the client lives on globalThis).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const connectionString = config().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set; start the app with `npm start`.");
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  return globalForPrisma.prisma;
}
