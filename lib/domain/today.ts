/** Today's date in Europe/London as YYYY-MM-DD (for date inputs and "not in the future" checks). */
export const londonToday = (now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
