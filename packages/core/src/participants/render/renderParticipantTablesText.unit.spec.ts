import test from 'ava';
import { runProjection } from '../../projections/Projection.js';
import { participantTables } from '../projections/participantTables.js';
import { participantRoundingRule } from './participantTablesLayout.js';
import { renderParticipantTablesText } from './renderParticipantTablesText.js';
import { stegetEvents } from './stegetRegister.testScenario.js';

test('the text of a small register, whole: flow, the Bilaga 1 tables and goal fulfilment', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2021));
  const text = renderParticipantTablesText(tables, {
    insatsNames: { steget: 'Steget' },
    title: 'Deltagare 2021, Samordningsförbundet Norrort',
  });
  t.is(
    text,
    `# Deltagare 2021, Samordningsförbundet Norrort

${participantRoundingRule}

## Steget, 2021 (2021-01-01 – 2021-12-31)

Deltagare                      Kvinnor  Män  Samtliga
Inskrivna under perioden             1    1         3
Deltog under perioden                1    1         3
Aktiva vid periodens slut            1    0         2
Avslutade under perioden             0    1         1
Överförda till annan insats          0    0         0
Samtliga omfattar 1 deltagare av annat eller okänt kön.

Deltagare anvisade från - Steget         Kvinnor   Män  Samtliga
Arbetsförmedlingen                Antal        0     1         1
                                  Andel       0%  100%       33%
Försäkringskassan                 Antal        1     0         1
                                  Andel     100%    0%       33%
Kommunen                          Antal        0     0         1
                                  Andel       0%    0%       33%
Regionen                          Antal        0     0         0
                                  Andel       0%    0%        0%
Övrigt/ Egenanmälan               Antal        0     0         0
                                  Andel       0%    0%        0%
Totalt                            Antal        1     1         3

Primär försörjning vid inskrivning - Steget         Kvinnor   Män  Samtliga
Aktivitetsstöd/utvecklingsersättning         Antal        0     0         0
                                             Andel       0%    0%        0%
Aktivitetsersättning                         Antal        0     0         0
                                             Andel       0%    0%        0%
Sjuk- och rehabpenning                       Antal        1     0         2
                                             Andel     100%    0%       67%
Sjukersättning                               Antal        0     0         0
                                             Andel       0%    0%        0%
Försörjningsstöd                             Antal        0     1         1
                                             Andel       0%  100%       33%
Ingen ersättning                             Antal        0     0         0
                                             Andel       0%    0%        0%
Totalt                                       Antal        1     1         3

Tid i offentlig försörjning - Steget         Kvinnor   Män  Samtliga
Upp till 1 år                         Antal        0     1         1
                                      Andel       0%  100%       33%
Från 1 år och upp till 3 år           Antal        1     0         2
                                      Andel     100%    0%       67%
Från 3 år och upp till 6 år           Antal        0     0         0
                                      Andel       0%    0%        0%
Från 6 år och upp till 9 år           Antal        0     0         0
                                      Andel       0%    0%        0%
Mer än 9 år                           Antal        0     0         0
                                      Andel       0%    0%        0%
Ej angivet/ ej tillämpligt            Antal        0     0         0
                                      Andel       0%    0%        0%
Totalt                                Antal        1     1         3

Ålder vid inskrivning - Steget         Kvinnor   Män  Samtliga
16-29 år                        Antal        0     1         1
                                Andel       0%  100%       33%
30-44 år                        Antal        1     0         2
                                Andel     100%    0%       67%
45-55 år                        Antal        0     0         0
                                Andel       0%    0%        0%
56-65                           Antal        0     0         0
                                Andel       0%    0%        0%
Totalt                          Antal        1     1         3

Avslutsorsaker - Steget                    Kvinnor   Män  Samtliga
Arbete                              Antal        0     0         0
                                    Andel        –    0%        0%
Studier                             Antal        0     1         1
                                    Andel        –  100%      100%
Deltar i ord på Arbetsförmedlingen  Antal        0     0         0
                                    Andel        –    0%        0%
Deltar i ord på kommunen            Antal        0     0         0
                                    Andel        –    0%        0%
Forts rehab                         Antal        0     0         0
                                    Andel        –    0%        0%
Sjukdom                             Antal        0     0         0
                                    Andel        –    0%        0%
Övrigt                              Antal        0     0         0
                                    Andel        –    0%        0%
Totalt                              Antal        0     1         1

Samtliga omfattar 1 inskrivna deltagare av annat eller okänt kön.

Måluppfyllelse                              Utfall  Mål
Erbjudna insatser                                3   10
Arbete eller studier (av avslutade)  100% (1 av 1)  30%     uppnått
Stegförflyttning (av avslutade)        0% (0 av 1)  30%  ej uppnått
`,
  );
});

test('an insats that started before the year gets a section since its first day too', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2022));
  const text = renderParticipantTablesText(tables);
  t.deepEqual(
    text.split('\n').filter((line) => line.startsWith('#')),
    [
      '# Deltagarstatistik 2022',
      '## steget, 2022 (2022-01-01 – 2022-12-31)',
      '## steget, sedan start (2021-02-01 – 2022-12-31)',
    ],
  );
  // 2022 has no enrolment and no conclusion: only the flow and the goals are printed for it.
  const year = text.slice(text.indexOf('## steget, 2022'), text.indexOf('## steget, sedan start'));
  t.false(year.includes('Deltagare anvisade från'));
  t.regex(year, /^Aktiva vid periodens slut\s+1\s+0\s+2$/m);
  t.regex(text, /^Erbjudna insatser\s+3 \(30% av målet\)\s+10\s+ej uppnått$/m);
});

test('a year without participants says so', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2019));
  t.is(
    renderParticipantTablesText(tables),
    `# Deltagarstatistik 2019\n\n${participantRoundingRule}\n\nInga deltagare i någon insats under 2019.\n`,
  );
});
