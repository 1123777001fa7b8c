-- AlterTable
ALTER TABLE "EvidenceUpload" ADD COLUMN     "uploaderId" UUID;

-- AlterTable
ALTER TABLE "ExpertWitness" ADD COLUMN     "accountCreated" BOOLEAN NOT NULL DEFAULT false;
