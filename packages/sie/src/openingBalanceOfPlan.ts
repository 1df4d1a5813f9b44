import { Money, type Chart } from '@finsam-ledger/core';
import { sieError } from './error.js';
import type { SieImportPlan } from './planSieImport.js';
import type { SieMapping } from './SieMapping.js';

/** The data of the ledger's `IngåendeBalansRegistrerad`, as the import builds it. */
export interface OpeningBalanceData {
  readonly datum: string;
  readonly text: string;
  readonly kassaOchBank: string;
  readonly momsfordran: string;
  readonly balanseratResultat: string;
  readonly öppnaPoster: readonly Record<string, string>[];
}

const refuse = (konto: string, amount: Money, why: string) =>
  sieError(
    'UNMAPPED_ACCOUNT',
    `#IB ${amount.toString()} on ${konto} cannot open the books: ${why}`,
    {
      path: '#IB',
      rule: 'opening-balance-placement',
      details: { account: konto, amount: amount.toString() },
    },
  );

/** One open item of the opening balance for an account that holds open items, or `undefined`. */
function openItemOf(
  konto: string,
  amount: Money,
  chart: Chart,
  mapping: SieMapping,
): Record<string, string> | undefined {
  const { roles } = chart;
  const postId = `sie-ib-${konto}`;
  const text = `Ingående balans ${konto} (SIE)`;
  const placement = {
    område: 'administrativa',
    post: 'Ingående balans',
    ...mapping.ejFördelat?.dimensioner,
  };
  const kinds: Record<string, { slag: string; debet: boolean; extra?: Record<string, string> }> = {
    [roles.kundfordringar]: { slag: 'kundfordran', debet: true },
    [roles.förutbetaldaKostnaderUpplupnaIntäkter]: {
      slag: 'upplupen-intäkt',
      debet: true,
      extra: { intäktsslag: 'övrig' },
    },
    [roles.leverantörsskulder]: { slag: 'leverantörsskuld', debet: false },
    [roles.övrigaKortfristigaSkulder]: { slag: 'övrig-kortfristig-skuld', debet: false },
    [roles.upplupnaKostnader]: {
      slag: 'upplupen-kostnad',
      debet: false,
      extra: { område: placement.område, post: placement.post },
    },
  };
  const kind = kinds[konto];
  if (kind === undefined) return undefined;
  if (kind.debet !== amount.isPositive())
    throw refuse(konto, amount, `a ${kind.slag} has a ${kind.debet ? 'debet' : 'kredit'} balance`);
  return { postId, slag: kind.slag, belopp: amount.abs().toString(), text, ...kind.extra };
}

/**
 * The ledger's opening balance of the first year imported, from the file's `#IB` mapped onto
 * the chart: the bank and VAT accounts, equity (balanserat resultat, with årets resultat
 * brought forward), and one open item per receivable, accrual or payable account (the file
 * has balances, not the items behind them). An `#IB` on any other account is refused.
 */
export function openingBalanceOfPlan(
  plan: SieImportPlan,
  chart: Chart,
  mapping: SieMapping,
): OpeningBalanceData {
  let bank = Money.zero;
  let vat = Money.zero;
  let equity = Money.zero;
  const öppnaPoster: Record<string, string>[] = [];
  for (const [konto, amount] of [...plan.ingåendeBalans].sort(([left], [right]) =>
    left < right ? -1 : 1,
  )) {
    if (amount.isZero()) continue;
    if (konto === chart.roles.bank) bank = bank.plus(amount);
    else if (konto === chart.roles.momsfordran) vat = vat.plus(amount);
    else if (
      chart.accounts.some((account) => account.number === konto && account.line === 'eget-kapital')
    )
      equity = equity.minus(amount);
    else {
      const item = openItemOf(konto, amount, chart, mapping);
      if (item === undefined)
        throw refuse(
          konto,
          amount,
          "the ledger's opening balance holds bank, VAT, open items and equity",
        );
      öppnaPoster.push(item);
    }
  }
  return {
    datum: `${plan.år}-01-01`,
    text: `Ingående balans ${plan.år} (SIE)`,
    kassaOchBank: bank.toString(),
    momsfordran: vat.toString(),
    balanseratResultat: equity.toString(),
    öppnaPoster,
  };
}
