-- AlterTable
ALTER TABLE "TestimonyRequest" ADD COLUMN     "draftEvidenceId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "TestimonyRequest_draftEvidenceId_key" ON "TestimonyRequest"("draftEvidenceId");

-- AddForeignKey
ALTER TABLE "TestimonyRequest" ADD CONSTRAINT "TestimonyRequest_draftEvidenceId_fkey" FOREIGN KEY ("draftEvidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
