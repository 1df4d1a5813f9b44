import * as E from 'fp-ts/Either';
import {
  bookkeepingStreamId,
  createParticipantRegister,
  renderAnnualReportText,
  renderParticipantTablesText,
  replayAnnualReport,
  replayBookkeeping,
  type FinancialGuidelines,
  type MoneyUnit,
} from '@finsam-ledger/core';
import { roslagenInsatsNames, roslagenParticipantTitle } from './participants/index.js';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

/**
 * Roslagen's financial guidelines (Årsredovisning 2022, 1.5): administration within 2 m.kr,
 * at least 70 % of the remaining insatsmedel to operativa individinsatser; eget kapital at
 * most 20 % of the yearly allocation (Nationella rådet's recommendation, the default).
 */
export const roslagenGuidelines: Partial<FinancialGuidelines> = {
  administrativaKostnaderMax: '2000000.00',
  operativaAndelMin: '0.70',
};

/** The options of the main job. */
export interface CliOptions {
  readonly year: number | undefined;
  readonly format: 'text' | 'json';
  readonly unit: MoneyUnit;
  readonly storePath: string | undefined;
}

const usage = 'usage: start [--year YYYY] [--format text|json] [--unit kr|tkr|mkr] [--store PATH]';

/** Parses the command line; a literal `--` (as pnpm passes it) is ignored. */
export function parseArguments(argv: readonly string[]): E.Either<string, CliOptions> {
  let year: number | undefined;
  let format: CliOptions['format'] = 'text';
  let unit: MoneyUnit = 'kr';
  let storePath: string | undefined;
  const args = argv.filter((arg) => arg !== '--');
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = args[index + 1];
    if (flag === '--year' && value !== undefined && /^\d{4}$/.test(value)) year = Number(value);
    else if (flag === '--format' && (value === 'text' || value === 'json')) format = value;
    else if (flag === '--unit' && (value === 'kr' || value === 'tkr' || value === 'mkr'))
      unit = value;
    else if (flag === '--store' && value !== undefined) storePath = value;
    else return E.left(`unknown or incomplete argument ${flag ?? ''}\n${usage}`);
    index += 1;
  }
  return E.right({ year, format, unit, storePath });
}

/** The latest year the books cover: the last year with a booking. */
async function latestYear(
  events: AsyncIterable<import('@finsam-ledger/core').StoredEvent>,
): Promise<number> {
  const { totals } = await replayBookkeeping(events);
  return Math.max(...totals.movements.keys());
}

/**
 * The main job: replays Roslagen's books and participants from the file store and prints
 * the year's annual report (flerårsöversikt, resultaträkning, balansräkning,
 * kassaflödesanalys, driftredovisning, Not 1–4, the financial guideline checks) and the
 * participant tables, as text or JSON.
 */
export async function runCli(
  argv: readonly string[],
): Promise<{ exitCode: number; output: string }> {
  const parsed = parseArguments(argv);
  if (E.isLeft(parsed)) return { exitCode: 2, output: parsed.left };
  const options = parsed.right;
  const opened = await openRoslagenFileStore(options.storePath);
  if (E.isLeft(opened))
    return { exitCode: 1, output: `${opened.left.code}: ${opened.left.message}` };
  const store = opened.right;
  try {
    const stream = () => store.readStream(bookkeepingStreamId(roslagenFörbundId));
    const year = options.year ?? (await latestYear(stream()));
    const report = await replayAnnualReport(stream(), year, { guidelines: roslagenGuidelines });
    const { totals: _totals, ...årsredovisning } = report;
    const tables = await createParticipantRegister({ store, förbundId: roslagenFörbundId }).tables(
      year,
    )();
    if (E.isLeft(tables)) throw tables.left;
    const deltagare = tables.right;
    if (options.format === 'json') {
      return {
        exitCode: 0,
        output: JSON.stringify(
          {
            förbund: 'Samordningsförbundet Roslagen',
            år: year,
            belopp: 'kr (exakta, decimalsträngar)',
            årsredovisning,
            deltagare,
          },
          null,
          2,
        ),
      };
    }
    const participants = renderParticipantTablesText(deltagare, {
      insatsNames: roslagenInsatsNames,
      title: roslagenParticipantTitle(year),
    });
    const heading = `Samordningsförbundet Roslagen – årsredovisning ${year} (återspelad från ${store.path})`;
    return {
      exitCode: 0,
      output: [
        heading,
        '',
        renderAnnualReportText(årsredovisning, options.unit),
        '',
        participants,
      ].join('\n'),
    };
  } catch (thrown) {
    const error = thrown as { code?: string; message?: string };
    return { exitCode: 1, output: `${error.code ?? 'ERROR'}: ${error.message ?? String(thrown)}` };
  } finally {
    await store.close();
  }
}
