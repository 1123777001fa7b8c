import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { signInAction } from "./actions";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  if (await getActor()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-semibold">Sign in</h1>
      <p className="mt-2 mb-6 text-slate-700">
        Sign in to your NVQ e-portfolio with the email address your centre registered.
      </p>
      <SignInForm action={signInAction} callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
    </main>
  );
}
