/**
 * The live job's row of the benchmark table (see liveJob.ts): the update of every statement of
 * the open year per new event, p50 / p99 / max in wall-clock milliseconds, in CPU milliseconds of
 * the whole process and of its main thread alone, the longest garbage-collection pause inside an
 * update, and end to end with the durable append and the store's notification.
 */
export function liveRow(measured: Record<string, unknown>, eventsLabel: string): string {
  const ms = (key: string): string => ((measured[key] as number | undefined) ?? 0).toFixed(1);
  const spread = (name: string): string =>
    `${ms(`${name}P50Ms`)} / ${ms(`${name}P99Ms`)} / ${ms(`${name}MaxMs`)}`;
  return (
    `| live report of the open year after the first replay: one new event updates every statement ` +
    `(p50 / p99 / max of ${String(measured['events'])} events) | ${eventsLabel} | ` +
    `${spread('update')} ms (CPU ${spread('updateCpu')} ms, main thread ` +
    `${spread('updateThreadCpu')} ms; longest collection pause ${ms('updatePauseMaxMs')} ms); ` +
    `with the durable append and the notification ${spread('watch')} ms | – | | |`
  );
}
