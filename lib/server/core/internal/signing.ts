import "server-only";
// What every signature shares: the signer's password re-entered, the candidate's row locked so a
// candidate's sign-offs and signatures happen one at a time, and a second signature of the same
// record (a unique violation) reported as already signed.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "./db";
import { AppError } from "../errors";

type Tx = Prisma.TransactionClient;

export async function checkPassword(actor: Actor, password: string) {
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, password)))
    throw new AppError("WRONG_PASSWORD", { password: ["That password is not right."] });
}

/** The candidate's row, locked: sign-offs and signatures of one candidate happen one at a time. */
export async function lockCandidate(tx: Tx, candidateId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${candidateId}::uuid FOR NO KEY UPDATE`;
}

export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
