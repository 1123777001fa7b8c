// The client's network address, for sign-in throttling. X-Forwarded-For is written by whoever
// sends the request, so it is trusted only for as many hops as the operator says there are
// proxies in front of the app (TRUSTED_PROXY_HOPS, default 0: the socket address). The app's own
// server (scripts/server.ts) computes it once per request and passes it on in CLIENT_ADDRESS_HEADER,
// replacing any value a client sent.
import { isIP } from "node:net";
import { config } from "@/lib/config";

export const CLIENT_ADDRESS_HEADER = "x-eportfolio-client-address";
export const UNKNOWN_ADDRESS = "unknown";
// A mark in this process's memory, not an environment variable, which a child process or a .env
// file could carry to a server that does not set the header.
const TRUSTED_MARK = Symbol.for("eportfolio.clientAddressSetByServer");
const marks = globalThis as unknown as Record<symbol, boolean | undefined>;

/** Called by scripts/server.ts, in its own process, before Next.js starts: the header is its own. */
export function markClientAddressTrusted() {
  marks[TRUSTED_MARK] = true;
}
/** Only then is the header trusted; served any other way a client could have written it. */
export const clientAddressTrusted = () => marks[TRUSTED_MARK] === true;

/** TRUSTED_PROXY_HOPS (0 to 10; lib/config). */
export const trustedProxyHops = (): number => config().TRUSTED_PROXY_HOPS;

/** IPv4 as is; IPv6 by its /64, which is what one household or device is given. */
const normalise = (address: string) => {
  const plain = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const version = isIP(plain);
  if (version === 4) return plain;
  if (version !== 6) return null;
  const [head = "", tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, "").toLowerCase())
    .join(":")}::/64`;
};

/**
 * Like Express's `trust proxy = n`: the socket is the nearest hop, each trusted proxy appended
 * the address it saw to X-Forwarded-For, so the client is n entries back from the socket. With
 * fewer entries than hops, the furthest one is used.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [socketAddress ?? "", ...forwarded.reverse()];
  const chosen = chain[Math.min(hops, chain.length - 1)] ?? "";
  return normalise(chosen) ?? UNKNOWN_ADDRESS;
}
