/**
 * The example of docs/statements/writing-a-statement.md: a new statement, "Kostnader per
 * insats", written as a projection over posted events. Executed by
 * ownStatement.example.unit.spec.ts.
 */
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  createLedger,
  renderStatementText,
  replayBookkeeping,
  resultaträkning,
  rowOf,
  type BookkeepingEvent,
  type PostedEvent,
  type Projection,
  type Statement,
  type StatementRow,
} from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';

// 1. The state: per year, per insats, the sum of the cost lines (debet positive). Memory is
//    years × insatser, whatever the number of events.
type CostsPerInsats = Map<number, Map<string, Money>>;

// 2. The projection: a pure fold over posted events. It reads the verifikationer, not the
//    events, so every event that moves a cost counts: invoices, accrual reversals,
//    corrections (HändelseRättad books the exact reverse, with the same dimensions).
export const costsPerInsatsProjection = (
  isCostAccount: (konto: string) => boolean,
): Projection<PostedEvent<BookkeepingEvent>, CostsPerInsats, CostsPerInsats> => ({
  name: 'costsPerInsats',
  init: () => new Map(),
  apply(state, { verifikationer }) {
    for (const verifikation of verifikationer) {
      if (verifikation.bokslut !== undefined) continue; // closing entries only move the result
      for (const rad of verifikation.rader) {
        if (!isCostAccount(rad.konto)) continue;
        const insats = rad.dimensioner?.insats ?? '(ingen insats)';
        const year = state.get(verifikation.år) ?? new Map<string, Money>();
        year.set(insats, (year.get(insats) ?? Money.zero).plus(rad.belopp));
        state.set(verifikation.år, year);
      }
    }
    return state;
  },
  result: (state) => state,
});

// 3. The statement: a pure function from the projection's result to rows of exact kronor,
//    the year and the year before as columns, sorted so that the bytes never vary.
export function kostnaderPerInsats(costs: CostsPerInsats, year: number): Statement {
  const columns = [year, year - 1];
  const insatser = [
    ...new Set(columns.flatMap((column) => [...(costs.get(column)?.keys() ?? [])])),
  ].sort((left, right) => left.localeCompare(right, 'sv'));
  const amountIn = (column: number, insats: string) => costs.get(column)?.get(insats) ?? Money.zero;
  const rows: StatementRow[] = insatser.map((insats) => ({
    key: `insats:${insats}`,
    label: insats,
    kind: 'line',
    amounts: columns.map((column) => amountIn(column, insats)),
  }));
  rows.push({
    key: 'summa',
    label: 'Summa kostnader',
    kind: 'total',
    amounts: columns.map((column) => Money.sum(insatser.map((insats) => amountIn(column, insats)))),
  });
  return {
    name: 'Kostnader per insats',
    year,
    columns: columns.map((column) => ({
      year: column,
      label: String(column),
      source: 'bokföring',
    })),
    rows,
  };
}

const metadata = { recordedAt: '2021-01-10T08:00:00.000Z', recordedBy: 'ekonom' };

/**
 * 4. Use it: record a year, replay once with the projection alongside the totals, check it against
 * the resultaträkning, print it.
 */
export async function ownStatement(): Promise<{ statement: Statement; text: string }> {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'exempel' });
  const cost = (datum: string, insats: string | undefined, belopp: string, postId?: string) =>
    ledger.record(
      'KostnadBokförd',
      {
        datum,
        område: 'operativa',
        post: 'Insatspersonal',
        ...(insats === undefined ? {} : { insats }),
        belopp,
        text: `Insatspersonal ${datum}`,
        betalning: postId === undefined ? { sätt: 'bank' } : { sätt: 'upplupen', postId },
      },
      { metadata },
    );
  const steps = [
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2020-01-01',
        text: 'Ingående balans',
        kassaOchBank: '900000.00',
        momsfordran: '0.00',
        balanseratResultat: '900000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
    cost('2020-06-30', 'MIA', '120000.00'),
    cost('2020-12-31', 'MIA', '40000.00', 'UK-2020-MIA-dec'),
    cost('2020-11-30', 'SAMSUS', '15000.00'),
    cost('2020-12-15', undefined, '2500.00'),
  ];
  for (const step of steps) {
    const recorded = await step();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  const reversed = await ledger.reverseAccrual('UK-2020-MIA-dec', '2021-01-01', { metadata })();
  if (E.isLeft(reversed)) throw reversed.left;
  const invoice = await cost('2021-01-20', 'MIA', '41000.00')();
  if (E.isLeft(invoice)) throw invoice.left;

  const isCostAccount = (konto: string) =>
    ledger.chart.account(konto).line === 'verksamhetens-kostnader';
  const { totals, perInsats } = await replayBookkeeping(store.readStream(ledger.streamId), {
    chart: ledger.chart,
    extra: { perInsats: costsPerInsatsProjection(isCostAccount) },
  });
  const statement = kostnaderPerInsats(perInsats, 2021);
  // The new statement must agree with the resultaträkning (costs are negative there).
  for (const [index, year] of [2021, 2020].entries()) {
    const rr = rowOf(resultaträkning(totals, year), 'verksamhetens-kostnader').amounts[0]!;
    assert(
      rowOf(statement, 'summa').amounts[index]!.equals(rr.negated()),
      'Kostnader per insats adds up to the resultaträkning',
      { year },
    );
  }
  return { statement, text: renderStatementText(statement, 'kr') };
}
