import type { EventToRecord } from '@finsam-ledger/core';

/**
 * The synthetic history of issue 15: ten years (2016–2025) of a förbund's books, with
 * contributions from nine members, costs on ten Not 2 lines in the three områden (a fifth of
 * them invoices owed, then paid a few events later), ESF payments, and each year closed with the
 * result its books show. Deterministic: the same size gives the same events.
 *
 * Every event comes with its transaction in ledger-cli's journal format, on the same accounts
 * (the default chart's numbers) and the same sub-accounts the report breaks figures down by
 * (member, Not 2 post), so that `ledger bal` does the same work as the annual report.
 */

/** The first and the last year of the history. */
export const historyYears: { readonly first: number; readonly last: number } = {
  first: 2016,
  last: 2025,
};

const metadata = { recordedAt: '2026-01-15T08:00:00.000Z', recordedBy: 'bench@finsam' };

const members = [
  ['Försäkringskassan', 'staten'],
  ['Arbetsförmedlingen', 'staten'],
  ['Region Stockholm', 'region'],
  ['Danderyds kommun', 'kommun'],
  ['Norrtälje kommun', 'kommun'],
  ['Täby kommun', 'kommun'],
  ['Vallentuna kommun', 'kommun'],
  ['Vaxholms stad', 'kommun'],
  ['Österåkers kommun', 'kommun'],
] as const;

const not2Lines = [
  ['administrativa', 'Personal kansli'],
  ['administrativa', 'Lokaler'],
  ['administrativa', 'Revision och styrelse'],
  ['strukturpåverkande', 'Kompetensutveckling'],
  ['strukturpåverkande', 'Samverkansforum'],
  ['strukturpåverkande', 'Kartläggning'],
  ['operativa', 'MIA vidare'],
  ['operativa', 'Stödja ASF'],
  ['operativa', 'SAMSUS'],
  ['operativa', 'Arbetsträning'],
] as const;

const costAccounts = { administrativa: '6010', strukturpåverkande: '4020', operativa: '4010' };

/** One event and its ledger-cli transaction. */
export interface HistoryEntry {
  readonly event: EventToRecord;
  readonly journal: string;
}

/** Öre as a decimal string of kronor, exact (amounts here stay far below 2^53 öre). */
const kronor = (ore: number): string => {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
};

const dayOf = (year: number, dayIndex: number): string =>
  new Date(Date.UTC(year, 0, 1) + dayIndex * 86_400_000).toISOString().slice(0, 10);

const transaction = (datum: string, text: string, postings: readonly [string, number][]): string =>
  `${datum} * ${text}\n${postings.map(([account, ore]) => `    ${account}  ${kronor(ore)}`).join('\n')}\n\n`;

/** The state the generator carries from event to event: the result of the year, open invoices. */
interface GeneratorState {
  yearResultOre: number;
  readonly openInvoices: { postId: string; totalOre: number; openedAt: number }[];
  invoiceCount: number;
  sequence: number;
}

function openingBalance(): HistoryEntry {
  const bankOre = 2_000_000_000;
  return {
    event: {
      type: 'IngåendeBalansRegistrerad',
      data: {
        datum: `${historyYears.first}-01-01`,
        text: 'Ingående balans',
        kassaOchBank: kronor(bankOre),
        momsfordran: '0.00',
        balanseratResultat: kronor(bankOre),
        öppnaPoster: [],
      },
      options: { metadata },
    },
    journal: transaction(`${historyYears.first}-01-01`, 'Ingående balans', [
      ['Tillgångar:1930 Bank', bankOre],
      ['Eget kapital:2091 Balanserat resultat', -bankOre],
    ]),
  };
}

function contribution(
  datum: string,
  year: number,
  index: number,
  state: GeneratorState,
): HistoryEntry {
  const [medlem, medlemskategori] = members[index % members.length]!;
  const beloppOre = 200_000_00 + ((index * 7_919) % 400_000_00);
  state.yearResultOre += beloppOre;
  const account = medlemskategori === 'staten' ? '3985' : '3987';
  return {
    event: {
      type: 'MedlemsbidragMottaget',
      data: { datum, medlem, medlemskategori, period: String(year), belopp: kronor(beloppOre) },
      options: { metadata },
    },
    journal: transaction(datum, `Medlemsbidrag ${medlem} ${year}`, [
      ['Tillgångar:1930 Bank', beloppOre],
      [`Intäkter:${account} Medlemsbidrag:${medlem}`, -beloppOre],
    ]),
  };
}

function esfPayment(
  datum: string,
  year: number,
  index: number,
  state: GeneratorState,
): HistoryEntry {
  const beloppOre = 20_000_00 + ((index * 104_729) % 300_000_00);
  state.yearResultOre += beloppOre;
  return {
    event: {
      type: 'ESFUtbetalning',
      data: { datum, projekt: 'MIA vidare Roslagen', period: `${year}`, belopp: kronor(beloppOre) },
      options: { metadata },
    },
    journal: transaction(datum, `ESF-utbetalning MIA vidare Roslagen ${year}`, [
      ['Tillgångar:1930 Bank', beloppOre],
      ['Intäkter:3989 ESF', -beloppOre],
    ]),
  };
}

function cost(datum: string, index: number, state: GeneratorState): HistoryEntry {
  const [område, post] = not2Lines[index % not2Lines.length]!;
  const beloppOre = 1_000_00 + ((index * 15_485_863) % 90_000_00);
  const momsOre = index % 4 === 0 ? Math.floor(beloppOre / 4) : 0;
  const owed = index % 5 === 0;
  const totalOre = beloppOre + momsOre;
  let betalning: { sätt: 'bank' } | { sätt: 'leverantörsskuld'; postId: string } = {
    sätt: 'bank',
  };
  if (owed) {
    state.invoiceCount += 1;
    const postId = `LF-${state.invoiceCount}`;
    betalning = { sätt: 'leverantörsskuld', postId };
    state.openInvoices.push({ postId, totalOre, openedAt: state.sequence });
  }
  state.yearResultOre -= beloppOre;
  const text = `${post} ${index}`;
  return {
    event: {
      type: 'KostnadBokförd',
      data: {
        datum,
        område,
        post,
        belopp: kronor(beloppOre),
        moms: kronor(momsOre),
        text,
        betalning,
      },
      options: { metadata },
    },
    journal: transaction(datum, text, [
      [`Kostnader:${costAccounts[område]} ${område}:${post}`, beloppOre],
      ...(momsOre === 0 ? [] : [['Tillgångar:1650 Momsfordran', momsOre] as [string, number]]),
      [owed ? 'Skulder:2440 Leverantörsskulder' : 'Tillgångar:1930 Bank', -totalOre],
    ]),
  };
}

function invoicePaid(datum: string, state: GeneratorState): HistoryEntry {
  const invoice = state.openInvoices.shift()!;
  return {
    event: {
      type: 'LeverantörsskuldBetald',
      data: { datum, postId: invoice.postId, belopp: kronor(invoice.totalOre) },
      options: { metadata },
    },
    journal: transaction(datum, `Betalning ${invoice.postId}`, [
      ['Skulder:2440 Leverantörsskulder', invoice.totalOre],
      ['Tillgångar:1930 Bank', -invoice.totalOre],
    ]),
  };
}

function yearClosed(year: number, state: GeneratorState): HistoryEntry {
  const resultOre = state.yearResultOre;
  state.yearResultOre = 0;
  return {
    event: {
      type: 'RäkenskapsårStängt',
      data: { år: year, datum: `${year}-12-31`, åretsResultat: kronor(resultOre) },
      options: { metadata },
    },
    journal:
      resultOre === 0
        ? ''
        : transaction(`${year}-12-31`, `Årets resultat ${year}`, [
            ['Resultatdisposition:8999 Årets resultat', resultOre],
            ['Eget kapital:2099 Årets resultat', -resultOre],
          ]) +
          transaction(`${year + 1}-01-01`, `Omföring av årets resultat ${year}`, [
            ['Eget kapital:2099 Årets resultat', resultOre],
            ['Eget kapital:2091 Balanserat resultat', -resultOre],
          ]),
  };
}

/** The event at `index` of a year of `eventsInYear` bookings (the close not counted). */
function booking(
  year: number,
  index: number,
  eventsInYear: number,
  state: GeneratorState,
): HistoryEntry {
  const datum = dayOf(year, Math.floor((index * 364) / eventsInYear));
  if (index % 10 === 0) return contribution(datum, year, index / 10, state);
  if (index % 50 === 7) return esfPayment(datum, year, index, state);
  const oldest = state.openInvoices[0];
  if (oldest !== undefined && state.sequence - oldest.openedAt >= 3)
    return invoicePaid(datum, state);
  return cost(datum, index, state);
}

/**
 * The history of `eventCount` events (at least 100), in batches of at most `batchSize` events,
 * in recording order: the opening balance, then each year's bookings and its close.
 */
export function* syntheticHistory(
  eventCount: number,
  batchSize: number,
): Generator<readonly HistoryEntry[]> {
  const yearCount = historyYears.last - historyYears.first + 1;
  const state: GeneratorState = {
    yearResultOre: 0,
    openInvoices: [],
    invoiceCount: 0,
    sequence: 0,
  };
  let batch: HistoryEntry[] = [openingBalance()];
  const push = function* (entry: HistoryEntry): Generator<readonly HistoryEntry[]> {
    state.sequence += 1;
    batch.push(entry);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  };
  const bookingsPerYear = Math.floor((eventCount - 1) / yearCount) - 1;
  for (let year = historyYears.first; year <= historyYears.last; year += 1) {
    // The last year takes what the division leaves, so that the total is exact.
    const bookings =
      year === historyYears.last
        ? eventCount - 1 - yearCount - bookingsPerYear * (yearCount - 1)
        : bookingsPerYear;
    for (let index = 0; index < bookings; index += 1)
      yield* push(booking(year, index, bookings, state));
    yield* push(yearClosed(year, state));
  }
  if (batch.length > 0) yield batch;
}
