-- AlterTable
ALTER TABLE "User" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawalReason" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3);
