import { verifikationsnummer, type Verifikation } from '../bookkeeping/Verifikation.js';

/**
 * The number a verifikation is printed with in the huvudbok and the verifikationslista,
 * e.g. `2020-17`. Today it is the number the replay gives (one series per year, in recorded
 * order); when numbers are stored at record time, this is the one function to switch.
 */
export const verifikationNumberOf = (verifikation: Verifikation): string =>
  verifikationsnummer(verifikation);

/**
 * When a verifikation was registered (BFL 5 kap. 7 §: when it was entered into the books): the
 * store's own stamp of its event (`storedAt`; for a copied event, the first store's, kept in
 * `metadata.copiedFrom`), not the writer's `recordedAt`, which any writer can set. An event
 * without a stamp (read from a store that did not stamp, or not read from a store at all) falls
 * back to `recordedAt`. `finsam audit` warns where the two are far apart.
 */
export const registrationDateOf = (verifikation: Verifikation): string =>
  verifikation.storedAt ?? verifikation.registrerad;
