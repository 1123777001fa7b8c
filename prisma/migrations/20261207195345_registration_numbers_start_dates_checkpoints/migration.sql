-- AlterTable
ALTER TABLE "CandidateRegistration" ADD COLUMN     "enrolmentNumber" TEXT,
ADD COLUMN     "uln" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "startedAtCentreOn" DATE;

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" UUID NOT NULL,
    "centreId" UUID,
    "eventId" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_centreId_recordedAt_idx" ON "AuditCheckpoint"("centreId", "recordedAt");

-- A ULN is 10 digits, the first not 0, and the last the check digit: 10 minus the sum of the first
-- nine weighted 10 down to 2, modulo 11 (a remainder of 0 gives no valid ULN). Checked in zod too;
-- here so no writer can store one that the awarding body would reject.
CREATE FUNCTION uln_is_valid(uln text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN uln ~ '^[1-9][0-9]{9}$' THEN (
    SELECT (t.s % 11) <> 0 AND 10 - (t.s % 11) = substr(uln, 10, 1)::int
    FROM (SELECT sum(substr(uln, i, 1)::int * (11 - i)) AS s FROM generate_series(1, 9) AS i) t)
  ELSE false END
$$;
ALTER TABLE "CandidateRegistration" ADD CONSTRAINT "CandidateRegistration_uln_check" CHECK ("uln" IS NULL OR uln_is_valid("uln"));
ALTER TABLE "CandidateRegistration" ADD CONSTRAINT "CandidateRegistration_enrolmentNumber_check" CHECK ("enrolmentNumber" IS NULL OR "enrolmentNumber" ~ '^[A-Z0-9/-]{1,20}$');

-- Checkpoints are anchors: never changed or removed.
CREATE TRIGGER "AuditCheckpoint_permanent" BEFORE UPDATE OR DELETE ON "AuditCheckpoint" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE INDEX "AuditCheckpoint_centreId_eventId_idx" ON "AuditCheckpoint"("centreId", "eventId");

-- The IV dashboard is kept under the centre's version (decision 0019). Its agreement rates count an
-- agreement needing a countersignature once countersigned, and a plan's progress counts signed-off
-- units in a sample, which a sign-off of an already sampled unit (an interim sample) changes.
DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('IvCountersignature', 'SELECT s."centreId" FROM changed c JOIN "IvVerdict" v ON v.id = c."verdictId" JOIN "IvSample" s ON s.id = v."sampleId"'),
    ('UnitSignOff', 'SELECT x."centreId" FROM changed s JOIN "IvSample" x ON x."candidateId" = s."candidateId" AND x."specId" = s."specId" AND x."unitRef" = s."unitRef"')
  ) AS v(tbl, centres)
  LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION centre_changed(%L)',
        t.tbl || '_centre_' || lower(op), op, t.tbl, CASE op WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END, t.centres);
    END LOOP;
  END LOOP;
END $$;
