// TEMPORARY stand-in for the config helper's core API (ISSUE11-CONTRACT.md), replaced by
// imports from '@finsam-ledger/core' once the `config` branch is merged.
import * as E from 'fp-ts/Either';
import {
  ledgerError,
  type FinancialGuidelines,
  type LedgerError,
  type MoneyUnit,
} from '@finsam-ledger/core';

export interface FörbundConfiguration {
  readonly version: 1;
  readonly förbundId: string;
  readonly namn: string;
  readonly finansiellaRiktlinjer?: Partial<FinancialGuidelines>;
  readonly presentation?: { readonly enhet: MoneyUnit };
}

export function parseFörbundConfiguration(
  json: unknown,
): E.Either<LedgerError, FörbundConfiguration> {
  const value = json as Partial<FörbundConfiguration> | null;
  if (typeof value?.förbundId !== 'string' || typeof value.namn !== 'string')
    return E.left(
      ledgerError('VALIDATION_FAILED', 'forbund.json needs förbundId and namn', {
        issues: [{ path: 'förbundId', rule: 'required', message: 'förbundId is required' }],
      }),
    );
  return E.right(value as FörbundConfiguration);
}

export const förbundConfigurationTemplate = (options: {
  namn: string;
  förbundId: string;
}): FörbundConfiguration => ({ version: 1, ...options, presentation: { enhet: 'tkr' } });

export const ledgerOptionsFromConfiguration = (configuration: FörbundConfiguration) => ({
  förbundId: configuration.förbundId,
});

export const annualReportOptionsFromConfiguration = (configuration: FörbundConfiguration) => ({
  guidelines: configuration.finansiellaRiktlinjer ?? {},
});
