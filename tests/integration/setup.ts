import { inject } from "vitest";

// lib/server/core/internal/db.ts reads this on first use.
process.env.DATABASE_URL = inject("databaseUrl");
