// The site's public address (NEXTAUTH_URL, set by scripts/start.ts and the deployment), without a
// trailing slash: for links that leave the page they were made on (e-mail, a sample-pack link to
// send on), which must not depend on running in a browser.
import { config } from "../config";

export const siteUrl = () => (config().NEXTAUTH_URL || `http://localhost:${config().PORT}`).replace(/\/+$/, "");
