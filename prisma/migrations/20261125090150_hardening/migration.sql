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
