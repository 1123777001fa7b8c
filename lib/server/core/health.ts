import "server-only";
import { db } from "./internal/db";

/** Whether the database answers; used by /api/health (no actor: it reveals nothing but up/down). */
export async function checkHealth(): Promise<{ ok: boolean; database: "ok" | "unreachable" }> {
  try {
    await db().$queryRaw`SELECT 1`;
    return { ok: true, database: "ok" };
  } catch {
    return { ok: false, database: "unreachable" };
  }
}
