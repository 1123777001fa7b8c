-- AlterTable
ALTER TABLE "UnitContentDraft" ADD COLUMN     "baseContentSha256" TEXT NOT NULL DEFAULT '';
