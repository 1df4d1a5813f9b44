import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { bookkeepingCatalog, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import { imbalanceOf } from '../bookkeeping/Verifikation.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import { Money } from '../money/Money.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { collectAsync } from '../util/asyncIterable.js';
import { mainStatements, replayBookkeeping } from './replayStatements.js';
import { renderStatementText } from './renderStatementText.js';
import { rowOf } from './Statement.js';

/** A random amount in öre, as a decimal string. */
const amount = (maxKronor: number) =>
  fc
    .integer({ min: 1, max: maxKronor * 100 })
    .map((ore) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`);
const dayOf = (year: number) =>
  fc
    .integer({ min: 1, max: 365 })
    .map((day) => new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10));

type Intent =
  | { kind: 'contribution'; belopp: string; day: string; kategori: 'staten' | 'region' | 'kommun' }
  | { kind: 'esf'; belopp: string; day: string }
  | {
      kind: 'cost';
      belopp: string;
      moms: string;
      day: string;
      område: 'administrativa' | 'strukturpåverkande' | 'operativa';
      sätt: 'bank' | 'leverantörsskuld' | 'upplupen' | 'övrig-skuld';
    }
  | { kind: 'payPayable'; share: number; day: string }
  | { kind: 'payOtherDebt'; share: number; day: string }
  | { kind: 'equityCorrection'; target: 'accrual' | 'vat' | 'payable'; day: string }
  | { kind: 'vatRefund'; share: number; day: string }
  | { kind: 'accrueIncome'; belopp: string; day: string }
  | { kind: 'reverseAccrual'; day: string }
  | { kind: 'interestCost'; belopp: string; day: string }
  | { kind: 'correctLast'; day: string };

const intentFor = (year: number): fc.Arbitrary<Intent> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('contribution' as const),
      belopp: amount(500_000),
      day: dayOf(year),
      kategori: fc.constantFrom('staten' as const, 'region' as const, 'kommun' as const),
    }),
    fc.record({ kind: fc.constant('esf' as const), belopp: amount(900_000), day: dayOf(year) }),
    fc.record({
      kind: fc.constant('cost' as const),
      belopp: amount(200_000),
      moms: fc.constantFrom('0.00', '12.50', '2500.00'),
      day: dayOf(year),
      område: fc.constantFrom(
        'administrativa' as const,
        'strukturpåverkande' as const,
        'operativa' as const,
      ),
      sätt: fc.constantFrom(
        'bank' as const,
        'leverantörsskuld' as const,
        'upplupen' as const,
        'övrig-skuld' as const,
      ),
    }),
    fc.record({
      kind: fc.constant('payPayable' as const),
      share: fc.integer({ min: 1, max: 100 }),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('payOtherDebt' as const),
      share: fc.integer({ min: 1, max: 100 }),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('equityCorrection' as const),
      target: fc.constantFrom('accrual' as const, 'vat' as const, 'payable' as const),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('vatRefund' as const),
      share: fc.integer({ min: 1, max: 100 }),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('accrueIncome' as const),
      belopp: amount(300_000),
      day: dayOf(year),
    }),
    fc.record({ kind: fc.constant('reverseAccrual' as const), day: dayOf(year) }),
    fc.record({
      kind: fc.constant('interestCost' as const),
      belopp: amount(100),
      day: dayOf(year),
    }),
    fc.record({ kind: fc.constant('correctLast' as const), day: dayOf(year) }),
  );

/** Turns random intents into a valid event history: a model of the open items keeps it valid. */
function historyFrom(
  openingBank: string,
  years: readonly (readonly Intent[])[],
): BookkeepingEvent[] {
  const events: BookkeepingEvent[] = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2020-01-01',
      text: 'Ingående balans',
      kassaOchBank: openingBank,
      momsfordran: '0',
      balanseratResultat: openingBank,
      öppnaPoster: [],
    }),
  ];
  const payables = new Map<string, Money>();
  const otherDebts = new Map<string, Money>();
  const accruals: {
    postId: string;
    belopp: string;
    slag: 'upplupen-intäkt' | 'upplupen-kostnad';
    område?: 'administrativa' | 'strukturpåverkande' | 'operativa';
  }[] = [];
  let vat = Money.zero;
  let result = Money.zero;
  let sequence = 0;
  let lastCorrectable: BookkeepingEvent | undefined;
  const push = (event: BookkeepingEvent) => {
    events.push(event);
    return event;
  };
  years.forEach((intents, index) => {
    const year = 2020 + index;
    result = Money.zero;
    for (const intent of [...intents].sort((left, right) => (left.day < right.day ? -1 : 1))) {
      sequence += 1;
      const id = `P-${sequence}`;
      switch (intent.kind) {
        case 'contribution':
          lastCorrectable = push(
            bookkeepingEvent('MedlemsbidragMottaget', {
              datum: intent.day,
              medlem: `Medlem ${intent.kategori}`,
              medlemskategori: intent.kategori,
              period: String(year),
              belopp: intent.belopp,
            }),
          );
          result = result.plus(Money.from(intent.belopp));
          break;
        case 'esf':
          lastCorrectable = push(
            bookkeepingEvent('ESFUtbetalning', {
              datum: intent.day,
              projekt: 'MIA',
              period: String(year),
              belopp: intent.belopp,
            }),
          );
          result = result.plus(Money.from(intent.belopp));
          break;
        case 'cost': {
          const moms = intent.sätt === 'upplupen' ? '0.00' : intent.moms;
          const betalning =
            intent.sätt === 'bank' ? { sätt: 'bank' } : { sätt: intent.sätt, postId: id };
          lastCorrectable = undefined;
          push(
            bookkeepingEvent('KostnadBokförd', {
              datum: intent.day,
              område: intent.område,
              post: 'Post',
              belopp: intent.belopp,
              moms,
              text: `Kostnad ${id}`,
              betalning,
            }),
          );
          vat = vat.plus(Money.from(moms));
          result = result.minus(Money.from(intent.belopp));
          if (intent.sätt === 'leverantörsskuld')
            payables.set(id, Money.from(intent.belopp).plus(Money.from(moms)));
          if (intent.sätt === 'övrig-skuld')
            otherDebts.set(id, Money.from(intent.belopp).plus(Money.from(moms)));
          if (intent.sätt === 'upplupen')
            accruals.push({
              postId: id,
              belopp: intent.belopp,
              slag: 'upplupen-kostnad',
              område: intent.område,
            });
          break;
        }
        case 'payPayable': {
          const [postId, open] = [...payables][0] ?? [];
          if (!postId || !open) break;
          // Pay in full, or a partial payment of one krona when the share is small.
          const settled =
            intent.share > 30 || open.compare(Money.from('1.00')) <= 0 ? open : Money.from('1.00');
          lastCorrectable = undefined;
          push(
            bookkeepingEvent('LeverantörsskuldBetald', {
              datum: intent.day,
              postId,
              belopp: settled.toString(),
            }),
          );
          const remaining = open.minus(settled);
          if (remaining.isZero()) payables.delete(postId);
          else payables.set(postId, remaining);
          break;
        }
        case 'payOtherDebt': {
          const [postId, open] = [...otherDebts][0] ?? [];
          if (!postId || !open) break;
          const settled =
            intent.share > 30 || open.compare(Money.from('1.00')) <= 0 ? open : Money.from('1.00');
          lastCorrectable = undefined;
          push(
            bookkeepingEvent('ÖvrigSkuldBetald', {
              datum: intent.day,
              postId,
              belopp: settled.toString(),
            }),
          );
          const remaining = open.minus(settled);
          if (remaining.isZero()) otherDebts.delete(postId);
          else otherDebts.set(postId, remaining);
          break;
        }
        case 'equityCorrection': {
          // A correction against eget kapital: lowers an accrual by 1 kr (a receivable
          // lowers equity, a debt raises it), lowers the VAT receivable, or raises a payable.
          // It moves no cash and is not in the year's result.
          const one = Money.from('1.00');
          const correction = (belopp: string, motpost: Record<string, string>) =>
            push(
              bookkeepingEvent('EgetKapitalRättat', {
                datum: intent.day,
                belopp,
                motpost,
                text: `Rättelse ${id}`,
                skäl: 'Fel i tidigare år',
              }),
            );
          lastCorrectable = undefined;
          if (intent.target === 'accrual') {
            const accrual = accruals.find(
              (candidate) => Money.from(candidate.belopp).compare(one) > 0,
            );
            if (!accrual) break;
            correction(accrual.slag === 'upplupen-intäkt' ? '-1.00' : '1.00', {
              slag: accrual.slag,
              postId: accrual.postId,
            });
            accrual.belopp = Money.from(accrual.belopp).minus(one).toString();
          } else if (intent.target === 'vat') {
            if (vat.compare(one) < 0) break;
            correction('-1.00', { slag: 'momsfordran' });
            vat = vat.minus(one);
          } else {
            const [postId, open] = [...payables][0] ?? [];
            if (!postId || !open) break;
            correction('-1.00', { slag: 'leverantörsskuld', postId });
            payables.set(postId, open.plus(one));
          }
          break;
        }
        case 'vatRefund':
          if (vat.isPositive()) {
            lastCorrectable = undefined;
            push(
              bookkeepingEvent('MomsÅterbetald', {
                datum: intent.day,
                period: String(year),
                belopp: vat.toString(),
              }),
            );
            vat = Money.zero;
          }
          break;
        case 'accrueIncome':
          lastCorrectable = undefined;
          push(
            bookkeepingEvent('IntäktUpplupen', {
              datum: intent.day,
              postId: id,
              intäktsslag: 'esf',
              belopp: intent.belopp,
              text: `ESF ${id}`,
            }),
          );
          accruals.push({ postId: id, belopp: intent.belopp, slag: 'upplupen-intäkt' });
          result = result.plus(Money.from(intent.belopp));
          break;
        case 'reverseAccrual': {
          const accrual = accruals.shift();
          if (!accrual) break;
          lastCorrectable = undefined;
          push(
            bookkeepingEvent('PeriodiseringÅterförd', {
              datum: intent.day,
              postId: accrual.postId,
              slag: accrual.slag,
              belopp: accrual.belopp,
              text: `Återföring ${accrual.postId}`,
              ...(accrual.slag === 'upplupen-intäkt'
                ? { intäktsslag: 'esf' }
                : { område: accrual.område, post: 'Post' }),
            }),
          );
          result =
            accrual.slag === 'upplupen-intäkt'
              ? result.minus(Money.from(accrual.belopp))
              : result.plus(Money.from(accrual.belopp));
          break;
        }
        case 'interestCost':
          lastCorrectable = push(
            bookkeepingEvent('FinansiellKostnadBokförd', {
              datum: intent.day,
              belopp: intent.belopp,
              text: 'Bankavgift',
            }),
          );
          result = result.minus(Money.from(intent.belopp));
          break;
        case 'correctLast':
          if (lastCorrectable && lastCorrectable.data && 'belopp' in lastCorrectable.data) {
            const original = lastCorrectable;
            push(
              bookkeepingEvent('HändelseRättad', {
                datum: intent.day < originalDate(original) ? originalDate(original) : intent.day,
                rättadEventId: original.eventId,
                orsak: 'Fel',
                original: {
                  type: original.type,
                  schemaVersion: original.schemaVersion,
                  data: original.data,
                },
              }),
            );
            const originalAmount = Money.from((original.data as { belopp: string }).belopp);
            // Reversing a cost raises the result; reversing income lowers it.
            result =
              original.type === 'FinansiellKostnadBokförd'
                ? result.plus(originalAmount)
                : result.minus(originalAmount);
            lastCorrectable = undefined;
          }
          break;
      }
    }
    if (index < years.length - 1)
      push(
        bookkeepingEvent('RäkenskapsårStängt', {
          år: year,
          datum: `${year + 1}-02-15`,
          åretsResultat: result.toString(),
        }),
      );
  });
  return events;
}
const originalDate = (event: BookkeepingEvent): string => (event.data as { datum: string }).datum;

const historyArbitrary = fc.tuple(
  amount(3_000_000),
  fc.array(fc.array(intentFor(2020), { maxLength: 25 }), { minLength: 1, maxLength: 1 }),
  fc.array(intentFor(2021), { maxLength: 25 }),
);

test('property: every random valid history passes the rules, every verifikation balances, the balance sheet balances, closing cash equals the bank, and replay is byte-for-byte deterministic', async (t) => {
  await fc.assert(
    fc.asyncProperty(historyArbitrary, async ([bank, [year2020], year2021]) => {
      const history = historyFrom(bank, [year2020!, year2021]);
      const store = getInMemoryEventStore();
      const recorder = createEventRecorder({
        store,
        streamId: 'bokforing-prop',
        catalog: bookkeepingCatalog,
        decider: createBookkeepingDecider(),
      });
      for (const event of history) {
        const recorded = await recorder.record([event])();
        if (E.isLeft(recorded))
          throw new Error(`${event.type} refused: ${recorded.left.code} ${recorded.left.message}`);
      }
      const stored = await collectAsync(store.readAll());
      const posted = await collectAsync(postEvents(history, defaultChart));
      for (const { verifikationer } of posted)
        for (const verifikation of verifikationer)
          if (!imbalanceOf(verifikation.rader).isZero()) return false;
      const numbers = posted
        .flatMap(({ verifikationer }) => verifikationer)
        .filter((verifikation) => verifikation.år === 2021)
        .map((verifikation) => verifikation.löpnummer);
      if (numbers.some((number, index) => number !== index + 1)) return false;

      const first = await replayBookkeeping(stored);
      const second = await replayBookkeeping(stored);
      for (const year of [2020, 2021]) {
        const statements = mainStatements(first.totals, year);
        const again = mainStatements(second.totals, year);
        if (JSON.stringify(statements) !== JSON.stringify(again)) return false;
        if (
          renderStatementText(statements.balansräkning) !== renderStatementText(again.balansräkning)
        )
          return false;
        const br = statements.balansräkning;
        if (
          !rowOf(br, 'summa-tillgångar').amounts[0]!.equals(
            rowOf(br, 'summa-eget-kapital-och-skulder').amounts[0]!,
          )
        )
          return false;
        const kf = statements.kassaflödesanalys;
        if (
          !rowOf(kf, 'likvida-medel-vid-årets-slut').amounts[0]!.equals(
            rowOf(br, 'kassa-och-bank').amounts[0]!,
          )
        )
          return false;
        const bankBalance = await runProjection(
          postEvents(
            stored
              .map((event) => bookkeepingCatalog.decode(event))
              .map((decoded) => (E.isRight(decoded) ? decoded.right : undefined)!),
            defaultChart,
          ),
          {
            name: 'bank',
            init: () => Money.zero,
            apply: (sum, { verifikationer }) =>
              verifikationer
                .filter((verifikation) => verifikation.år <= year)
                .reduce(
                  (acc, verifikation) =>
                    acc.plus(
                      Money.sum(
                        verifikation.rader
                          .filter((rad) => rad.konto === '1930')
                          .map((rad) => rad.belopp),
                      ),
                    ),
                  sum,
                ),
            result: (sum) => sum,
          },
        );
        if (!bankBalance.equals(rowOf(br, 'kassa-och-bank').amounts[0]!)) return false;
        if (
          !rowOf(statements.resultaträkning, 'årets-resultat').amounts[0]!.equals(
            rowOf(br, 'årets-resultat').amounts[0]!,
          )
        )
          return false;
      }
      return true;
    }),
    { numRuns: Number(process.env['FINSAM_PROPERTY_RUNS'] ?? 60) },
  );
  t.pass();
});
