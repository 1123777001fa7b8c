// Runs before every page: gives the render a fresh CSP nonce. Not an authorisation layer: every
// page and server function checks the actor itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/domain/csp";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp); // Next.js reads the nonce from here
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Uploads stream straight to their route (the proxy would buffer and cap request bodies), and
  // evidence files carry their own, stricter CSP, which the page CSP must not replace.
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|manifest.webmanifest|api/uploads|api/evidence/files).*)",
    },
  ],
};
