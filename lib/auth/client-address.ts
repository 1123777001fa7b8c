// The client's network address, for sign-in throttling. X-Forwarded-For is written by whoever
// sends the request, so it is trusted only for as many hops as the operator says there are
// proxies in front of the app (TRUSTED_PROXY_HOPS, default 0: the socket address). The app's own
// server (scripts/server.ts) computes it once per request and passes it on in CLIENT_ADDRESS_HEADER,
// replacing any value a client sent.
import { isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-eportfolio-client-address";
export const UNKNOWN_ADDRESS = "unknown";

export function trustedProxyHops(): number {
  const value = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isSafeInteger(value) && value >= 0 && value <= 10 ? value : 0;
}

const normalise = (address: string) => {
  const plain = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(plain) ? plain : null;
};

/**
 * Like Express's `trust proxy = n`: the socket is the nearest hop, each trusted proxy appended
 * the address it saw to X-Forwarded-For, so the client is n entries back from the socket. With
 * fewer entries than hops, the furthest one is used.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [socketAddress ?? "", ...forwarded.reverse()];
  const chosen = chain[Math.min(hops, chain.length - 1)] ?? "";
  return normalise(chosen) ?? UNKNOWN_ADDRESS;
}
