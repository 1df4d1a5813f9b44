import { isIncomeStatementLine, Money, type Chart } from '@finsam-ledger/core';
import { refuseSieErrors, sieError } from './error.js';
import type { SieImportPlan } from './planSieImport.js';
import type { SieFile } from './SieFile.js';
import { sieAccountPlacement, type SieMapping } from './SieMapping.js';

/**
 * The data of the ledger's `IngåendeBalansRegistrerad`, as the import builds it: amounts as
 * decimal strings, as the file gives them. Its own type rather than the core's
 * `EventInput<'IngåendeBalansRegistrerad'>`, whose amounts are `unknown` (the schema reads a
 * string, a Big or a Money) and whose item fields are enums: the mapping's dimension strings
 * meet those at the ledger's write-side check, which names any that is not the förbund's.
 */
export interface OpeningBalanceData {
  readonly datum: string;
  readonly text: string;
  readonly kassaOchBank: string;
  readonly momsfordran: string;
  readonly balanseratResultat: string;
  readonly öppnaPoster: readonly Record<string, string>[];
  /** Fixed assets, long-term debts, a second bank or cash account: on their own accounts. */
  readonly övrigaBalanser?: readonly { readonly konto: string; readonly saldo: string }[];
}

/** An `#IB` of a ledger account that cannot open the books, and why. */
interface OpeningRefusal {
  readonly konto: string;
  readonly amount: Money;
  readonly why: string;
}

/**
 * The refusal of one ledger account's `#IB`, naming the file's accounts (and lines) the mapping
 * placed on it: what the förbund has to map elsewhere.
 */
function refusalOf(refusal: OpeningRefusal, file: SieFile | undefined, mapping: SieMapping) {
  const sources = (file?.balances ?? []).filter(
    (balance) =>
      balance.kind === 'IB' &&
      balance.yearIndex === 0 &&
      !Money.from(balance.amount).isZero() &&
      sieAccountPlacement(balance.account, mapping)?.konto === refusal.konto,
  );
  const named = sources.map(
    (source) => `${source.account}${source.line === undefined ? '' : ` line ${source.line}`}`,
  );
  const from = named.length === 0 ? '' : ` (the file's ${named.join(', ')})`;
  const line = sources.find((source) => source.line !== undefined)?.line;
  return sieError(
    'UNMAPPED_ACCOUNT',
    `#IB ${refusal.amount.toString()} on ${refusal.konto}${from} cannot open the books: ${refusal.why}`,
    {
      ...(line === undefined ? {} : { line }),
      path: '#IB',
      rule: 'opening-balance-placement',
      details: {
        account: refusal.konto,
        amount: refusal.amount.toString(),
        sources: sources.map((source) => source.account),
      },
    },
  );
}

/** One open item of the opening balance for an account that holds open items, or `undefined`. */
function openItemOf(
  konto: string,
  amount: Money,
  chart: Chart,
  mapping: SieMapping,
): { readonly item: Record<string, string> } | { readonly refusal: OpeningRefusal } | undefined {
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
    // Only a chart with an account of its own for förutbetalda intäkter (Kommun-BAS 2970):
    // without one they share the upplupna kostnader account above.
    ...(roles.förutbetaldaIntäkter === undefined ||
    roles.förutbetaldaIntäkter === roles.upplupnaKostnader
      ? {}
      : {
          [roles.förutbetaldaIntäkter]: {
            slag: 'förutbetald-intäkt',
            debet: false,
            extra: { intäktsslag: 'övrig' },
          },
        }),
  };
  const kind = kinds[konto];
  if (kind === undefined) return undefined;
  if (kind.debet !== amount.isPositive()) {
    const why = `a ${kind.slag} has a ${kind.debet ? 'debet' : 'kredit'} balance`;
    return { refusal: { konto, amount, why } };
  }
  return {
    item: { postId, slag: kind.slag, belopp: amount.abs().toString(), text, ...kind.extra },
  };
}

/**
 * The balance of a balance-sheet account that holds no open items (a fixed asset, a long-term
 * debt, cash in hand), kept on its own account; an account the chart lacks or a result account
 * is refused.
 */
function otherBalanceOf(
  konto: string,
  amount: Money,
  chart: Chart,
): { readonly balance: { konto: string; saldo: string } } | { readonly refusal: OpeningRefusal } {
  const account = chart.accounts.find((candidate) => candidate.number === konto);
  if (account !== undefined && !isIncomeStatementLine(account.line))
    return { balance: { konto, saldo: amount.toString() } };
  const why =
    account === undefined
      ? `account ${konto} is not in the chart: add it to the kontoplan on its line of the balansräkning (anläggningstillgångar, långfristiga-skulder, …) or map the file's account elsewhere`
      : `account ${konto} is on the resultaträkning, which opens every year at zero: map the file's account onto a balance-sheet account`;
  return { refusal: { konto, amount, why } };
}

/**
 * The ledger's opening balance of the first year imported, from the file's `#IB` mapped onto
 * the chart: the bank and VAT accounts, equity (balanserat resultat, with årets resultat
 * brought forward), one open item per receivable, accrual or payable account (the file has
 * balances, not the items behind them), and every other balance-sheet account (fixed assets,
 * long-term debts) on its own account. An `#IB` on an account the chart lacks or on a result
 * account, or an open item's account with the wrong side, is refused: every such account at
 * once, each naming the file's accounts and lines behind it when `file` is given.
 */
export function openingBalanceOfPlan(
  plan: SieImportPlan,
  chart: Chart,
  mapping: SieMapping,
  file?: SieFile,
): OpeningBalanceData {
  const refused: OpeningRefusal[] = [];
  let bank = Money.zero;
  let vat = Money.zero;
  let equity = Money.zero;
  const öppnaPoster: Record<string, string>[] = [];
  const övrigaBalanser: { konto: string; saldo: string }[] = [];
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
      const placed =
        openItemOf(konto, amount, chart, mapping) ?? otherBalanceOf(konto, amount, chart);
      if ('item' in placed) öppnaPoster.push(placed.item);
      else if ('balance' in placed) övrigaBalanser.push(placed.balance);
      else refused.push(placed.refusal);
    }
  }
  refuseSieErrors(
    'UNMAPPED_ACCOUNT',
    refused.map((refusal) => refusalOf(refusal, file, mapping)),
    `The #IB of ${refused.length} accounts cannot open the books`,
  );
  return {
    datum: `${plan.år}-01-01`,
    text: `Ingående balans ${plan.år} (SIE)`,
    kassaOchBank: bank.toString(),
    momsfordran: vat.toString(),
    balanseratResultat: equity.toString(),
    öppnaPoster,
    ...(övrigaBalanser.length === 0 ? {} : { övrigaBalanser }),
  };
}
