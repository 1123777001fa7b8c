-- CreateTable
CREATE TABLE "SamplingPlan" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assessors" JSONB NOT NULL,

    CONSTRAINT "SamplingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SamplingPlan_centreId_createdAt_idx" ON "SamplingPlan"("centreId", "createdAt");
