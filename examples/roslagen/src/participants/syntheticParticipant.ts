import type {
  AnvisadFrån,
  Avslutsorsak,
  FörsörjningVidInskrivning,
  Kön,
  TidIOffentligFörsörjning,
  Åldersband,
} from '@finsam-ledger/core';

/** One synthetic individual of the example: what their enrolment and ending record. */
export interface SyntheticParticipant {
  readonly deltagareId: string;
  readonly insatsId: string;
  readonly kön: Kön;
  readonly åldersband: Åldersband;
  readonly anvisadFrån: AnvisadFrån;
  readonly försörjningVidInskrivning: FörsörjningVidInskrivning;
  readonly tidIOffentligFörsörjning: TidIOffentligFörsörjning;
  readonly hemkommun: string;
  readonly enrolledOn: string;
  readonly ending?:
    | { readonly kind: 'avslutad'; readonly on: string; readonly avslutsorsak: Avslutsorsak }
    | { readonly kind: 'överförd'; readonly on: string; readonly tillInsatsId: string };
}
