// A sample-pack link (lib/server/external-verification/sample-packs.ts): the pack for the EV it was made for, signed in,
// while the link is open. Every use, allowed or refused, is logged by openSamplePack. A route
// handler rather than a page, so each refusal answers with its own status (lib/http/sample-pack-page.ts):
//   signed out                              -> to sign in, and back here (307)
//   unknown link, or another account's      -> 404 (a forwarded link tells its holder nothing)
//   expired, or withdrawn by the centre     -> 410 Gone (for the EV it was made for)
import { z } from "zod";
import { requestFacts } from "@/lib/auth/request-facts";
import { getActor } from "@/lib/auth/session";
import { samplePackPage, samplePackRefusal } from "@/lib/http/sample-pack-page";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";
import { openSamplePack } from "@/lib/server/external-verification";

export const dynamic = "force-dynamic";

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const NOT_RECOGNISED =
  "This sample-pack link is not recognised, or it is for another account. Sign in as the external verifier it was sent to.";

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }) {
  const { token } = await context.params;
  const actor = await getActor();
  try {
    // A malformed secret names no link: refused as an unknown one (which openSamplePack also does).
    if (!tokenSchema.safeParse(token).success) throw new AppError("NOT_FOUND");
    return samplePackPage(token, await openSamplePack(actor, token, await requestFacts()));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Signed out: the attempt is logged, then sign in and come back.
    if (!actor) {
      return new Response(null, {
        status: 307,
        headers: {
          Location: `/login?callbackUrl=${encodeURIComponent(`/sample-packs/${token}`)}`,
          "Cache-Control": "no-store",
          "Referrer-Policy": "no-referrer",
        },
      });
    }
    if (error.code === "NOT_FOUND") return samplePackRefusal(404, "Sample-pack link not recognised", NOT_RECOGNISED);
    if (error.code === "SAMPLE_PACK_CLOSED")
      return samplePackRefusal(410, "Sample-pack link closed", ERROR_TEXT.SAMPLE_PACK_CLOSED);
    return samplePackRefusal(httpStatus(error.code), "Sample pack", ERROR_TEXT[error.code]);
  }
}
