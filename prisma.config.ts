// Prisma CLI configuration. The app itself never reads this: at run time the database URL comes
// from lib/db/database-url.ts (DATABASE_URL, or the embedded server's URL).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/placeholder" },
});
