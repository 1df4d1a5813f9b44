/**
 * The README's embedding example, as a function the tests run.
 */
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, renderStatementText } from '@finsam-ledger/core';

export async function readmeExample(): Promise<string> {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'roslagen' });
  const metadata = { recordedAt: '2020-02-01T09:00:00.000Z', recordedBy: 'ekonom@forbundet' };

  await ledger.record(
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
  await ledger.record(
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

  const { resultaträkning } = await ledger.statements(2020);
  return renderStatementText(resultaträkning, 'tkr');
}
