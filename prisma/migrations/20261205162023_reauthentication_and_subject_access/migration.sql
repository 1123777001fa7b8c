-- AlterTable
ALTER TABLE "UserSession" ADD COLUMN     "passwordAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Sessions already open last had the password typed when they signed in.
UPDATE "UserSession" SET "passwordAt" = "createdAt";

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "EvSampleItem_candidateId_idx" ON "EvSampleItem"("candidateId");
