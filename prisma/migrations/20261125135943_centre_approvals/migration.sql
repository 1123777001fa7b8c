-- CreateTable
CREATE TABLE "CentreApproval" (
    "id" UUID NOT NULL,
    "centreId" UUID NOT NULL,
    "specCode" TEXT NOT NULL,
    "unitRef" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CentreApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CentreApproval_centreId_specCode_unitRef_recordedAt_idx" ON "CentreApproval"("centreId", "specCode", "unitRef", "recordedAt");

-- Hand-written: approvals are a permanent record (decision 0009); a withdrawal is a new row.
CREATE TRIGGER "CentreApproval_permanent" BEFORE UPDATE OR DELETE ON "CentreApproval" FOR EACH ROW EXECUTE FUNCTION refuse_decision_change();
