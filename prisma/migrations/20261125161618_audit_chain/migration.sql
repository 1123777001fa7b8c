-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "AuditEvent_centreId_id_idx" ON "AuditEvent"("centreId", "id");

-- Hand-written (decision 0014): the audit trail is hash-chained per centre, and append-only.
-- What each event's hash covers: its fields, each as "<bytes>:<text>\n" so no field can run into
-- the next, ending with the previous event's hash. `npm run audit -- verify` recomputes it.
CREATE FUNCTION audit_event_payload(e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT string_agg(octet_length(f)::text || ':' || f || E'\n', '' ORDER BY n)
  FROM unnest(ARRAY[
    e.id::text, coalesce(e."centreId"::text, ''), coalesce(e."actorId"::text, ''), e.action, e."subjectType", e."subjectId",
    e.detail::text, (extract(epoch FROM e.at) * 1000)::bigint::text, e."prevHash"
  ]) WITH ORDINALITY AS t(f, n)
$$;

-- Each insert waits for the centre's chain (an advisory lock held to the end of the transaction),
-- takes the next id only then, so ids follow the chain, and links to the centre's latest event.
-- The application's transactions run at READ COMMITTED, so the latest committed event is seen.
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit-chain:' || coalesce(NEW."centreId"::text, 'platform'), 0));
  NEW.id := nextval(pg_get_serial_sequence('"AuditEvent"', 'id'));
  NEW.at := date_trunc('milliseconds', NEW.at);
  IF NEW."centreId" IS NULL THEN
    SELECT hash INTO previous FROM "AuditEvent" WHERE "centreId" IS NULL ORDER BY id DESC LIMIT 1;
  ELSE
    SELECT hash INTO previous FROM "AuditEvent" WHERE "centreId" = NEW."centreId" ORDER BY id DESC LIMIT 1;
  END IF;
  NEW."prevHash" := coalesce(previous, '');
  NEW.hash := encode(sha256(convert_to(audit_event_payload(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

-- Events already recorded join the chain in the order they were made.
DO $$
DECLARE
  r "AuditEvent";
  previous text;
  chain text := NULL;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY coalesce("centreId"::text, ''), id LOOP
    IF chain IS DISTINCT FROM coalesce(r."centreId"::text, '') THEN
      chain := coalesce(r."centreId"::text, '');
      previous := '';
    END IF;
    r."prevHash" := previous;
    r.at := date_trunc('milliseconds', r.at);
    r.hash := encode(sha256(convert_to(audit_event_payload(r), 'UTF8')), 'hex');
    UPDATE "AuditEvent" SET "prevHash" = r."prevHash", hash = r.hash, at = r.at WHERE id = r.id;
    previous := r.hash;
  END LOOP;
END $$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: an event cannot be changed or deleted';
END $$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
