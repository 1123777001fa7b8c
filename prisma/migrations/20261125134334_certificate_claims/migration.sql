-- CreateEnum
CREATE TYPE "ClaimKind" AS ENUM ('UNITS', 'QUALIFICATION');

-- CreateEnum
CREATE TYPE "ClaimOutcome" AS ENUM ('AUTHORISED', 'REFUSED');

-- CreateTable
CREATE TABLE "CertificateClaim" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "kind" "ClaimKind" NOT NULL,
    "units" TEXT[],
    "pack" JSONB NOT NULL,
    "packSha256" TEXT NOT NULL,
    "raisedById" UUID NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "correctsId" UUID,

    CONSTRAINT "CertificateClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimDecision" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "outcome" "ClaimOutcome" NOT NULL,
    "reasons" TEXT NOT NULL,
    "evId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateClaim_correctsId_key" ON "CertificateClaim"("correctsId");

-- CreateIndex
CREATE INDEX "CertificateClaim_centreId_raisedAt_idx" ON "CertificateClaim"("centreId", "raisedAt");

-- CreateIndex
CREATE INDEX "CertificateClaim_candidateId_raisedAt_idx" ON "CertificateClaim"("candidateId", "raisedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimDecision_claimId_key" ON "ClaimDecision"("claimId");

-- AddForeignKey
ALTER TABLE "ClaimDecision" ADD CONSTRAINT "ClaimDecision_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "CertificateClaim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: claims and their decisions are permanent (decision 0009).
CREATE TRIGGER "CertificateClaim_permanent" BEFORE UPDATE OR DELETE ON "CertificateClaim" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "ClaimDecision_permanent" BEFORE UPDATE OR DELETE ON "ClaimDecision" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
