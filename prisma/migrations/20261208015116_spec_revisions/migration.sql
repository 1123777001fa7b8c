-- CreateTable
CREATE TABLE "QualificationSpecRevision" (
    "id" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualificationSpecRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QualificationSpecRevision_specId_idx" ON "QualificationSpecRevision"("specId");

-- CreateIndex
CREATE INDEX "QualificationSpecRevision_sha256_idx" ON "QualificationSpecRevision"("sha256");
