-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'AWARDING_BODY_ADMIN';

-- DropForeignKey
ALTER TABLE "User" DROP CONSTRAINT "User_centreId_fkey";

-- AlterTable
ALTER TABLE "EvidenceUpload" ADD COLUMN     "endedAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
-- (edited: keep what earlier attempts were)
ALTER TABLE "LoginAttempt" ADD COLUMN     "outcome" TEXT;
UPDATE "LoginAttempt" SET "outcome" = CASE WHEN "succeeded" THEN 'succeeded' ELSE 'failed' END;
ALTER TABLE "LoginAttempt" ALTER COLUMN "outcome" SET NOT NULL, DROP COLUMN "succeeded";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "sessionVersion",
ALTER COLUMN "centreId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "ip" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- (added) Before this change a double click could make two next versions of one piece of
-- evidence, which the unique index below would refuse. The first stays the next version; the
-- copies the extra clicks made stand on their own (their own later versions stay linked to them).
UPDATE "Evidence" e SET "previousVersionId" = NULL
WHERE e."previousVersionId" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "Evidence" o WHERE o."previousVersionId" = e."previousVersionId" AND (o."createdAt", o.id) < (e."createdAt", e.id));

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_previousVersionId_key" ON "Evidence"("previousVersionId");

-- CreateIndex
CREATE INDEX "EvidenceUpload_evidenceId_state_idx" ON "EvidenceUpload"("evidenceId", "state");

-- CreateIndex
CREATE INDEX "EvidenceUpload_state_lastActivityAt_idx" ON "EvidenceUpload"("state", "lastActivityAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- (added) External verifiers are appointed by the awarding body: an account that only verifies
-- becomes a platform account, which no centre's administrator can manage (decision 0007).
UPDATE "User" SET "centreId" = NULL
WHERE id IN (SELECT "userId" FROM "UserRole" WHERE role = 'EXTERNAL_VERIFIER')
  AND NOT EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = "User".id AND r.role <> 'EXTERNAL_VERIFIER');
-- An account that also works in a centre cannot be its verifier: the handbooks' EV is independent
-- of the centres they verify, and nobody verifies their own decisions. Its EV role and
-- appointments end; the awarding body appoints a platform account instead.
DELETE FROM "ExternalVerifierCentre" WHERE "userId" IN (SELECT id FROM "User" WHERE "centreId" IS NOT NULL);
DELETE FROM "UserRole" WHERE role = 'EXTERNAL_VERIFIER' AND "userId" IN (SELECT id FROM "User" WHERE "centreId" IS NOT NULL);

-- Known-device throttling bucket (decision 0006)
-- AlterTable
ALTER TABLE "LoginAttempt" ADD COLUMN     "device" TEXT;
-- CreateIndex
CREATE INDEX "LoginAttempt_device_at_idx" ON "LoginAttempt"("device", "at");
