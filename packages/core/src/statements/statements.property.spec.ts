import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { bookkeepingCatalog, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import { imbalanceOf } from '../bookkeeping/Verifikation.js';
import type { EventInput } from '../facade/EventInput.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import { decimalKronor } from '../money/decimalKronor.testSupport.js';
import { Money } from '../money/Money.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { collectAsync } from '../util/asyncIterable.js';
import { mainStatements, replayBookkeeping } from './replayStatements.js';
import { renderStatementText } from './renderStatementText.js';
import { rowOf } from './Statement.js';
import { dayOfYear } from './dayOfYear.testSupport.js';

/** A random amount in öre, as a decimal string. */
const amount = (maxKronor: number) => decimalKronor(maxKronor);
const dayOf = (year: number) => dayOfYear(year);

type Intent =
  | { kind: 'contribution'; belopp: string; day: string; kategori: 'staten' | 'region' | 'kommun' }
  | { kind: 'esf'; belopp: string; day: string }
  | {
      kind: 'cost';
      belopp: string;
      /** The VAT rate of the invoice, in percent of the net amount. */
      momsProcent: bigint;
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
      momsProcent: fc.constantFrom(0n, 6n, 12n, 25n),
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
  const model: HistoryModel = {
    events: [
      bookkeepingEvent('IngåendeBalansRegistrerad', {
        datum: '2020-01-01',
        text: 'Ingående balans',
        kassaOchBank: openingBank,
        momsfordran: '0',
        balanseratResultat: openingBank,
        öppnaPoster: [],
      }),
    ],
    payables: new Map(),
    otherDebts: new Map(),
    accruals: [],
    vat: Money.zero,
    result: Money.zero,
    lastCorrectable: undefined,
  };
  let sequence = 0;
  years.forEach((intents, index) => {
    const year = 2020 + index;
    model.result = Money.zero;
    for (const intent of [...intents].sort((left, right) => (left.day < right.day ? -1 : 1))) {
      sequence += 1;
      const handle = intentHandlers[intent.kind] as IntentHandler<Intent>;
      handle(intent, model, { year, id: `P-${sequence}` });
    }
    if (index < years.length - 1)
      model.events.push(
        bookkeepingEvent('RäkenskapsårStängt', {
          år: year,
          datum: `${year + 1}-02-15`,
          åretsResultat: model.result.toString(),
        }),
      );
  });
  return model.events;
}

/** An accrual the model holds open, to be reversed or corrected against eget kapital. */
interface ModelAccrual {
  readonly postId: string;
  belopp: string;
  readonly slag: 'upplupen-intäkt' | 'upplupen-kostnad';
  readonly område?: 'administrativa' | 'strukturpåverkande' | 'operativa';
}

/**
 * What the generator knows of the books so far, so that every event it makes passes the
 * rules: the open payables, other debts and accruals, the VAT receivable, the year's result,
 * and the last booking a correction may reverse.
 */
interface HistoryModel {
  readonly events: BookkeepingEvent[];
  readonly payables: Map<string, Money>;
  readonly otherDebts: Map<string, Money>;
  readonly accruals: ModelAccrual[];
  vat: Money;
  result: Money;
  lastCorrectable: BookkeepingEvent | undefined;
}

type IntentHandler<Of extends Intent> = (
  intent: Of,
  model: HistoryModel,
  at: { readonly year: number; readonly id: string },
) => void;

/** Records an event; a correctable one is the next `correctLast`'s target, any other clears it. */
const book = (model: HistoryModel, event: BookkeepingEvent, correctable = false): void => {
  model.events.push(event);
  model.lastCorrectable = correctable ? event : undefined;
};

/** Pays the oldest open debt of `open`: in full, or one krona when the share is small. */
function payOldest(
  model: HistoryModel,
  open: Map<string, Money>,
  share: number,
  event: (postId: string, belopp: string) => BookkeepingEvent,
): void {
  const [postId, amount] = [...open][0] ?? [];
  if (!postId || !amount) return;
  const settled =
    share > 30 || amount.compare(Money.from('1.00')) <= 0 ? amount : Money.from('1.00');
  book(model, event(postId, settled.toString()));
  const remaining = amount.minus(settled);
  if (remaining.isZero()) open.delete(postId);
  else open.set(postId, remaining);
}

function bookCost(
  intent: Extract<Intent, { kind: 'cost' }>,
  model: HistoryModel,
  id: string,
): void {
  // VAT is booked when the invoice comes, never on an accrual; at most 25 % of the net.
  const moms =
    intent.sätt === 'upplupen'
      ? '0.00'
      : Money.fromOre((Money.from(intent.belopp).toOre() * intent.momsProcent) / 100n).toString();
  const betalning: EventInput<'KostnadBokförd'>['betalning'] =
    intent.sätt === 'bank' ? { sätt: 'bank' } : { sätt: intent.sätt, postId: id };
  book(
    model,
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
  model.vat = model.vat.plus(Money.from(moms));
  model.result = model.result.minus(Money.from(intent.belopp));
  const total = Money.from(intent.belopp).plus(Money.from(moms));
  if (intent.sätt === 'leverantörsskuld') model.payables.set(id, total);
  if (intent.sätt === 'övrig-skuld') model.otherDebts.set(id, total);
  if (intent.sätt === 'upplupen')
    model.accruals.push({
      postId: id,
      belopp: intent.belopp,
      slag: 'upplupen-kostnad',
      område: intent.område,
    });
}

/**
 * A correction against eget kapital: lowers an accrual by 1 kr (a receivable lowers equity,
 * a debt raises it), lowers the VAT receivable, or raises a payable. It moves no cash and is
 * not in the year's result.
 */
function correctEquity(
  intent: Extract<Intent, { kind: 'equityCorrection' }>,
  model: HistoryModel,
  id: string,
): void {
  const one = Money.from('1.00');
  const correction = (belopp: string, motpost: EventInput<'EgetKapitalRättat'>['motpost']) =>
    book(
      model,
      bookkeepingEvent('EgetKapitalRättat', {
        datum: intent.day,
        belopp,
        motpost,
        text: `Rättelse ${id}`,
        skäl: 'Fel i tidigare år',
      }),
    );
  model.lastCorrectable = undefined;
  if (intent.target === 'accrual') {
    const accrual = model.accruals.find(
      (candidate) => Money.from(candidate.belopp).compare(one) > 0,
    );
    if (!accrual) return;
    correction(accrual.slag === 'upplupen-intäkt' ? '-1.00' : '1.00', {
      slag: accrual.slag,
      postId: accrual.postId,
    });
    accrual.belopp = Money.from(accrual.belopp).minus(one).toString();
  } else if (intent.target === 'vat') {
    if (model.vat.compare(one) < 0) return;
    correction('-1.00', { slag: 'momsfordran' });
    model.vat = model.vat.minus(one);
  } else {
    const [postId, open] = [...model.payables][0] ?? [];
    if (!postId || !open) return;
    correction('-1.00', { slag: 'leverantörsskuld', postId });
    model.payables.set(postId, open.plus(one));
  }
}

function reverseOldestAccrual(
  intent: Extract<Intent, { kind: 'reverseAccrual' }>,
  model: HistoryModel,
): void {
  const accrual = model.accruals.shift();
  if (!accrual) return;
  book(
    model,
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
  model.result =
    accrual.slag === 'upplupen-intäkt'
      ? model.result.minus(Money.from(accrual.belopp))
      : model.result.plus(Money.from(accrual.belopp));
}

function correctLastBooking(
  intent: Extract<Intent, { kind: 'correctLast' }>,
  model: HistoryModel,
): void {
  const original = model.lastCorrectable;
  if (!original || !original.data || !('belopp' in original.data)) return;
  book(
    model,
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
  model.result =
    original.type === 'FinansiellKostnadBokförd'
      ? model.result.plus(originalAmount)
      : model.result.minus(originalAmount);
}

/** How each intent becomes events, keeping the model in step. */
const intentHandlers: { [Kind in Intent['kind']]: IntentHandler<Extract<Intent, { kind: Kind }>> } =
  {
    contribution: (intent, model, { year }) => {
      book(
        model,
        bookkeepingEvent('MedlemsbidragMottaget', {
          datum: intent.day,
          medlem: `Medlem ${intent.kategori}`,
          medlemskategori: intent.kategori,
          period: String(year),
          belopp: intent.belopp,
        }),
        true,
      );
      model.result = model.result.plus(Money.from(intent.belopp));
    },
    esf: (intent, model, { year }) => {
      book(
        model,
        bookkeepingEvent('ESFUtbetalning', {
          datum: intent.day,
          projekt: 'MIA',
          period: String(year),
          belopp: intent.belopp,
        }),
        true,
      );
      model.result = model.result.plus(Money.from(intent.belopp));
    },
    cost: (intent, model, { id }) => bookCost(intent, model, id),
    payPayable: (intent, model) =>
      payOldest(model, model.payables, intent.share, (postId, belopp) =>
        bookkeepingEvent('LeverantörsskuldBetald', { datum: intent.day, postId, belopp }),
      ),
    payOtherDebt: (intent, model) =>
      payOldest(model, model.otherDebts, intent.share, (postId, belopp) =>
        bookkeepingEvent('ÖvrigSkuldBetald', { datum: intent.day, postId, belopp }),
      ),
    equityCorrection: (intent, model, { id }) => correctEquity(intent, model, id),
    vatRefund: (intent, model, { year }) => {
      if (!model.vat.isPositive()) return;
      book(
        model,
        bookkeepingEvent('MomsÅterbetald', {
          datum: intent.day,
          period: String(year),
          belopp: model.vat.toString(),
        }),
      );
      model.vat = Money.zero;
    },
    accrueIncome: (intent, model, { id }) => {
      book(
        model,
        bookkeepingEvent('IntäktUpplupen', {
          datum: intent.day,
          postId: id,
          intäktsslag: 'esf',
          belopp: intent.belopp,
          text: `ESF ${id}`,
        }),
      );
      model.accruals.push({ postId: id, belopp: intent.belopp, slag: 'upplupen-intäkt' });
      model.result = model.result.plus(Money.from(intent.belopp));
    },
    reverseAccrual: (intent, model) => reverseOldestAccrual(intent, model),
    interestCost: (intent, model) => {
      book(
        model,
        bookkeepingEvent('FinansiellKostnadBokförd', {
          datum: intent.day,
          belopp: intent.belopp,
          text: 'Bankavgift',
        }),
        true,
      );
      model.result = model.result.minus(Money.from(intent.belopp));
    },
    correctLast: (intent, model) => correctLastBooking(intent, model),
  };

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
