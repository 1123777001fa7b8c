-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "witnessId" UUID;
