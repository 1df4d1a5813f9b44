import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFinsamProcess } from './runCli.testSupport.js';

// Run as a user runs it: init a fresh store, record a JSONL file, report. A member pays its
// contribution for 2024, 375 000 kr, on 2023-12-20: the 2023 report shows it as a debt, in Not 4
// under its own heading, and the 2024 report as income after the reversal on 2024-01-01.
test('a förutbetald intäkt recorded from JSONL: a debt in the 2023 balansräkning and Not 4, income of 2024 after its reversal', async (t) => {
  t.timeout(600_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-forutbetald-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const init = await run('init', '--namn', 'Samordningsförbundet Förskott', '--forbund-id', 'fo');
  t.is(init.exitCode, 0, init.stderr);
  const metadata = { recordedAt: new Date().toISOString(), recordedBy: 'ekonom@fo' };
  const placement = { intäktsslag: 'bidrag', intäktspost: 'Medlemsbidrag 2024' };
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
    {
      type: 'IntäktFörutbetald',
      data: {
        datum: '2023-12-20',
        postId: 'FI-2024-TÄBY',
        ...placement,
        avserPeriod: '2024',
        belopp: '375000.00',
        text: 'Medlemsbidrag 2024 förskott Täby kommun',
        motpart: 'Täby kommun',
      },
    },
    {
      type: 'PeriodiseringÅterförd',
      data: {
        datum: '2024-01-01',
        postId: 'FI-2024-TÄBY',
        slag: 'förutbetald-intäkt',
        belopp: '375000.00',
        ...placement,
        text: 'Återföring medlemsbidrag 2024',
      },
    },
  ];
  await writeFile(
    join(directory, 'events.jsonl'),
    lines.map((line) => `${JSON.stringify({ ...line, metadata })}\n`).join(''),
  );
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);

  const report2023 = await run('report', '--year', '2023');
  t.is(report2023.exitCode, 0, report2023.stderr);
  t.regex(report2023.stdout, /^ {2}Verksamhetens intäkter\s+1\s+0$/m, 'no income in 2023');
  t.regex(report2023.stdout, /^ {2}Upplupna kostnader och förutbetalda intäkter\s+375$/m);
  t.regex(
    report2023.stdout,
    /^Upplupna kostnader och förutbetalda intäkter\n {2}Förutbetalda intäkter\n {4}Medlemsbidrag 2024 förskott Täby kommun\s+375\n {2}Summa upplupna kostnader och förutbetalda intäkter\s+375$/m,
  );

  const report2024 = await run('report', '--year', '2024');
  t.is(report2024.exitCode, 0, report2024.stderr);
  t.regex(report2024.stdout, /^ {2}Verksamhetens intäkter\s+1\s+375\s+0$/m);
  t.notRegex(report2024.stdout, /^ {2}Förutbetalda intäkter$/m, 'nothing open at 2024-12-31');
});
