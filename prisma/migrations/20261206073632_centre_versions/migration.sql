-- CreateTable
CREATE TABLE "CentreChange" (
    "id" BIGSERIAL NOT NULL,
    "centreId" UUID NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CentreChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CentreChange_centreId_weight_idx" ON "CentreChange"("centreId", "weight");

-- As portfolio_changed (20261206072423_portfolio_versions), for a centre's summaries.
CREATE FUNCTION centre_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: a query over the transition table "changed" giving the centre of each row.
  EXECUTE 'INSERT INTO "CentreChange" ("centreId") SELECT DISTINCT c FROM (' || TG_ARGV[0] || ') x(c) WHERE c IS NOT NULL';
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Centre', 'SELECT id FROM changed'),
    ('User', 'SELECT "centreId" FROM changed'),
    ('UserRole', 'SELECT u."centreId" FROM changed r JOIN "User" u ON u.id = r."userId"'),
    ('AssessorAssignment', 'SELECT u."centreId" FROM changed a JOIN "User" u ON u.id = a."candidateId"'),
    ('SamplingPlan', 'SELECT "centreId" FROM changed'),
    ('IvSample', 'SELECT "centreId" FROM changed'),
    ('IvVerdict', 'SELECT s."centreId" FROM changed v JOIN "IvSample" s ON s.id = v."sampleId"'),
    ('IvResponse', 'SELECT s."centreId" FROM changed r JOIN "IvSample" s ON s.id = r."sampleId"'),
    ('IvActionPoint', 'SELECT s."centreId" FROM changed a JOIN "IvVerdict" v ON v.id = a."verdictId" JOIN "IvSample" s ON s.id = v."sampleId"')
  ) AS v(tbl, centres)
  LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION centre_changed(%L)',
        t.tbl || '_centre_' || lower(op), op, t.tbl, CASE op WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END, t.centres);
    END LOOP;
  END LOOP;
END $$;
