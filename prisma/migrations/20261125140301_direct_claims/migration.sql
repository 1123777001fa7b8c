-- AlterTable
ALTER TABLE "CertificateClaim" ADD COLUMN     "releasedDirectly" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DirectClaimsStatus" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "specCode" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectClaimsStatus_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectClaimsStatus_centreId_specCode_recordedAt_idx" ON "DirectClaimsStatus"("centreId", "specCode", "recordedAt");

-- Hand-written: each grant and withdrawal is a permanent record (decision 0009).
CREATE TRIGGER "DirectClaimsStatus_permanent" BEFORE UPDATE OR DELETE ON "DirectClaimsStatus" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
