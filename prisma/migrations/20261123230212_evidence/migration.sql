-- CreateEnum
CREATE TYPE "AssessmentMethod" AS ENUM ('PRODUCT', 'OBSERVATION', 'WITNESS_TESTIMONY', 'PROFESSIONAL_DISCUSSION', 'QUESTIONING', 'RECOGNITION_OF_PRIOR_LEARNING', 'OTHER');

-- CreateEnum
CREATE TYPE "EvidenceStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateTable
CREATE TABLE "Evidence" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "activityDate" DATE NOT NULL,
    "method" "AssessmentMethod" NOT NULL,
    "status" "EvidenceStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "previousVersionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "storageKey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "scanStatus" TEXT NOT NULL,
    "scanDetail" TEXT NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceUpload" (
    "id" TEXT NOT NULL,
    "evidenceId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'uploading',
    "reason" TEXT,
    "fileId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceCriterion" (
    "evidenceId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "unitRef" TEXT NOT NULL,
    "criterion" TEXT NOT NULL,
    "mappedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceCriterion_pkey" PRIMARY KEY ("evidenceId","specId","unitRef","criterion")
);

-- CreateIndex
CREATE INDEX "Evidence_candidateId_createdAt_idx" ON "Evidence"("candidateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_storageKey_key" ON "EvidenceFile"("storageKey");

-- CreateIndex
CREATE INDEX "EvidenceFile_evidenceId_idx" ON "EvidenceFile"("evidenceId");

-- CreateIndex
CREATE INDEX "EvidenceUpload_candidateId_state_idx" ON "EvidenceUpload"("candidateId", "state");

-- CreateIndex
CREATE INDEX "EvidenceCriterion_specId_unitRef_idx" ON "EvidenceCriterion"("specId", "unitRef");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceUpload" ADD CONSTRAINT "EvidenceUpload_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceCriterion" ADD CONSTRAINT "EvidenceCriterion_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceCriterion" ADD CONSTRAINT "EvidenceCriterion_specId_fkey" FOREIGN KEY ("specId") REFERENCES "QualificationSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
