-- CreateEnum
CREATE TYPE "CompetenceRole" AS ENUM ('ASSESSOR', 'INTERNAL_VERIFIER');

-- CreateEnum
CREATE TYPE "ObservationOutcome" AS ENUM ('SATISFACTORY', 'DEVELOPMENT_NEEDED');

-- DropIndex
DROP INDEX "AssessorCompetence_userId_recordedAt_idx";

-- AlterTable
ALTER TABLE "AssessorCompetence" ADD COLUMN     "role" "CompetenceRole" NOT NULL DEFAULT 'ASSESSOR';

-- AlterTable
ALTER TABLE "IvSample" ADD COLUMN     "criteria" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "IvVerdict" ADD COLUMN     "needsCountersignature" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IvCountersignature" (
    "id" UUID NOT NULL,
    "verdictId" UUID NOT NULL,
    "ivId" UUID NOT NULL,
    "declaration" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IvCountersignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvObservation" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "assessorId" UUID NOT NULL,
    "ivId" UUID NOT NULL,
    "candidateId" UUID,
    "observedOn" DATE NOT NULL,
    "seen" TEXT NOT NULL,
    "outcome" "ObservationOutcome" NOT NULL,
    "feedback" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IvObservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandardisationMeeting" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "specId" UUID,
    "unitRefs" TEXT[],
    "evidenceIds" UUID[],
    "discussed" TEXT NOT NULL,
    "agreed" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandardisationMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandardisationParticipant" (
    "meetingId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "attended" BOOLEAN NOT NULL,

    CONSTRAINT "StandardisationParticipant_pkey" PRIMARY KEY ("meetingId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "IvCountersignature_verdictId_key" ON "IvCountersignature"("verdictId");

-- CreateIndex
CREATE INDEX "IvObservation_centreId_observedOn_idx" ON "IvObservation"("centreId", "observedOn");

-- CreateIndex
CREATE INDEX "IvObservation_assessorId_observedOn_idx" ON "IvObservation"("assessorId", "observedOn");

-- CreateIndex
CREATE INDEX "StandardisationMeeting_centreId_heldOn_idx" ON "StandardisationMeeting"("centreId", "heldOn");

-- CreateIndex
CREATE INDEX "StandardisationParticipant_userId_idx" ON "StandardisationParticipant"("userId");

-- CreateIndex
CREATE INDEX "AssessorCompetence_userId_role_recordedAt_idx" ON "AssessorCompetence"("userId", "role", "recordedAt");

-- AddForeignKey
ALTER TABLE "IvCountersignature" ADD CONSTRAINT "IvCountersignature_verdictId_fkey" FOREIGN KEY ("verdictId") REFERENCES "IvVerdict"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandardisationParticipant" ADD CONSTRAINT "StandardisationParticipant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "StandardisationMeeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: countersignatures, observations and standardisation records are permanent (decision 0009).
CREATE TRIGGER "IvCountersignature_permanent" BEFORE UPDATE OR DELETE ON "IvCountersignature" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "IvObservation_permanent" BEFORE UPDATE OR DELETE ON "IvObservation" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "StandardisationMeeting_permanent" BEFORE UPDATE OR DELETE ON "StandardisationMeeting" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "StandardisationParticipant_permanent" BEFORE UPDATE OR DELETE ON "StandardisationParticipant" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();

-- Hand-written: the plan's site coverage looks up only evidence that records a place.
CREATE INDEX "Evidence_place_candidate_idx" ON "Evidence"("candidateId") WHERE place IS NOT NULL;
