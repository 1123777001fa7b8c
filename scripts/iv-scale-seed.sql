-- Adds assessment and internal verification records to a centre grown with
-- ../shared/tools/scale-seed.sql, so the IV's pages can be measured at size (`npm run bench:iv`):
-- per generated candidate, unit 201 signed off by their assessor during 2026 and the judgements of
-- unit 202 on their first piece of evidence (a unit still being assessed); one in ten sign-offs
-- sampled and verified by Gareth Evans (one in five of those disagreed); one observation and one
-- standardisation meeting per generated assessor.
-- Usage (same connection as scale-seed.sql):
--   PGPASSWORD=postgres psql -h 127.0.0.1 -p PORT -U postgres -d eportfolio -f scripts/iv-scale-seed.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE ivctx AS
SELECT c.id AS centre, (SELECT id FROM "User" WHERE email = 'iv@northgate.example') AS gareth,
       (SELECT id FROM "QualificationSpec" WHERE code = '3412-03' ORDER BY "importedAt" LIMIT 1) AS spec
FROM "Centre" c WHERE c.code = 'C10001';

CREATE TEMP TABLE scand AS
SELECT u.id, a."assessorId", row_number() OVER (ORDER BY u.email) AS k
FROM "User" u JOIN "AssessorAssignment" a ON a."candidateId" = u.id
WHERE u.email LIKE 'cand%@scale.example';

-- Judgements of unit 202 on each candidate's first piece of evidence: accepted, by their assessor.
INSERT INTO "CriterionJudgement"(id, "evidenceId", "specId", "unitRef", criterion, outcome, feedback, valid, authentic, reliable, current, sufficient, "checksNote", "assessorId", "decidedAt", "needsCountersignature")
SELECT gen_random_uuid(), m."evidenceId", m."specId", m."unitRef", m.criterion, 'ACCEPTED', '', true, true, true, true, true, '', s."assessorId",
       timestamptz '2026-02-01' + (s.k % 250) * interval '1 day', false
FROM scand s JOIN "Evidence" e ON e."candidateId" = s.id AND e.title IN ('Evidence 1', 'Evidence 2')
JOIN "EvidenceCriterion" m ON m."evidenceId" = e.id
WHERE m."unitRef" IN ('201', '202');

-- Unit 201 signed off for every candidate, spread over 2026.
CREATE TEMP TABLE sso AS
SELECT gen_random_uuid() AS id, s.id AS cand, s."assessorId", s.k, timestamptz '2026-02-15' + (s.k % 250) * interval '1 day' AS at,
       ARRAY(SELECT e.id FROM "Evidence" e WHERE e."candidateId" = s.id AND e.title IN ('Evidence 1', 'Evidence 2')) AS evidence
FROM scand s;
INSERT INTO "UnitSignOff"(id, "candidateId", "specId", "unitRef", "assessorId", "signedAt", signed, declaration, evidence, "evidenceIds", "needsCountersignature")
SELECT sso.id, sso.cand, ivctx.spec, '201', sso."assessorId", sso.at, true, 'Generated for scale', '[]', sso.evidence, false FROM sso, ivctx;

-- One in ten sampled and verified by Gareth; one in five of those disagreed.
CREATE TEMP TABLE ssample AS SELECT gen_random_uuid() AS sample_id, sso.* FROM sso WHERE sso.k % 10 = 0;
INSERT INTO "IvSample"(id, "centreId", "candidateId", "specId", "unitRef", stage, reason, "selectedById", "selectedAt")
SELECT ssample.sample_id, ivctx.centre, ssample.cand, ivctx.spec, '201', 'SUMMATIVE', 'Generated for scale', ivctx.gareth, ssample.at + interval '1 day' FROM ssample, ivctx;
INSERT INTO "IvVerdict"(id, "sampleId", outcome, feedback, "ivId", "decidedAt", "signOffId", "judgementIds")
SELECT gen_random_uuid(), ssample.sample_id, CASE WHEN ssample.k % 50 = 0 THEN 'DISAGREE'::"IvOutcome" ELSE 'AGREE'::"IvOutcome" END, 'Generated for scale',
       ivctx.gareth, ssample.at + interval '3 days', ssample.id, '{}'
FROM ssample, ivctx;

INSERT INTO "IvObservation"(id, "centreId", "assessorId", "ivId", "observedOn", seen, outcome, feedback)
SELECT gen_random_uuid(), ivctx.centre, u.id, ivctx.gareth, date '2026-06-01', 'Generated for scale', 'SATISFACTORY', ''
FROM "User" u, ivctx WHERE u.email LIKE 'assessor%@scale.example';
WITH m AS (
  INSERT INTO "StandardisationMeeting"(id, "centreId", "heldOn", "unitRefs", "evidenceIds", discussed, agreed, "recordedById")
  SELECT gen_random_uuid(), ivctx.centre, date '2026-07-01', ARRAY['201'], '{}', 'Generated for scale', 'Generated for scale', ivctx.gareth FROM ivctx
  RETURNING id)
INSERT INTO "StandardisationParticipant"("meetingId", "userId", attended)
SELECT m.id, u.id, true FROM m, "User" u WHERE u.email LIKE 'assessor%@scale.example';
COMMIT;
ANALYZE;
SELECT (SELECT count(*) FROM "CriterionJudgement") AS judgements, (SELECT count(*) FROM "UnitSignOff") AS sign_offs,
       (SELECT count(*) FROM "IvSample") AS samples, (SELECT count(*) FROM "IvVerdict") AS verdicts;
