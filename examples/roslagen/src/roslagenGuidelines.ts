import type { FinancialGuidelines } from '@finsam-ledger/core';

/**
 * Roslagen's financial guidelines (Årsredovisning 2022, 1.5): administration within 2 m.kr,
 * at least 70 % of the remaining insatsmedel to operativa individinsatser; eget kapital at
 * most 20 % of the yearly allocation (Nationella rådet's recommendation, the default). The
 * same figures as examples/roslagen/forbund.json, which the `finsam` command reads.
 */
export const roslagenGuidelines: Partial<FinancialGuidelines> = {
  administrativaKostnaderMax: '2000000.00',
  operativaAndelMin: '0.70',
};
