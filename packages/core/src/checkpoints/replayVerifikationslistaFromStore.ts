import type { EventStore } from '../store/EventStore.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { runProjections } from '../projections/Projection.js';
import {
  verifikationslistaProjection,
  type Verifikationslista,
} from '../statements/Verifikationslista.js';
import type { FoldAnnualReportOptions } from './foldAnnualReport.js';
import { postedEventsOfYear } from './postedEventsOfYear.js';

/**
 * The verifikationslista of `year` from a store's stream, read from the latest checkpoint before
 * the year's first verifikation (see {@link postedEventsOfYear}) to the stream's end: equal to
 * `replayVerifikationslista` over the whole stream, each corrected verifikation with its
 * corrections of any later year. A store without checkpoints is read from the first event.
 */
export async function replayVerifikationslistaFromStore(
  store: EventStore,
  streamId: string,
  year: number,
  options: FoldAnnualReportOptions = {},
): Promise<Verifikationslista> {
  const chart = options.chart ?? defaultChart;
  const { posted } = await postedEventsOfYear(store, streamId, year, options);
  const { verifikationslista } = await runProjections(posted, {
    verifikationslista: verifikationslistaProjection(chart, year),
  });
  return verifikationslista;
}
