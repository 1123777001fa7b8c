-- CreateEnum
CREATE TYPE "JudgementOutcome" AS ENUM ('ACCEPTED', 'REFERRED');

-- CreateEnum
CREATE TYPE "AssessorStatus" AS ENUM ('QUALIFIED', 'WORKING_TOWARDS');

-- AlterEnum
ALTER TYPE "AssessmentMethod" ADD VALUE 'SIMULATION';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "authorId" UUID,
ADD COLUMN     "declaration" TEXT,
ADD COLUMN     "place" TEXT;

-- AlterTable
ALTER TABLE "WitnessNomination" ADD COLUMN     "relationship" TEXT;

-- CreateTable
CREATE TABLE "CriterionJudgement" (
    "id" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "unitRef" TEXT NOT NULL,
    "criterion" TEXT NOT NULL,
    "outcome" "JudgementOutcome" NOT NULL,
    "feedback" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    "authentic" BOOLEAN NOT NULL,
    "reliable" BOOLEAN NOT NULL,
    "current" BOOLEAN NOT NULL,
    "sufficient" BOOLEAN NOT NULL,
    "checksNote" TEXT NOT NULL,
    "assessorId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "needsCountersignature" BOOLEAN NOT NULL,
    "supersedesId" UUID,

    CONSTRAINT "CriterionJudgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Countersignature" (
    "id" UUID NOT NULL,
    "judgementId" UUID,
    "signOffId" UUID,
    "assessorId" UUID NOT NULL,
    "declaration" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Countersignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitSignOff" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "unitRef" TEXT NOT NULL,
    "assessorId" UUID NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "declaration" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "evidenceIds" UUID[],
    "signed" BOOLEAN NOT NULL DEFAULT true,
    "needsCountersignature" BOOLEAN NOT NULL,
    "supersedesId" UUID,
    "reason" TEXT,

    CONSTRAINT "UnitSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateSignature" (
    "id" UUID NOT NULL,
    "signOffId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "declaration" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOffFlag" (
    "id" UUID NOT NULL,
    "signOffId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignOffFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessorCompetence" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "status" "AssessorStatus" NOT NULL,
    "award" TEXT,
    "achievedOn" DATE,
    "certificateNumber" TEXT,
    "occupationalCompetence" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessorCompetence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpdEntry" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "activityOn" DATE NOT NULL,
    "activity" TEXT NOT NULL,
    "hours" INTEGER NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CpdEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateReview" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "assessorId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "notes" TEXT NOT NULL,
    "nextVisitOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionPoint" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "targetOn" DATE NOT NULL,
    "doneAt" TIMESTAMPTZ(3),
    "doneById" UUID,

    CONSTRAINT "ActionPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpertWitness" (
    "userId" UUID NOT NULL,
    "organisation" TEXT NOT NULL,
    "jobRole" TEXT NOT NULL,
    "occupationalCompetence" TEXT NOT NULL,
    "addedById" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpertWitness_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "WitnessVetting" (
    "id" UUID NOT NULL,
    "witnessId" UUID NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessVetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WitnessInvitation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestimonyRequest" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "witnessId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "criteria" TEXT[],
    "message" TEXT NOT NULL,
    "attachmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestimonyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Testimony" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "statements" JSONB NOT NULL,
    "declaration" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Testimony_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CriterionJudgement_supersedesId_key" ON "CriterionJudgement"("supersedesId");

-- CreateIndex
CREATE INDEX "CriterionJudgement_evidenceId_idx" ON "CriterionJudgement"("evidenceId");

-- CreateIndex
CREATE INDEX "CriterionJudgement_assessorId_decidedAt_idx" ON "CriterionJudgement"("assessorId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Countersignature_judgementId_key" ON "Countersignature"("judgementId");

-- CreateIndex
CREATE UNIQUE INDEX "Countersignature_signOffId_key" ON "Countersignature"("signOffId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSignOff_supersedesId_key" ON "UnitSignOff"("supersedesId");

-- CreateIndex
CREATE INDEX "UnitSignOff_candidateId_specId_unitRef_idx" ON "UnitSignOff"("candidateId", "specId", "unitRef");

-- CreateIndex
CREATE INDEX "UnitSignOff_assessorId_signedAt_idx" ON "UnitSignOff"("assessorId", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateSignature_signOffId_key" ON "CandidateSignature"("signOffId");

-- CreateIndex
CREATE UNIQUE INDEX "SignOffFlag_signOffId_evidenceId_key" ON "SignOffFlag"("signOffId", "evidenceId");

-- CreateIndex
CREATE INDEX "AssessorCompetence_userId_recordedAt_idx" ON "AssessorCompetence"("userId", "recordedAt");

-- CreateIndex
CREATE INDEX "CpdEntry_userId_activityOn_idx" ON "CpdEntry"("userId", "activityOn");

-- CreateIndex
CREATE INDEX "CandidateReview_candidateId_heldOn_idx" ON "CandidateReview"("candidateId", "heldOn");

-- CreateIndex
CREATE INDEX "ActionPoint_candidateId_doneAt_idx" ON "ActionPoint"("candidateId", "doneAt");

-- CreateIndex
CREATE INDEX "WitnessVetting_witnessId_decidedAt_idx" ON "WitnessVetting"("witnessId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessInvitation_tokenHash_key" ON "WitnessInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "WitnessInvitation_userId_idx" ON "WitnessInvitation"("userId");

-- CreateIndex
CREATE INDEX "TestimonyRequest_witnessId_createdAt_idx" ON "TestimonyRequest"("witnessId", "createdAt");

-- CreateIndex
CREATE INDEX "TestimonyRequest_candidateId_idx" ON "TestimonyRequest"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "Testimony_requestId_key" ON "Testimony"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Testimony_evidenceId_key" ON "Testimony"("evidenceId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionJudgement" ADD CONSTRAINT "CriterionJudgement_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionJudgement" ADD CONSTRAINT "CriterionJudgement_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionJudgement" ADD CONSTRAINT "CriterionJudgement_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "CriterionJudgement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Countersignature" ADD CONSTRAINT "Countersignature_judgementId_fkey" FOREIGN KEY ("judgementId") REFERENCES "CriterionJudgement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Countersignature" ADD CONSTRAINT "Countersignature_signOffId_fkey" FOREIGN KEY ("signOffId") REFERENCES "UnitSignOff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSignOff" ADD CONSTRAINT "UnitSignOff_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSignOff" ADD CONSTRAINT "UnitSignOff_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSignOff" ADD CONSTRAINT "UnitSignOff_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "UnitSignOff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateSignature" ADD CONSTRAINT "CandidateSignature_signOffId_fkey" FOREIGN KEY ("signOffId") REFERENCES "UnitSignOff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOffFlag" ADD CONSTRAINT "SignOffFlag_signOffId_fkey" FOREIGN KEY ("signOffId") REFERENCES "UnitSignOff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessorCompetence" ADD CONSTRAINT "AssessorCompetence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CpdEntry" ADD CONSTRAINT "CpdEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateReview" ADD CONSTRAINT "CandidateReview_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateReview" ADD CONSTRAINT "CandidateReview_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionPoint" ADD CONSTRAINT "ActionPoint_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "CandidateReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertWitness" ADD CONSTRAINT "ExpertWitness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessVetting" ADD CONSTRAINT "WitnessVetting_witnessId_fkey" FOREIGN KEY ("witnessId") REFERENCES "ExpertWitness"("userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestimonyRequest" ADD CONSTRAINT "TestimonyRequest_witnessId_fkey" FOREIGN KEY ("witnessId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Testimony" ADD CONSTRAINT "Testimony_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TestimonyRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Testimony" ADD CONSTRAINT "Testimony_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Hand-written: decisions are permanent. Judgements, sign-offs, signatures, countersignatures,
-- flags, vettings, testimony and competence records are corrected by a new record, never edited
-- or deleted, so the database refuses both whatever path the change comes by.
CREATE FUNCTION refuse_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% records are permanent: add a new record that supersedes this one', TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER "CriterionJudgement_permanent" BEFORE UPDATE OR DELETE ON "CriterionJudgement" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "Countersignature_permanent" BEFORE UPDATE OR DELETE ON "Countersignature" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "UnitSignOff_permanent" BEFORE UPDATE OR DELETE ON "UnitSignOff" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "CandidateSignature_permanent" BEFORE UPDATE OR DELETE ON "CandidateSignature" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "SignOffFlag_permanent" BEFORE UPDATE OR DELETE ON "SignOffFlag" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "AssessorCompetence_permanent" BEFORE UPDATE OR DELETE ON "AssessorCompetence" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "WitnessVetting_permanent" BEFORE UPDATE OR DELETE ON "WitnessVetting" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "Testimony_permanent" BEFORE UPDATE OR DELETE ON "Testimony" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
