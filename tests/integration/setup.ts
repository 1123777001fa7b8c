import { inject } from "vitest";

// lib/server/db.ts reads this on first use.
process.env.DATABASE_URL = inject("databaseUrl");
