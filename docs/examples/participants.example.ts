// The runnable example of docs/participants.md: open a participant register, get a refusal
// for a personnummer, record a few participants, and print the tables of a year.
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createParticipantRegister,
  renderParticipantTablesMarkdown,
  type ParticipantEventToRecord,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';

/** Runs the example and returns what it prints, line by line. */
export async function runParticipantsExample(): Promise<string[]> {
  const output: string[] = [];
  const register = createParticipantRegister({
    store: getInMemoryEventStore(),
    förbundId: 'roslagen',
  });
  const options = {
    metadata: { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'handläggare-7' },
  };

  const enrolment = (
    deltagareId: string,
    kön: 'kvinna' | 'man',
    anvisadFrån: 'försäkringskassan' | 'kommunen',
    datum: string,
  ): ParticipantEventToRecord => ({
    type: 'DeltagareInskriven',
    data: {
      deltagareId,
      insatsId: 'mia-roslagen',
      datum,
      kön,
      åldersband: '30-44',
      anvisadFrån,
      försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
      tidIOffentligFörsörjning: '1 till 3 år',
      hemkommun: 'Österåker',
    },
    options,
  });

  // A personnummer is refused, whatever field it is in, and nothing is written.
  const refused = await register.recordAll([
    enrolment('811218-9876', 'kvinna', 'kommunen', '2019-03-01'),
  ])();
  if (refused._tag === 'Left') output.push(`refused: ${refused.left.code}`);
  output.push(`stored: ${(await collectAsync(register.replay())).length}`);

  const recorded = await register.recordAll([
    {
      type: 'InsatsmålSatt',
      data: {
        insatsId: 'mia-roslagen',
        benämning: 'MIA Roslagen',
        beslutsdatum: '2017-04-01',
        periodFrån: '2017-04-01',
        periodTill: '2020-05-31',
        erbjudnaMål: 4,
        arbeteEllerStudierMålProcent: 30,
        stegförflyttningMålProcent: 40,
        andelAv: 'avslutade',
      },
      options,
    },
    enrolment('d-1a2b3c4d', 'kvinna', 'försäkringskassan', '2019-03-01'),
    enrolment('d-5e6f7a8b', 'man', 'kommunen', '2019-04-01'),
    enrolment('d-9c0d1e2f', 'kvinna', 'kommunen', '2019-05-02'),
    {
      type: 'DeltagareAvslutad',
      data: {
        deltagareId: 'd-1a2b3c4d',
        insatsId: 'mia-roslagen',
        datum: '2019-09-01',
        avslutsorsak: 'arbete',
      },
      options,
    },
  ])();
  output.push(`recorded: ${recorded._tag === 'Right' ? 5 : recorded.left.code}`);

  // Concluding the same participant twice is refused by the rules.
  const again = await register.record(
    'DeltagareAvslutad',
    {
      deltagareId: 'd-1a2b3c4d',
      insatsId: 'mia-roslagen',
      datum: '2019-10-01',
      avslutsorsak: 'studier',
    },
    options,
  )();
  output.push(`concluded twice: ${again._tag === 'Left' ? again.left.code : 'recorded'}`);

  // The tables of 2019: each insats with participants in 2019, for the year and since its start.
  const tables = await register.tables(2019)();
  if (tables._tag === 'Left') return [...output, `tables: ${tables.left.code}`];
  const { year, sinceStart } = tables.right.insatser[0]!;
  const kommunen = year.tables.anvisadFrån.rows.find((row) => row.category === 'kommunen')!;
  output.push(
    `kommunen: ${kommunen.count.samtliga} of ${year.tables.anvisadFrån.total.samtliga} = ${kommunen.share.samtliga.percentRounded}% (exact ${kommunen.share.samtliga.percentTwoDecimals}%)`,
  );
  output.push(
    `offered ${year.goals.offered} of goal ${year.goals.goal?.erbjudnaMål}; work or studies ${year.goals.arbeteEllerStudier.count} of ${year.goals.arbeteEllerStudier.of} = ${year.goals.arbeteEllerStudier.percentRounded}%`,
  );
  output.push(
    `since ${sinceStart.tables.periodFrån}: ${sinceStart.tables.enrolled.samtliga} enrolled`,
  );
  const markdown = renderParticipantTablesMarkdown(tables.right, {
    insatsNames: { 'mia-roslagen': 'MIA Roslagen' },
  });
  output.push(...markdown.split('\n').filter((line) => line.startsWith('## ')));
  return output;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runParticipantsExample()) console.log(line);
}
