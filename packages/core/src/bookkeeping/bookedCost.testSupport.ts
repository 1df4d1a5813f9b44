import { Money } from '../money/Money.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';

/**
 * A cost of `belopp` and 25 % moms on it (25 kr on 100 kr) on 2021-03-01, owed as payable
 * `postId` or paid by bank.
 */
export const bookedCost = (postId: string | undefined, belopp: string) =>
  bookkeepingEvent('KostnadBokförd', {
    datum: '2021-03-01',
    område: 'operativa',
    post: 'MIA vidare',
    belopp,
    moms: Money.fromOre(Money.from(belopp).toOre() / 4n).toString(),
    text: `Faktura ${postId ?? 'bank'}`,
    betalning: postId === undefined ? { sätt: 'bank' } : { sätt: 'leverantörsskuld', postId },
  });
