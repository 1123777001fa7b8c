import { test as setup } from "@playwright/test";
import { PERSONAS, signInAs, storageStateOf } from "./support/personas";

// Each persona signs in once through the real form; specs reuse the saved session.
for (const persona of PERSONAS) {
  setup(`sign in as ${persona}`, async ({ page }) => {
    await signInAs(page, persona);
    await page.context().storageState({ path: storageStateOf(persona) });
  });
}
