/** Today's date in Europe/London as YYYY-MM-DD (for date inputs and "not in the future" checks). */
export const londonToday = (now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);

/** A calendar day (YYYY-MM-DD) as PostgreSQL's `date` columns hold it: that day's UTC midnight. */
export const storedDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** A stored `date` (its UTC midnight) back to YYYY-MM-DD. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The instant a UK calendar day (YYYY-MM-DD) begins: midnight in Europe/London, 23:00 UTC the day
 * before in summer time. The clocks change at 01:00 UTC, so the offset at 00:00 UTC is the day's.
 */
export function londonMidnight(isoDate: string): Date {
  const utcMidnight = storedDate(isoDate);
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", hourCycle: "h23" }).format(
      utcMidnight,
    ),
  );
  return new Date(utcMidnight.getTime() - hour * 3_600_000);
}

/**
 * A period of UK days (as stored: PostgreSQL dates, read as UTC midnights) as instants: from its
 * first day's London midnight up to, not including, the London midnight after its last day. A
 * sign-off at 00:30 on 1 September in summer time (23:30 UTC the day before) is in September's.
 */
export function londonPeriod(from: Date, to: Date): { start: Date; end: Date } {
  return { start: londonMidnight(isoDay(from)), end: londonMidnight(isoDay(new Date(to.getTime() + 86_400_000))) };
}
