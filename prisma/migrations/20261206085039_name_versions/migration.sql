-- CreateTable
CREATE TABLE "NameChange" (
    "id" BIGSERIAL NOT NULL,
    "centreId" UUID NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NameChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NameChange_centreId_weight_idx" ON "NameChange"("centreId", "weight");

-- A person's name changed: the centre they were or are in (decision 0019). Compared row by row
-- between the statement's old and new rows, so other updates of users (preferences, passwords,
-- deactivation) leave it alone.
CREATE FUNCTION user_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NameChange" ("centreId")
  SELECT DISTINCT c FROM (
    SELECT n."centreId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name
    UNION ALL
    SELECT o."centreId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name
  ) x(c) WHERE c IS NOT NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_names" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION user_names_changed();
