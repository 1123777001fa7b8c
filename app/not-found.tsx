import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-4">Check the address, or go back to your home page.</p>
      <p className="mt-4">
        <Link href="/" className="text-blue-800 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
