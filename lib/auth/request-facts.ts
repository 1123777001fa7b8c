import "server-only";
import { headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER, clientAddressTrusted } from "./client-address";

/** The client's address (as the app's own server found it, never a forged header) and browser, for access logs. */
export async function requestFacts(): Promise<{ ip: string | null; userAgent: string | null }> {
  const list = await headers();
  return {
    ip: clientAddressTrusted() ? (list.get(CLIENT_ADDRESS_HEADER)?.slice(0, 64) ?? null) : null,
    userAgent: list.get("user-agent")?.slice(0, 300) ?? null,
  };
}
