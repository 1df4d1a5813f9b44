/**
 * The calendar day in Sweden (Europe/Stockholm, CET/CEST) at an instant, from ICU's time-zone
 * data through `Intl`: the day a Swedish bookkeeper's registration falls on (BFL 5 kap. 7 §), not
 * the day in UTC, which is the day before for anything registered after 23:00 (22:00 in summer).
 */
const daysInSweden = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of the day in Sweden at `instant`, an ISO-8601 UTC instant. */
export function dayInSweden(instant: string): string {
  const moment = new Date(instant);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`not an instant: ${instant}`);
  let year = '';
  let month = '';
  let day = '';
  for (const part of daysInSweden.formatToParts(moment)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}
