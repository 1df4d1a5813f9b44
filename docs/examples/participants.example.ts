// The runnable example of docs/participants.md: record a few participants, get a refusal
// for a personnummer, and print the Bilaga 1 share and the goal fulfilment.
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  bilaga1Tables,
  createEventRecorder,
  goalFulfilment,
  participantCatalog,
  participantDecider,
  participantStreamId,
  runProjections,
} from '@finsam-ledger/core';

/** Runs the example and returns what it prints, line by line. */
export async function runParticipantsExample(): Promise<string[]> {
  const output: string[] = [];
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: participantStreamId('roslagen'),
    catalog: participantCatalog,
    decider: participantDecider,
  });
  const metadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'handläggare-7' };

  const enrol = (
    deltagareId: string,
    kön: 'kvinna' | 'man',
    anvisadFrån: 'försäkringskassan' | 'kommunen',
    datum: string,
  ) =>
    participantCatalog.create(
      'DeltagareInskriven',
      {
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
      { metadata },
    );

  // A personnummer is refused, whatever field it is in, and nothing is written.
  const refused = enrol('811218-9876', 'kvinna', 'kommunen', '2019-03-01');
  if (refused._tag === 'Left') output.push(`refused: ${refused.left.code}`);

  const goal = participantCatalog.create(
    'InsatsmålSatt',
    {
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
    { metadata },
  );
  const events = [
    goal,
    enrol('d-1a2b3c4d', 'kvinna', 'försäkringskassan', '2019-03-01'),
    enrol('d-5e6f7a8b', 'man', 'kommunen', '2019-04-01'),
    enrol('d-9c0d1e2f', 'kvinna', 'kommunen', '2019-05-02'),
  ];
  const concluded = participantCatalog.create(
    'DeltagareAvslutad',
    {
      deltagareId: 'd-1a2b3c4d',
      insatsId: 'mia-roslagen',
      datum: '2019-09-01',
      avslutsorsak: 'arbete',
    },
    { metadata },
  );
  const valid = [...events, concluded].flatMap((event) =>
    event._tag === 'Right' ? [event.right] : [],
  );
  const recorded = await recorder.record(valid)();
  output.push(`recorded: ${recorded._tag === 'Right' ? valid.length : recorded.left.code}`);

  // Concluding the same participant twice is refused by the rules.
  const again = participantCatalog.create(
    'DeltagareAvslutad',
    {
      deltagareId: 'd-1a2b3c4d',
      insatsId: 'mia-roslagen',
      datum: '2019-10-01',
      avslutsorsak: 'studier',
    },
    { metadata },
  );
  if (again._tag === 'Right') {
    const result = await recorder.record([again.right])();
    output.push(`concluded twice: ${result._tag === 'Left' ? result.left.code : 'recorded'}`);
  }

  const period = { insatsId: 'mia-roslagen', periodFrån: '2017-04-01', periodTill: '2020-05-31' };
  const { tables, goals } = await runProjections(
    (async function* () {
      for await (const stored of store.readAll()) {
        const decoded = participantCatalog.decode(stored);
        if (decoded._tag === 'Right') yield decoded.right;
      }
    })(),
    { tables: bilaga1Tables(period), goals: goalFulfilment(period) },
  );
  const kommunen = tables.anvisadFrån.rows.find((row) => row.category === 'kommunen')!;
  output.push(
    `kommunen: ${kommunen.count.samtliga} of ${tables.anvisadFrån.total.samtliga} = ${kommunen.share.samtliga.percentRounded}% (exact ${kommunen.share.samtliga.percentTwoDecimals}%)`,
  );
  output.push(
    `offered ${goals.offered} of goal ${goals.goal?.erbjudnaMål}; work or studies ${goals.arbeteEllerStudier.count} of ${goals.arbeteEllerStudier.of} = ${goals.arbeteEllerStudier.percentRounded}%`,
  );
  return output;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runParticipantsExample()) console.log(line);
}
