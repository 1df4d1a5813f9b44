/**
 * The calendar day and time in Sweden (Europe/Stockholm, CET/CEST) at an instant, from ICU's
 * time-zone data through `Intl`: the day a Swedish bookkeeper's registration falls on (BFL 5 kap.
 * 7 §), not the day in UTC, which is the day before for anything registered after 23:00 (22:00
 * in summer). Pure: the same instant gives the same text (on the same time-zone data).
 */
const momentsInSweden = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The parts of the moment in Sweden at `instant`, an ISO-8601 instant. */
function partsInSweden(instant: string): Readonly<Record<string, string>> {
  const moment = new Date(instant);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`not an instant: ${instant}`);
  const parts: Record<string, string> = {};
  for (const part of momentsInSweden.formatToParts(moment)) parts[part.type] = part.value;
  return parts;
}

/** An instant in UTC as the stores stamp it, `YYYY-MM-DDTHH:…Z`, before 22:00. */
const utcBefore22Pattern = /^\d{4}-\d{2}-\d{2}T([01]\d|2[01]):\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** `YYYY-MM-DD` of the day in Sweden at `instant`, an ISO-8601 instant. */
export function dayInSweden(instant: string): string {
  // Sweden is one or two hours ahead of UTC: before 22:00 UTC it is the same day there. The audit
  // asks this of every business event's stamp, and `Intl` takes some 5 µs a call.
  if (utcBefore22Pattern.test(instant)) return instant.slice(0, 10);
  const { year, month, day } = partsInSweden(instant);
  return `${year}-${month}-${day}`;
}

/**
 * `YYYY-MM-DD HH:MM` in Sweden at `instant`: a registration as a Swedish reader reads it, in the
 * time on the office clock.
 */
export function minuteInSweden(instant: string): string {
  const { year, month, day, hour, minute } = partsInSweden(instant);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}
