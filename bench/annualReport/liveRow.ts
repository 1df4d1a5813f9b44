/**
 * The live job's row of the benchmark table (see liveJob.ts): the update of every statement of
 * the open year per new event, p50 / p99 in wall-clock and CPU milliseconds, and end to end with
 * the durable append and the store's notification.
 */
export function liveRow(measured: Record<string, unknown>, eventsLabel: string): string {
  const ms = (key: string): string => (measured[key] as number).toFixed(1);
  return (
    `| live report of the open year after the first replay: one new event updates every statement ` +
    `(p50 / p99 of ${String(measured['events'])} events) | ${eventsLabel} | ` +
    `${ms('updateP50Ms')} / ${ms('updateP99Ms')} ms (CPU ${ms('updateCpuP50Ms')} / ${ms('updateCpuP99Ms')} ms); ` +
    `with the durable append and the notification ${ms('watchP50Ms')} / ${ms('watchP99Ms')} ms | – | | |`
  );
}
