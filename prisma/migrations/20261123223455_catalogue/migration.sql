-- CreateTable
CREATE TABLE "QualificationSpec" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "awardingBody" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "scheme" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" UUID,

    CONSTRAINT "QualificationSpec_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateRegistration" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "registeredOn" DATE NOT NULL,
    "units" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID NOT NULL,

    CONSTRAINT "CandidateRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QualificationSpec_title_idx" ON "QualificationSpec"("title");

-- CreateIndex
CREATE UNIQUE INDEX "QualificationSpec_code_version_key" ON "QualificationSpec"("code", "version");

-- CreateIndex
CREATE INDEX "CandidateRegistration_candidateId_createdAt_idx" ON "CandidateRegistration"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "CandidateRegistration_specId_idx" ON "CandidateRegistration"("specId");

-- AddForeignKey
ALTER TABLE "CandidateRegistration" ADD CONSTRAINT "CandidateRegistration_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateRegistration" ADD CONSTRAINT "CandidateRegistration_specId_fkey" FOREIGN KEY ("specId") REFERENCES "QualificationSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateRegistration" ADD CONSTRAINT "CandidateRegistration_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
