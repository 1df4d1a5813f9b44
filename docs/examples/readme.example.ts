/**
 * The README's embedding example, as a function the tests run.
 */
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, renderStatementText } from '@finsam-ledger/core';

export async function readmeExample(): Promise<string> {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'roslagen' });
  const metadata = { recordedAt: '2020-02-01T09:00:00.000Z', recordedBy: 'ekonom@forbundet' };

  const opened = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2020-01-01',
      text: 'Ingående balans 2020',
      kassaOchBank: '2573298.00',
      momsfordran: '0.00',
      balanseratResultat: '2573298.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  // A refusal is a value, not an exception: a LedgerError with its code, field and rule.
  if (E.isLeft(opened)) throw opened.left;
  const contribution = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-01-31',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2020',
      belopp: '363333.33',
    },
    { metadata },
  )();
  if (E.isLeft(contribution)) throw contribution.left;

  const { resultaträkning } = await ledger.statements(2020);
  return renderStatementText(resultaträkning, 'tkr');
}
