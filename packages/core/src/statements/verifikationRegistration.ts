import { verifikationsnummer, type Verifikation } from '../bookkeeping/Verifikation.js';

/**
 * The number a verifikation is printed with in the huvudbok and the verifikationslista,
 * e.g. `2020-17`. Today it is the number the replay gives (one series per year, in recorded
 * order); when numbers are stored at record time, this is the one function to switch.
 */
export const verifikationNumberOf = (verifikation: Verifikation): string =>
  verifikationsnummer(verifikation);

/**
 * When a verifikation was registered (BFL 5 kap. 7 §: when it was made). Today the event's
 * `recordedAt`, as the writer sent it; when stores stamp events (`storedAt`), this is the one
 * function to switch.
 */
export const registrationDateOf = (verifikation: Verifikation): string => verifikation.registrerad;
