import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-4">
        This part of the portfolio is for another role. If you think you should have access, ask your centre
        administrator.
      </p>
      <p className="mt-4">
        <Link href="/" className="text-blue-800 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
