import { öre } from './amounts.js';
import type { TypedData } from './costsByNot2Line.js';

/** The Not 1 lines that are not members. */
export const esfLine = 'EU-medel och andra bidrag';
export const otherIncomeLine = 'Övriga intäkter';

/**
 * The income of year `år` by Not 1 line, in öre, folded from the events: member
 * contributions by `medlem` (received or invoiced), ESF and other grants (payments, less
 * reversed accruals, plus new accruals), and other income by its `intäktspost` (the Not 1
 * line it names, e.g. `Intäkt försäljning tjänst`), or {@link otherIncomeLine} without one.
 */
export function incomeByNot1Line(events: readonly TypedData[], år = 2020): Map<string, bigint> {
  const lines = new Map<string, bigint>();
  const add = (key: string, amount: bigint) => lines.set(key, (lines.get(key) ?? 0n) + amount);
  for (const event of events) {
    const data = event.data as {
      datum?: string;
      belopp?: string;
      medlem?: string;
      intäktsslag?: string;
      intäktspost?: string;
      slag?: string;
    };
    if (!data.datum?.startsWith(`${år}-`)) continue;
    const lineOfKind = (kind: string | undefined) =>
      kind === 'övrig' ? (data.intäktspost ?? otherIncomeLine) : esfLine;
    switch (event.type) {
      case 'MedlemsbidragMottaget':
      case 'MedlemsbidragFakturerat':
        add(data.medlem!, öre(data.belopp!));
        break;
      case 'ESFUtbetalning':
        add(esfLine, öre(data.belopp!));
        break;
      case 'IntäktUpplupen':
      case 'ÖvrigIntäktBokförd':
        add(lineOfKind(data.intäktsslag), öre(data.belopp!));
        break;
      case 'PeriodiseringÅterförd':
        if (data.slag === 'upplupen-intäkt') add(lineOfKind(data.intäktsslag), -öre(data.belopp!));
        break;
      default:
        break;
    }
  }
  return lines;
}
