-- A file added to, removed from or virus-checked on a piece of evidence changes what the portfolio
-- shows (the evidence's files and their check), so it moves the candidate's portfolio version too
-- (portfolio_changed, migration 20261206072423_portfolio_versions; decision 0019).
CREATE TRIGGER "EvidenceFile_portfolio_insert" AFTER INSERT ON "EvidenceFile" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_changed('SELECT e."candidateId" FROM changed f JOIN "Evidence" e ON e.id = f."evidenceId"');
CREATE TRIGGER "EvidenceFile_portfolio_update" AFTER UPDATE ON "EvidenceFile" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_changed('SELECT e."candidateId" FROM changed f JOIN "Evidence" e ON e.id = f."evidenceId"');
CREATE TRIGGER "EvidenceFile_portfolio_delete" AFTER DELETE ON "EvidenceFile" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_changed('SELECT e."candidateId" FROM changed f JOIN "Evidence" e ON e.id = f."evidenceId"');
