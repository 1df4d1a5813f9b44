import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFinsamProcess } from './runCli.testSupport.js';

// Run as a user runs it: init a fresh store, record a JSONL file, report. In 2023 the state pays
// 400 000, Region Stockholm 200 000 and Täby kommun 200 000; on 2023-12-18 the region pays its
// 2024 medlemsbidrag, 250 000 kr, ahead. The 2023 report shows it as a debt in Not 4 and not as
// the region's contribution; reversed on 2024-01-01 it is the region's line in 2024's Not 1.
const metadata = { recordedAt: new Date().toISOString(), recordedBy: 'ekonom@mb' };
const region = { medlem: 'Region Stockholm', medlemskategori: 'region' };
const prepaid = {
  type: 'IntäktFörutbetald',
  data: {
    datum: '2023-12-18',
    postId: 'FI-MB-2024-REGION',
    intäktsslag: 'medlemsbidrag',
    ...region,
    avserPeriod: '2024',
    belopp: '250000.00',
    text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
  },
};
const contribution = (datum: string, medlem: string, medlemskategori: string, belopp: string) => ({
  type: 'MedlemsbidragMottaget',
  data: { datum, medlem, medlemskategori, period: datum.slice(0, 4), belopp },
});
const staten = 'Staten (Försäkringskassan/Arbetsförmedlingen)';
const lines = [
  {
    type: 'IngåendeBalansRegistrerad',
    data: {
      datum: '2023-01-01',
      text: 'Ingående balans 2023',
      kassaOchBank: '500000.00',
      momsfordran: '0.00',
      balanseratResultat: '500000.00',
      öppnaPoster: [],
    },
  },
  contribution('2023-03-01', staten, 'staten', '400000.00'),
  contribution('2023-03-01', 'Region Stockholm', 'region', '200000.00'),
  contribution('2023-03-01', 'Täby kommun', 'kommun', '200000.00'),
  prepaid,
  {
    type: 'PeriodiseringÅterförd',
    data: {
      datum: '2024-01-01',
      postId: 'FI-MB-2024-REGION',
      slag: 'förutbetald-intäkt',
      belopp: '250000.00',
      intäktsslag: 'medlemsbidrag',
      ...region,
      text: 'Återföring medlemsbidrag 2024 Region Stockholm',
    },
  },
  contribution('2024-03-01', staten, 'staten', '500000.00'),
  contribution('2024-03-01', 'Täby kommun', 'kommun', '250000.00'),
];
const jsonl = (events: readonly object[]) =>
  events.map((line) => `${JSON.stringify({ ...line, metadata })}\n`).join('');

test('a medlemsbidrag paid ahead recorded from JSONL: a debt in 2023’s Not 4, the region’s medlemsbidrag in 2024’s Not 1; without its member it is refused and nothing is written', async (t) => {
  t.timeout(600_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-forutbetalt-mb-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const init = await run('init', '--namn', 'Samordningsförbundet Förskott', '--forbund-id', 'mb');
  t.is(init.exitCode, 0, init.stderr);

  // Given a prepaid medlemsbidrag without its member: refused, naming the field and the rule.
  const { medlem: _medlem, ...withoutMember } = prepaid.data;
  await writeFile(
    join(directory, 'utan-medlem.jsonl'),
    jsonl([lines[0]!, { ...prepaid, data: withoutMember }]),
  );
  const refused = await run('record', 'utan-medlem.jsonl');
  t.not(refused.exitCode, 0);
  t.regex(refused.stderr, /data\.medlem/);
  t.regex(refused.stderr, /medlemsbidrag-needs-member/);
  const empty = await run('report', '--year', '2023');
  t.not(empty.exitCode, 0, 'nothing was written: the books have no year 2023');

  await writeFile(join(directory, 'events.jsonl'), jsonl(lines));
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);

  const report2023 = await run('report', '--year', '2023');
  t.is(report2023.exitCode, 0, report2023.stderr);
  t.regex(report2023.stdout, /^ {2}Verksamhetens intäkter\s+1\s+800\s*$/m, 'the region’s 200 only');
  t.regex(report2023.stdout, /^ {2}Medlemsbidrag från Region Stockholm\s+200\s*$/m);
  t.regex(
    report2023.stdout,
    /^Upplupna kostnader och förutbetalda intäkter\n {2}Förutbetalda intäkter\n {4}Medlemsbidrag 2024 Region Stockholm, förskott\s+250\n {2}Summa upplupna kostnader och förutbetalda intäkter\s+250$/m,
  );
  t.regex(report2023.stdout, /^ {2}Regionen\s+200 000,00 kr$/m);
  // The shares of 2023 are 400/200/200, half the state's: the 250 paid ahead is no share of 2023.
  t.regex(report2023.stdout, /^\[Uppfylld\] Medlemsbidragens fördelning \(Finsam 5 §\)$/m);

  const report2024 = await run('report', '--year', '2024');
  t.is(report2024.exitCode, 0, report2024.stderr);
  t.regex(report2024.stdout, /^ {2}Verksamhetens intäkter\s+1\s+1 000\s+800$/m);
  t.regex(report2024.stdout, /^ {2}Medlemsbidrag från Region Stockholm\s+250\s+200$/m);
  t.regex(report2024.stdout, /^ {2}Medlemsavgift\s+1 000\s+800$/m);
  t.regex(report2024.stdout, /^\[Uppfylld\] Medlemsbidragens fördelning \(Finsam 5 §\)$/m);
  t.regex(report2024.stdout, /^ {2}Regionen\s+250 000,00 kr$/m);
  t.notRegex(report2024.stdout, /^ {2}Förutbetalda intäkter$/m, 'nothing open at 2024-12-31');
});
