// The sample-pack page as a complete HTML document, for the route that answers a sample-pack link
// (app/sample-packs/[token]/route.ts). It is a route handler, not an App Router page, so that a
// refusal answers with the status it means: an App Router page can answer only 200, 401, 403, 404
// or a redirect, and a link that has expired or been withdrawn is 410 Gone. No script, no form:
// a heading, a few sentences and links, styled inline (the CSP allows inline styles, not scripts).
import { formatDateTime } from "@/lib/domain/format";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body{margin:0;min-height:100vh;background:#f8fafc;color:#0f172a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5}
main{max-width:48rem;margin:0 auto;padding:3rem 1rem}
h1{font-size:1.875rem;font-weight:600;margin:0}
h2{font-size:1.25rem;font-weight:600;margin:1.5rem 0 0}
p{margin:.5rem 0 0}
ul{margin:.5rem 0 0;padding-left:1.5rem}
a{color:#1e40af;text-decoration:underline}
a:focus{outline:3px solid #1e40af;outline-offset:2px}
.refusal{margin-top:1rem;padding:.75rem;border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;border-radius:.25rem}
.home{margin-top:1.5rem}`;

function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escape(title)} – NVQ e-portfolio</title>
<link rel="icon" href="/icon.svg">
<style>${STYLE}</style>
</head>
<body>
<main id="main">
<h1>Sample pack</h1>
${body}
<p class="home"><a href="/">Home</a></p>
</main>
</body>
</html>
`;
}

function htmlResponse(status: number, html: string): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The secret is in the address: never send it on to another site as a referrer.
      "Referrer-Policy": "no-referrer",
    },
  });
}

export interface SamplePackView {
  centre: { name: string; code: string };
  candidates: { id: string; name: string }[];
  note: string;
  expiresAt: Date;
}

/** The pack for the EV it was made for: where it comes from, until when, and a download per portfolio. */
export function samplePackPage(token: string, pack: SamplePackView): Response {
  const items = pack.candidates
    .map(
      (c) =>
        `<li><a href="/api/sample-packs/${escape(token)}/candidates/${escape(c.id)}">${escape(c.name)}: portfolio (ZIP: files, manifest of hashes, records, offline index)</a></li>`,
    )
    .join("\n");
  return htmlResponse(
    200,
    htmlDocument(
      "Sample pack",
      `<p>From ${escape(pack.centre.name)} (centre ${escape(pack.centre.code)}). The link works until ${escape(formatDateTime(pack.expiresAt))}; each download is logged and shown to the centre.</p>
${pack.note ? `<p>Note from the centre: ${escape(pack.note)}</p>` : ""}
<h2>Portfolios (${pack.candidates.length})</h2>
<ul>
${items}
</ul>`,
    ),
  );
}

/** A refused link, with the status it means and what to do about it. */
export function samplePackRefusal(status: number, title: string, message: string): Response {
  return htmlResponse(status, htmlDocument(title, `<p role="alert" class="refusal">${escape(message)}</p>`));
}
