// Where a sensitive download sends someone who has not typed their password in the last 10
// minutes: confirm it, then continue to what they asked for (a path of this site only).
import { ConfirmPasswordForm } from "@/components/reauth/confirm-password-form";
import { requireActor } from "@/lib/auth/session";
import { passwordIsRecent } from "@/lib/domain/identity/reauthentication";
import { safeRedirectPath } from "@/lib/domain/identity/redirect";

export const metadata = { title: "Confirm your password" };

export default async function ConfirmPasswordPage(props: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireActor();
  const next = safeRedirectPath((await props.searchParams).next, "http://localhost");
  return (
    <>
      <h1 className="text-2xl font-semibold">Confirm your password</h1>
      {passwordIsRecent(actor) ? (
        <p className="mt-3">
          Your password is confirmed for the next few minutes.{" "}
          {/* A plain link: the target may be a download, which the client router cannot show. */}
          <a href={next} className="font-medium text-blue-800 underline">
            Continue
          </a>
        </p>
      ) : (
        <ConfirmPasswordForm purpose="continue" />
      )}
    </>
  );
}
