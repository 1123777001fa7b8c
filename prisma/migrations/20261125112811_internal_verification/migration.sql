-- CreateEnum
CREATE TYPE "IvStage" AS ENUM ('INTERIM', 'SUMMATIVE');

-- CreateEnum
CREATE TYPE "IvOutcome" AS ENUM ('AGREE', 'DISAGREE');

-- CreateTable
CREATE TABLE "IvSample" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "unitRef" TEXT NOT NULL,
    "stage" "IvStage" NOT NULL,
    "reason" TEXT NOT NULL,
    "selectedById" UUID NOT NULL,
    "selectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IvSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvVerdict" (
    "id" UUID NOT NULL,
    "sampleId" UUID NOT NULL,
    "outcome" "IvOutcome" NOT NULL,
    "feedback" TEXT NOT NULL,
    "ivId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signOffId" UUID,
    "judgementIds" UUID[],
    "followsId" UUID,

    CONSTRAINT "IvVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvActionPoint" (
    "id" UUID NOT NULL,
    "verdictId" UUID NOT NULL,
    "assessorId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "targetOn" DATE NOT NULL,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "IvActionPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvResponse" (
    "id" UUID NOT NULL,
    "sampleId" UUID NOT NULL,
    "assessorId" UUID NOT NULL,
    "note" TEXT NOT NULL,
    "respondedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IvResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IvSample_centreId_selectedAt_idx" ON "IvSample"("centreId", "selectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "IvSample_candidateId_specId_unitRef_stage_key" ON "IvSample"("candidateId", "specId", "unitRef", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "IvVerdict_followsId_key" ON "IvVerdict"("followsId");

-- CreateIndex
CREATE INDEX "IvVerdict_sampleId_decidedAt_idx" ON "IvVerdict"("sampleId", "decidedAt");

-- CreateIndex
CREATE INDEX "IvActionPoint_assessorId_doneAt_idx" ON "IvActionPoint"("assessorId", "doneAt");

-- CreateIndex
CREATE INDEX "IvResponse_sampleId_respondedAt_idx" ON "IvResponse"("sampleId", "respondedAt");

-- AddForeignKey
ALTER TABLE "IvVerdict" ADD CONSTRAINT "IvVerdict_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "IvSample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvActionPoint" ADD CONSTRAINT "IvActionPoint_verdictId_fkey" FOREIGN KEY ("verdictId") REFERENCES "IvVerdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvResponse" ADD CONSTRAINT "IvResponse_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "IvSample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: verdicts, responses and samples are permanent records (decision 0009).
CREATE TRIGGER "IvVerdict_permanent" BEFORE UPDATE OR DELETE ON "IvVerdict" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "IvResponse_permanent" BEFORE UPDATE OR DELETE ON "IvResponse" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "IvSample_permanent" BEFORE UPDATE OR DELETE ON "IvSample" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
