-- CreateIndex
CREATE INDEX "EvidenceFile_sha256_idx" ON "EvidenceFile"("sha256");
