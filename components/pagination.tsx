import Link from "next/link";
import type { Page } from "@/lib/domain/pagination";

/**
 * Previous / next links that keep the other query parameters. A page with more than one paged list
 * gives each its own query parameter (`param`) and its own navigation label (`label`).
 */
export function Pagination({
  page,
  basePath,
  params = {},
  param = "page",
  label = "Pagination",
}: {
  page: Page<unknown>;
  basePath: string;
  params?: Record<string, string | undefined>;
  param?: string;
  label?: string;
}) {
  if (page.pageCount <= 1) return null;
  const href = (n: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...params, [param]: String(n) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${basePath}?${query}`;
  };
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-4 text-sm">
      {page.page > 1 ? (
        <Link href={href(page.page - 1)}>Previous page</Link>
      ) : (
        <span aria-hidden="true" className="text-slate-600">
          Previous page
        </span>
      )}
      <span>
        Page {page.page} of {page.pageCount}
      </span>
      {page.page < page.pageCount ? (
        <Link href={href(page.page + 1)}>Next page</Link>
      ) : (
        <span aria-hidden="true" className="text-slate-600">
          Next page
        </span>
      )}
    </nav>
  );
}
