-- AlterTable
ALTER TABLE "User" ADD COLUMN     "dateOfBirth" DATE;
