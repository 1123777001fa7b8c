// The expert witness journey end to end: the assessor puts a witness on the register, links them
// to a candidate, is refused a request until the witness is vetted, vets them and makes an
// invitation link; the witness sets a password from it (once), answers a request with a statement
// and a file, and signs; the testimony is then submitted evidence in the candidate's portfolio.
// Aisha Begum is the candidate, so Jordan Reid's demo progress stays as other specs expect.
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { WITNESS_DECLARATION } from "../../lib/domain/declarations";
import { expectAccessible } from "./support/axe";
import { sql, userId } from "./support/db";
import { signIn, storageStateOf } from "./support/personas";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const stamp = Date.now();
const witness = {
  name: "Hannah Lewis",
  email: `hannah.lewis.${stamp}@brightline.example`,
  password: "hannah-password-2026",
};
const option = `${witness.name}, Brightline Energy`;
/** How the request form lists the witness: unvetted ones say so. */
const requestOption = (approved: boolean) =>
  `${witness.name}, Shift supervisor at Brightline Energy (Shift supervisor)${approved ? "" : ": not approved to give testimony"}`;
const STATEMENT =
  "Aisha followed the evacuation procedure exactly during the October drill and checked her section was clear.";

test.use({ storageState: storageStateOf("assessor") });
test.setTimeout(120_000);

const main = (page: Page) => page.getByRole("main");

test("an assessor vets and invites a witness, who signs testimony that becomes submitted evidence", async ({
  page,
  browser,
  baseURL,
}) => {
  const aisha = await userId("aisha.begum@northgate.example");
  let link = "";

  await test.step("the assessor adds the witness to the register and links them to Aisha", async () => {
    await page.goto("/assessor/witnesses");
    await expect(page.getByRole("heading", { level: 1, name: "Expert witness register" })).toBeVisible();
    // The demo register: Sarah Collins, vetted by Amira Shah, Jordan Reid's team leader.
    const sarah = page.getByRole("row").filter({ hasText: "Sarah Collins" });
    await expect(sarah).toContainText("Approved");
    await expect(sarah).toContainText("by Amira Shah");
    await expect(sarah).toContainText("Jordan Reid: Team leader");
    await expectAccessible(page);

    const add = page.getByRole("form", { name: "Add a witness" });
    await add.getByLabel("Full name").fill(witness.name);
    await add.getByLabel("Email address").fill(witness.email);
    await add.getByLabel("Organisation").fill("Brightline Energy");
    await add.getByLabel("Job role").fill("Shift supervisor");
    await add
      .getByLabel("Evidence of occupational competence")
      .fill("Six years supervising contact centre shifts; fire marshal for the floor.");
    await add.getByRole("button", { name: "Add to the register" }).click();
    await expect(add.getByRole("status")).toContainText(`${witness.name} is on the register.`);
    await expect(page.getByRole("row").filter({ hasText: witness.name })).toContainText("Not vetted yet");

    const linkForm = page.getByRole("form", { name: "Link a witness to a candidate" });
    await linkForm.getByLabel("Witness").selectOption({ label: option });
    await linkForm.getByLabel("Candidate on your caseload").selectOption({ label: "Aisha Begum" });
    await linkForm.getByLabel("Relationship to the candidate").fill("Shift supervisor");
    await linkForm.getByRole("button", { name: "Link" }).click();
    await expect(linkForm.getByRole("status")).toHaveText("Witness linked to the candidate.");
    await expect(page.getByRole("row").filter({ hasText: witness.name })).toContainText(
      "Aisha Begum: Shift supervisor",
    );
  });

  const askForTestimony = async (approved: boolean) => {
    await page.goto(`/assessor/candidates/${aisha}/testimony`);
    const form = page.getByRole("form", { name: /Ask for testimony on 3412-04/ });
    await form.getByLabel("Expert witness").selectOption({ label: requestOption(approved) });
    await form
      .getByText(/^Unit 101 /)
      .first()
      .click();
    await form.getByLabel(/^Unit 101 criterion 1\.1:/).check();
    await form.getByLabel(/^Unit 101 criterion 1\.2:/).check();
    await form
      .getByLabel("Message to the witness")
      .fill("Please describe how Aisha handled the fire drill in October.");
    await form.getByRole("button", { name: "Send the request" }).click();
    return form;
  };

  await test.step("a request to the unvetted witness is refused with the reason", async () => {
    await askForTestimony(false);
    const alert = main(page).getByRole("alert");
    await expect(alert).toContainText("cannot be asked for testimony until an assessor has vetted and approved them");
    await expect(alert).toContainText("No assessor has vetted this witness yet");
    // The refused form keeps what was chosen.
    await expect(page.getByLabel(/^Unit 101 criterion 1\.1:/)).toBeChecked();
    await expectAccessible(page);
  });

  await test.step("the assessor vets the witness and creates an invitation link, shown once", async () => {
    await page.goto("/assessor/witnesses");
    const vet = page.getByRole("form", { name: "Record a vetting decision" });
    await vet.getByLabel("Witness").selectOption({ label: option });
    await vet.getByLabel("Approved to give testimony").check();
    await vet.getByLabel("Reasons").fill("Checked her CV and spoke to her centre manager.");
    await vet.getByRole("button", { name: "Record the decision" }).click();
    await expect(vet.getByRole("status")).toHaveText("Vetting recorded: approved to give testimony.");
    await expect(page.getByRole("row").filter({ hasText: witness.name })).toContainText("by Amira Shah");

    const invite = page.getByRole("form", { name: "Create an invitation link" });
    await invite.getByLabel("Witness").selectOption({ label: option });
    await invite.getByRole("button", { name: "Create an invitation link" }).click();
    const field = invite.getByLabel(`Invitation link for ${witness.name}`);
    await expect(field).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(invite).toContainText("shown only this once");
    link = await field.inputValue();
    // Only the token's SHA-256 is stored, never the token.
    const token = link.split("/").at(-1)!;
    expect(await sql(`SELECT 1 FROM "WitnessInvitation" WHERE "tokenHash" = $1`, [token])).toEqual([]);
    expect(
      await sql(`SELECT 1 AS found FROM "WitnessInvitation" WHERE "tokenHash" = $1`, [
        createHash("sha256").update(token).digest("hex"),
      ]),
    ).toEqual([{ found: 1 }]);
    await expectAccessible(page);
  });

  const witnessContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const w = await witnessContext.newPage();

  await test.step("the witness sets a password from the link, which then stops working", async () => {
    await w.goto(link);
    await expect(w.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
    await expect(w.getByLabel(/Email address/)).toHaveValue(witness.email);
    await expectAccessible(w);
    await w.getByLabel("New password").fill(witness.password);
    await w.getByLabel("The same password again").fill("something-else-entirely");
    await w.getByRole("button", { name: "Set my password" }).click();
    await expect(main(w).getByRole("alert")).toContainText("The two passwords do not match.");
    await w.getByLabel("New password").fill(witness.password);
    await w.getByLabel("The same password again").fill(witness.password);
    await w.getByRole("button", { name: "Set my password" }).click();
    await expect(main(w).getByRole("status")).toContainText("Your password is set.");
    await w.goto(link);
    await expect(main(w).getByRole("alert")).toContainText("already been used");
  });

  await test.step("the witness signs in and has nothing to answer yet", async () => {
    await signIn(w, witness.email, witness.password);
    await expect(w).toHaveURL("/witness");
    await expect(w.getByText("No requests are waiting for you.")).toBeVisible();
    await expect(main(w)).toContainText("Aisha Begum, Northgate College: Shift supervisor");
  });

  await test.step("the assessor asks the vetted witness for testimony", async () => {
    const form = await askForTestimony(true);
    await expect(form.getByRole("status")).toHaveText("Request sent. The witness sees it when they sign in.");
    await expect(page.getByRole("row").filter({ hasText: witness.name })).toContainText("Waiting for the witness");
    await expectAccessible(page);
  });

  await test.step("the witness sees the request and nothing else of Aisha's portfolio", async () => {
    await w.goto("/witness");
    await w.getByRole("link", { name: "Testimony for Aisha Begum" }).click();
    await expect(w.getByRole("heading", { level: 1, name: "Testimony for Aisha Begum" })).toBeVisible();
    await expect(main(w)).toContainText("Please describe how Aisha handled the fire drill in October.");
    await expect(main(w)).toContainText(/Unit 101 .*criterion 1\.1:/);
    await expectAccessible(w);
    // Jordan's demo evidence file is not the witness's to open.
    const [jordansFile] = await sql<{ id: string }>(
      `SELECT f.id FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" WHERE e.title = 'Health and safety induction notes'`,
    );
    expect((await w.request.get(`/api/evidence/files/${jordansFile!.id}`)).status()).toBe(404);
    expect((await w.request.get(`/assessor/candidates/${aisha}`, { maxRedirects: 0 })).status()).toBe(403);
  });

  await test.step("the witness attaches a file, writes a statement and signs the declaration", async () => {
    await w.getByRole("button", { name: "Add files to your testimony" }).click();
    await w
      .getByLabel("Add files", { exact: true })
      .setInputFiles({ name: "drill-rota.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(w.getByRole("list", { name: "Uploads" })).toContainText("Uploaded and checked.");
    await expect(
      w.getByRole("region", { name: "Your files (optional)" }).getByRole("list", { name: "Stored files" }),
    ).toContainText("drill-rota.pdf");

    const sign = w.getByRole("form", { name: "Sign the testimony" });
    await sign.getByLabel(/^Unit 101 criterion 1\.1:/).fill(STATEMENT);
    // Without the declaration it is refused, and the statement is kept.
    await sign.getByRole("button", { name: "Sign the testimony" }).click();
    await expect(sign.getByRole("alert")).toContainText("Confirm the declaration to sign the testimony.");
    await expect(sign.getByLabel(/^Unit 101 criterion 1\.1:/)).toHaveValue(STATEMENT);
    await sign.getByLabel(WITNESS_DECLARATION).check();
    await sign.getByRole("button", { name: "Sign the testimony" }).click();
    await expect(main(w).getByRole("status").filter({ hasText: "Testimony signed." })).toBeVisible();
    await expect(main(w)).toContainText(STATEMENT);
    await expect(main(w)).toContainText("It cannot be changed.");
    await expectAccessible(w);
  });
  await witnessContext.close();

  await test.step("the testimony is submitted evidence in Aisha's portfolio, mapped to the criterion with a statement", async () => {
    await page.goto(`/assessor/candidates/${aisha}`);
    const evidence = page.getByRole("article", { name: `Expert witness testimony from ${witness.name}` });
    await expect(evidence).toContainText("Witness testimony");
    await expect(evidence).toContainText("Submitted");
    await expect(evidence).toContainText("Criteria: 101 1.1");
    await expect(evidence).toContainText("drill-rota.pdf");
    const [row] = await sql<{ status: string; declaration: string; criteria: string }>(
      `SELECT e.status::text AS status, e.declaration, string_agg(c."unitRef" || ':' || c.criterion, ',') AS criteria
         FROM "Evidence" e JOIN "Testimony" t ON t."evidenceId" = e.id JOIN "EvidenceCriterion" c ON c."evidenceId" = e.id
        WHERE e."candidateId" = $1 AND e.title = $2 GROUP BY e.id`,
      [aisha, `Expert witness testimony from ${witness.name}`],
    );
    expect(row).toEqual({ status: "SUBMITTED", declaration: WITNESS_DECLARATION, criteria: "101:1.1" });
    await page.goto(`/assessor/candidates/${aisha}/testimony`);
    await expect(page.getByRole("row").filter({ hasText: witness.name }).first()).toContainText(
      "submitted for assessment",
    );
    await expectAccessible(page);
  });

  await test.step("the assessor judges the testimony and records questioning of the witness", async () => {
    await page.goto(`/assessor/candidates/${aisha}`);
    await page
      .getByRole("article", { name: `Expert witness testimony from ${witness.name}` })
      .getByRole("link")
      .first()
      .click();
    await page.getByRole("link", { name: "Judge unit 101 criterion 1.1" }).click();
    const one = page.getByRole("form", { name: "Judge unit 101 criterion 1.1" });
    for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/])
      await one.getByLabel(label).check();
    await one.getByLabel("Accept").check();
    await one.getByRole("button", { name: /Record the decision/ }).click();
    await expect(page.getByText(/^Accepted by Amira Shah on/).first()).toBeVisible();
    await page.goto(`/assessor/candidates/${aisha}/record`);
    await page.getByLabel("Title").fill("Questions to the witness about the drill");
    await page.getByLabel("Date of the activity").fill("2026-11-20");
    await page.getByLabel("Assessment method").selectOption({ label: "Questioning" });
    await page.getByLabel("Where it took place").fill("By telephone");
    await page.getByLabel("Who was questioned").selectOption({ label: `Expert witness ${witness.name}` });
    await page.getByRole("button", { name: "Save and add files" }).click();
    await expect(
      page.getByText(`Questioning of expert witness ${witness.name}, to check their testimony.`),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
