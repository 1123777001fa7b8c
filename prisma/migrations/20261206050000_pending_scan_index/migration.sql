-- Files waiting for their virus check (rare): the hourly sweep that re-queues a stalled check
-- finds them without reading every file's row. Partial, so kept in SQL only (as Evidence_place_candidate_idx).
CREATE INDEX "EvidenceFile_pending_scan_idx" ON "EvidenceFile"("uploadedAt") WHERE "scanStatus" = 'pending';
