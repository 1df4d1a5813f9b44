import {
  intäktsslag,
  medlemskategorier,
  områden,
  type Chart,
} from '../bookkeeping/ChartOfAccounts.js';

/**
 * What a checkpoint records of the chart it was folded with: its name, accounts and roles, and
 * where its mappings put each område's, income kind's and member category's amounts. A fold
 * over another chart sums other accounts, so a checkpoint of another chart is stale. A chart
 * whose cost mapping differs only for named posts is not told apart: delete the checkpoints
 * after such a change (they are rebuilt from the events).
 */
export const chartFingerprint = (chart: Chart): string =>
  JSON.stringify({
    name: chart.name,
    accounts: chart.accounts,
    // The roles by name: a configuration that lists them in another order is the same chart
    // (`finsam init`'s configuration and `defaultChart` differ only in that order).
    roles: Object.entries(chart.roles).sort(([left], [right]) => (left < right ? -1 : 1)),
    costAccounts: områden.map((område) => chart.costAccount(område, '')),
    incomeAccounts: intäktsslag.map((kind) => chart.incomeAccount(kind)),
    contributionAccounts: medlemskategorier.map((kategori) => chart.contributionAccount(kategori)),
  });
