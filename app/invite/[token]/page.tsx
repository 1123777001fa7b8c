import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/witnesses/accept-invitation-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { formatDateTime } from "@/lib/domain/format";
import { AppError, ERROR_TEXT } from "@/lib/server/core";
import { getInvitation } from "@/lib/server/witnesses";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = {
  title: "Set your password",
  // The token is in the address: never send it on to another site as a referrer.
  referrer: "no-referrer",
};

/** Public, like /login: the token in the address, not a session, says whose password is set. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: Awaited<ReturnType<typeof getInvitation>> | null = null;
  let problem: string | null = null;
  try {
    invitation = await getInvitation(token);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = ERROR_TEXT[error.code];
  }
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-3xl font-semibold">Set your password</h1>
      {invitation ? (
        <>
          <p className="mt-2 text-slate-700">
            {invitation.name}, you have been added to a centre&apos;s register of expert witnesses for the NVQ
            e-portfolio. Choose a password to sign in and answer requests for your testimony. This link works once,
            until {formatDateTime(invitation.expiresAt)}.
          </p>
          <AcceptInvitationForm
            action={acceptInvitationAction}
            token={token}
            email={invitation.email}
            minLength={PASSWORD_MIN_LENGTH}
          />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
            {problem}
          </p>
          <p className="mt-4">
            <Link href="/login" className="text-blue-800 underline">
              Go to sign in
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
