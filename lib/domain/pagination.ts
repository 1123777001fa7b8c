export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

/** A 1-based page number from a query-string value; anything odd becomes page 1. */
export function parsePage(value: unknown): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function pageWindow(page: number, size = PAGE_SIZE) {
  return { skip: (page - 1) * size, take: size };
}

export function toPage<T>(items: T[], total: number, page: number, size = PAGE_SIZE): Page<T> {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / size)) };
}

/**
 * The total that a page's rows carry (`count(*) OVER ()` beside LIMIT/OFFSET). A page past the last
 * has no row to carry it, so `count` runs then, and only then.
 */
export async function windowTotal(
  rows: { total: number }[],
  page: number,
  count: () => Promise<number>,
): Promise<number> {
  return rows[0]?.total ?? (page > 1 ? count() : 0);
}
