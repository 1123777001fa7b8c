-- CreateTable
CREATE TABLE "EvVisit" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "evId" UUID NOT NULL,
    "visitedOn" DATE NOT NULL,
    "remote" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvSampleItem" (
    "id" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "signOffId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "specId" UUID NOT NULL,
    "unitRef" TEXT NOT NULL,
    "assessorId" UUID NOT NULL,
    "ivVerdictId" UUID,
    "ivId" UUID,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvSampleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvFinding" (
    "id" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "itemId" UUID,
    "agreesAssessment" BOOLEAN,
    "agreesIv" BOOLEAN,
    "text" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvActionPoint" (
    "id" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "targetOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvActionPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvActionResponse" (
    "id" UUID NOT NULL,
    "actionPointId" UUID NOT NULL,
    "adminId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "respondedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvActionResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplePackLink" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "evId" UUID NOT NULL,
    "tokenSha256" TEXT NOT NULL,
    "candidateIds" UUID[],
    "note" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamplePackLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplePackAccess" (
    "id" BIGSERIAL NOT NULL,
    "linkId" UUID NOT NULL,
    "userId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "what" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "refusal" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "SamplePackAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvVisit_centreId_visitedOn_idx" ON "EvVisit"("centreId", "visitedOn");

-- CreateIndex
CREATE UNIQUE INDEX "EvSampleItem_visitId_signOffId_key" ON "EvSampleItem"("visitId", "signOffId");

-- CreateIndex
CREATE INDEX "EvFinding_visitId_recordedAt_idx" ON "EvFinding"("visitId", "recordedAt");

-- CreateIndex
CREATE INDEX "EvActionPoint_visitId_createdAt_idx" ON "EvActionPoint"("visitId", "createdAt");

-- CreateIndex
CREATE INDEX "EvActionResponse_actionPointId_respondedAt_idx" ON "EvActionResponse"("actionPointId", "respondedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SamplePackLink_tokenSha256_key" ON "SamplePackLink"("tokenSha256");

-- CreateIndex
CREATE INDEX "SamplePackLink_centreId_createdAt_idx" ON "SamplePackLink"("centreId", "createdAt");

-- CreateIndex
CREATE INDEX "SamplePackAccess_linkId_at_idx" ON "SamplePackAccess"("linkId", "at");

-- AddForeignKey
ALTER TABLE "EvSampleItem" ADD CONSTRAINT "EvSampleItem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EvVisit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvFinding" ADD CONSTRAINT "EvFinding_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EvVisit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvFinding" ADD CONSTRAINT "EvFinding_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "EvSampleItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvActionPoint" ADD CONSTRAINT "EvActionPoint_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EvVisit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvActionResponse" ADD CONSTRAINT "EvActionResponse_actionPointId_fkey" FOREIGN KEY ("actionPointId") REFERENCES "EvActionPoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplePackAccess" ADD CONSTRAINT "SamplePackAccess_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SamplePackLink"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Hand-written: the EV's sample, findings, action points and the centre's responses are permanent
-- records (decision 0009); the access log of sample-pack links likewise.
CREATE TRIGGER "EvVisit_permanent" BEFORE UPDATE OR DELETE ON "EvVisit" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "EvSampleItem_permanent" BEFORE UPDATE OR DELETE ON "EvSampleItem" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "EvFinding_permanent" BEFORE UPDATE OR DELETE ON "EvFinding" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "EvActionPoint_permanent" BEFORE UPDATE OR DELETE ON "EvActionPoint" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "EvActionResponse_permanent" BEFORE UPDATE OR DELETE ON "EvActionResponse" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
CREATE TRIGGER "SamplePackAccess_permanent" BEFORE UPDATE OR DELETE ON "SamplePackAccess" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();

-- Hand-written: a sample-pack link changes once, when the centre withdraws it (revokedAt from NULL
-- to a time); its EV, candidates, secret and expiry never change, and it is never deleted.
CREATE FUNCTION sample_pack_link_withdraw_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a sample-pack link is a permanent record: it is withdrawn, never deleted';
  END IF;
  IF OLD."revokedAt" IS NOT NULL OR NEW."revokedAt" IS NULL
     OR (to_jsonb(NEW) - 'revokedAt') IS DISTINCT FROM (to_jsonb(OLD) - 'revokedAt') THEN
    RAISE EXCEPTION 'a sample-pack link is a permanent record: it can only be withdrawn, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SamplePackLink_withdraw_only" BEFORE UPDATE OR DELETE ON "SamplePackLink" FOR EACH ROW EXECUTE FUNCTION sample_pack_link_withdraw_only();
