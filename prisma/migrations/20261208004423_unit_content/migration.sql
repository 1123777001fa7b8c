-- AlterTable
ALTER TABLE "QualificationSpec" ADD COLUMN     "basedOnId" UUID,
ADD COLUMN     "changeNote" TEXT,
ADD COLUMN     "filledAt" TIMESTAMPTZ(3),
ADD COLUMN     "importedSha256" TEXT,
ADD COLUMN     "suite" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "UnitContentDraft" (
    "id" UUID NOT NULL,
    "awardingBody" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "unitRef" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "baseSpecId" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID NOT NULL,

    CONSTRAINT "UnitContentDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnitContentDraft_awardingBody_suite_unitRef_level_key" ON "UnitContentDraft"("awardingBody", "suite", "unitRef", "level");

-- CreateIndex
CREATE INDEX "QualificationSpec_awardingBody_suite_code_importedAt_idx" ON "QualificationSpec"("awardingBody", "suite", "code", "importedAt");

-- Existing versions: the suite from their specification, and their hash as imported.
UPDATE "QualificationSpec" SET "suite" = "spec"->>'suite', "importedSha256" = "sha256";
