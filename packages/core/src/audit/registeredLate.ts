import { bookkeepingModule, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { firstStoredAtOf } from '../store/storedAt.js';
import { dayInSweden } from '../util/dayInSweden.js';
import { placeOf, type AuditFinding } from './AuditFinding.js';

/**
 * How many days after the end of the month of its datum a business event may be registered
 * before the audit warns: 50, the latest BFNAR 2013:2 lets the bookkeeping of affärshändelser
 * be put off to (see docs/decisions.md). The next-working-day rule for cash is not checked.
 */
export const registrationDeadlineDaysDefault = 50;

/** The late events listed one by one; the rest are one warning that counts them. */
export const registeredLateListedMax = 10;

/**
 * Which bookkeeping events are affärshändelser whose registration BFL 5 kap. 2 § times (true),
 * and why the others are not (false). A record over every type, so that a new event type must
 * be decided here.
 */
const isAffärshändelse: Readonly<Record<BookkeepingEvent['type'], boolean>> = {
  // Invoices sent or received, and money in or out of the bank: each happens on its datum.
  KostnadBokförd: true, // an invoice received or a payment made (also one settling an accrual)
  KostnadKrediterad: true, // a supplier's credit note received
  MedlemsbidragMottaget: true, // a member's payment into the bank
  MedlemsbidragFakturerat: true, // an invoice sent to a member
  ESFUtbetalning: true, // ESF money paid into the bank
  LeverantörsskuldBetald: true, // a supplier's invoice paid
  KundfordranBetald: true, // a receivable paid to the förbund
  ÖvrigSkuldBetald: true, // another debt paid
  ÖvrigIntäktBokförd: true, // an income received or invoiced
  FinansiellIntäktBokförd: true, // interest the bank credited
  FinansiellKostnadBokförd: true, // interest or fees the bank charged
  MomsÅterbetald: true, // VAT refunded by Skatteverket into the bank
  IntäktFörutbetald: true, // money for a later period paid into the bank
  // Bokslut entries: dated at the year's end and booked when the books are closed, later.
  IntäktUpplupen: false,
  KostnadFörutbetald: false,
  PeriodiseringÅterförd: false,
  RäkenskapsårStängt: false,
  EgetKapitalRättat: false,
  // Not affärshändelser: the opening balance, budgets, figures for the report, history.
  IngåendeBalansRegistrerad: false,
  BudgetFastställd: false,
  BudgetÄndrad: false,
  HistoriskaÅrsuppgifterRegistrerade: false,
  FörvaltningsberättelseRegistrerad: false,
  PersonalresurserRegistrerade: false,
  // Registered in the old system; its registration there is in its källa.
  VerifikationImporterad: false,
  // A correction is registered when the error is found, not when the corrected event happened.
  HändelseRättad: false,
};

const dayMs = 24 * 60 * 60 * 1000;

/** The last day a business event dated `datum` may be registered: `days` after its month's end. */
export function registrationDeadlineOf(datum: string, days: number): string {
  const year = Number(datum.slice(0, 4));
  const month = Number(datum.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0) + days * dayMs).toISOString().slice(0, 10);
}

/** A late event, with what its warning says. */
interface Late {
  readonly stored: StoredEvent;
  readonly datum: string;
  readonly registered: string;
  readonly storedAt: string;
  readonly deadline: string;
}

/**
 * The business events of the books registered later than the deadline for their datum (BFL
 * 5 kap. 2 §, BFNAR 2013:2): the date of the store's stamp (`storedAt`, the first store's for a
 * copied event, as the verifikationslista registers it) after the last day of the month of the
 * event's datum plus `deadlineDays`. Events no store stamped are not checked. The first
 * {@link registeredLateListedMax} are warnings of their own, the rest one warning counting them.
 */
export class LateRegistrations {
  private readonly listed: Late[] = [];
  private moreCount = 0;
  private firstMore: Late | undefined;
  // The range of the unlisted ones' datums: events are in recorded order, not in datum order.
  private moreDatumFirst = '';
  private moreDatumLast = '';

  constructor(
    private readonly deadlineDays: number,
    private readonly storeCreatedAt: string | undefined,
  ) {}

  see(event: BookkeepingEvent, stored: StoredEvent): void {
    if (!isAffärshändelse[event.type]) return;
    const storedAt = firstStoredAtOf(stored);
    if (storedAt === undefined) return;
    const datum = bookkeepingModule(event.type).definition.businessDate(event.data);
    const deadline = registrationDeadlineOf(datum, this.deadlineDays);
    // The day in Sweden, where the books are kept: after 23:00 (22:00 in summer) the UTC day is
    // the one before.
    const registered = dayInSweden(storedAt);
    if (registered <= deadline) return;
    const late = { stored, datum, registered, storedAt, deadline };
    if (this.listed.length < registeredLateListedMax) {
      this.listed.push(late);
      return;
    }
    this.moreCount += 1;
    this.firstMore ??= late;
    if (this.moreDatumFirst === '' || datum < this.moreDatumFirst) this.moreDatumFirst = datum;
    if (datum > this.moreDatumLast) this.moreDatumLast = datum;
  }

  /** The warnings: one per listed event, then one counting the rest at the first of them. */
  warnings(): AuditFinding[] {
    const warnings = this.listed.map((late) => this.warningOf(late));
    if (this.firstMore !== undefined)
      warnings.push({
        kind: 'registration',
        code: 'REGISTERED_LATE',
        message: `${this.moreCount} more business event${this.moreCount === 1 ? ' is' : 's are'} registered more than ${this.deadlineDays} days after the end of the month of their datum (dated ${this.moreDatumFirst} to ${this.moreDatumLast}), not listed one by one; the first of them is here`,
        ...placeOf(this.firstMore.stored),
      });
    return warnings;
  }

  private warningOf(late: Late): AuditFinding {
    const daysLate = Math.round((Date.parse(late.registered) - Date.parse(late.deadline)) / dayMs);
    const givenClock =
      this.storeCreatedAt !== undefined &&
      late.stored.storedAt !== undefined &&
      late.stored.storedAt < this.storeCreatedAt
        ? '; stamped before the store was created, by a clock given (STORED_BEFORE_STORE_CREATED)'
        : '';
    return {
      kind: 'registration',
      code: 'REGISTERED_LATE',
      message: `dated ${late.datum} but registered ${late.registered} (storedAt ${late.storedAt}), ${daysLate} day${daysLate === 1 ? '' : 's'} after the deadline ${late.deadline}, ${this.deadlineDays} days after the end of the month of its datum (BFL 5 kap. 2 §, BFNAR 2013:2)${givenClock}`,
      ...placeOf(late.stored),
    };
  }
}
