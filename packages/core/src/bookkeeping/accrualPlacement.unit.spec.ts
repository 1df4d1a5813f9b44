import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { createLedger } from '../facade/createLedger.js';

/**
 * A reversed accrual must state the open item's whole placement: its posting cannot see the
 * item, so a reversal without the underpost or insats would put the amount on another Not 2
 * line than the cost it reverses.
 */

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };
const accruedCost = {
  postId: 'UK-2020-styrelse',
  slag: 'upplupen-kostnad',
  belopp: '27000.00',
  text: 'Styrelse arvode dec',
  område: 'administrativa',
  post: 'Styrelse',
  underpost: 'Sammanträdesarvode',
  insats: 'Kansli',
} as const;

async function ledgerWithAccrual() {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'placering' });
  const opened = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2021-01-01',
      text: 'IB 2021',
      kassaOchBank: '100000.00',
      momsfordran: '0',
      balanseratResultat: '73000.00',
      öppnaPoster: [accruedCost],
    },
    { metadata },
  )();
  if (E.isLeft(opened)) throw opened.left;
  return { store, ledger };
}

const reversal = (placement: Record<string, string | undefined>) => ({
  datum: '2021-01-01',
  postId: accruedCost.postId,
  slag: 'upplupen-kostnad' as const,
  belopp: accruedCost.belopp,
  område: 'administrativa' as const,
  post: 'Styrelse',
  text: 'Återföring styrelsearvode',
  ...Object.fromEntries(Object.entries(placement).filter(([, value]) => value !== undefined)),
});

for (const [name, placement, problem] of [
  ['without the underpost', { insats: 'Kansli' }, 'underpost is Sammanträdesarvode, not (none)'],
  ['without the insats', { underpost: 'Sammanträdesarvode' }, 'insats is Kansli, not (none)'],
  [
    'with another underpost',
    { underpost: 'Övrigt', insats: 'Kansli' },
    'underpost is Sammanträdesarvode, not Övrigt',
  ],
] as const) {
  test(`a reversal ${name} is refused with OPEN_ITEM_MISMATCH, and nothing is written`, async (t) => {
    const { store, ledger } = await ledgerWithAccrual();
    const before = (await collectAsync(store.readStream(ledger.streamId))).length;
    const refused = await ledger.record('PeriodiseringÅterförd', reversal(placement), {
      metadata,
    })();
    t.true(E.isLeft(refused));
    if (E.isLeft(refused)) {
      t.is(refused.left.code, 'OPEN_ITEM_MISMATCH');
      t.true(refused.left.message.includes(problem), refused.left.message);
    }
    t.is((await collectAsync(store.readStream(ledger.streamId))).length, before);
  });
}

test('a reversal with the whole placement lands on the underpost line, and reverseAccrual builds it so', async (t) => {
  const { ledger } = await ledgerWithAccrual();
  const reversed = await ledger.reverseAccrual(accruedCost.postId, '2021-01-01', { metadata })();
  t.true(E.isRight(reversed));
  const verifikation = (await collectAsync(ledger.verifikationer(2021))).find(
    (candidate) => candidate.eventType === 'PeriodiseringÅterförd',
  );
  const costLine = verifikation!.rader.find(
    (rad) => rad.konto === ledger.chart.costAccount('administrativa', 'Styrelse'),
  )!;
  t.is(costLine.belopp.toString(), '-27000.00');
  t.deepEqual(costLine.dimensioner, {
    område: 'administrativa',
    post: 'Styrelse',
    underpost: 'Sammanträdesarvode',
    insats: 'Kansli',
  });
});
