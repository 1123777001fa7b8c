-- CreateTable
CREATE TABLE "PortfolioChange" (
    "id" BIGSERIAL NOT NULL,
    "candidateId" UUID NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortfolioChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PortfolioChange_candidateId_weight_idx" ON "PortfolioChange"("candidateId", "weight");

-- Every statement that changes what a portfolio shows records the candidates it touched: one row
-- per candidate per statement, from the statement's transition table (so a bulk insert costs one
-- grouped insert, not a trigger call per row). Insert-only: no row is locked or waited for, so no
-- transaction can deadlock on it. The rows commit with the change, so the sum of a candidate's
-- weights grows with every committed change to their portfolio.
CREATE FUNCTION portfolio_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: a query over the transition table "changed" giving the candidate of each row.
  EXECUTE 'INSERT INTO "PortfolioChange" ("candidateId") SELECT DISTINCT c FROM (' || TG_ARGV[0] || ') x(c) WHERE c IS NOT NULL';
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('CandidateRegistration', 'SELECT "candidateId" FROM changed'),
    ('Evidence', 'SELECT "candidateId" FROM changed'),
    ('EvidenceCriterion', 'SELECT e."candidateId" FROM changed m JOIN "Evidence" e ON e.id = m."evidenceId"'),
    ('CriterionJudgement', 'SELECT e."candidateId" FROM changed j JOIN "Evidence" e ON e.id = j."evidenceId"'),
    ('Countersignature', 'SELECT e."candidateId" FROM changed c JOIN "CriterionJudgement" j ON j.id = c."judgementId" JOIN "Evidence" e ON e.id = j."evidenceId" UNION ALL SELECT s."candidateId" FROM changed c JOIN "UnitSignOff" s ON s.id = c."signOffId"'),
    ('UnitSignOff', 'SELECT "candidateId" FROM changed'),
    ('CandidateSignature', 'SELECT "candidateId" FROM changed'),
    ('SignOffFlag', 'SELECT s."candidateId" FROM changed f JOIN "UnitSignOff" s ON s.id = f."signOffId"'),
    ('IvSample', 'SELECT "candidateId" FROM changed'),
    ('IvVerdict', 'SELECT s."candidateId" FROM changed v JOIN "IvSample" s ON s.id = v."sampleId"'),
    ('IvCountersignature', 'SELECT s."candidateId" FROM changed c JOIN "IvVerdict" v ON v.id = c."verdictId" JOIN "IvSample" s ON s.id = v."sampleId"')
  ) AS v(tbl, candidates)
  LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION portfolio_changed(%L)',
        t.tbl || '_portfolio_' || lower(op), op, t.tbl, CASE op WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END, t.candidates);
    END LOOP;
  END LOOP;
END $$;
