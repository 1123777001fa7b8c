import type { Page } from "@playwright/test";

/** Resolves once React has hydrated the page (components/hydration-mark.tsx). */
export const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

/**
 * Makes `goto` and `reload` on this page wait for hydration after an HTML page loads. Forms work
 * without JavaScript, so a click made before hydration posts the plain form and reloads the page
 * instead of showing its outcome in place: a test that then waits for the outcome fails now and
 * then on a busy machine.
 */
const patched = new WeakSet<Page>();

export function waitingForHydration(page: Page): Page {
  if (patched.has(page)) return page;
  patched.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const settle = async <R extends Awaited<ReturnType<Page["goto"]>>>(response: R) => {
    if (response && response.ok() && (response.headers()["content-type"] ?? "").startsWith("text/html"))
      await hydrated(page);
    return response;
  };
  page.goto = async (url, options) => settle(await goto(url, options));
  page.reload = async (options) => settle(await reload(options));
  return page;
}
