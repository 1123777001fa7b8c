// Where to send someone after signing in: only somewhere on this site. A string check ("starts
// with / and not //") is not enough: browsers read "/\evil.example" and "/<TAB>/evil.example" as
// "//evil.example". So resolve the target the way a browser would and require our own origin.
export function safeRedirectPath(target: string | null | undefined, origin: string): string {
  if (!target) return "/";
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // Dot segments are resolved away, so "/.//evil.example" comes back as "//evil.example": a path
  // that starts with two slashes is another site's address to the browser.
  if (/^[/\\]{2}/.test(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
