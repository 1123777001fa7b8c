// The site's public address (NEXTAUTH_URL, set by scripts/start.ts and the deployment), without a
// trailing slash: for links that leave the page they were made on (e-mail, a sample-pack link to
// send on), which must not depend on running in a browser.
export const siteUrl = (env = process.env) => (env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
