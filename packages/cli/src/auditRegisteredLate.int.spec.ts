import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayInSweden } from '@finsam-ledger/core';
import { runFinsamProcess } from './runCli.testSupport.js';

/** The UTC date `monthsBack` months before `now`, on day `day` of its month. */
const dateMonthsBack = (now: Date, monthsBack: number, day: number): string =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, day))
    .toISOString()
    .slice(0, 10);

/** A bank fee dated `datum`, recorded now: the store stamps it today, its registration date. */
const fee = (datum: string, recordedAt: string) => ({
  type: 'FinansiellKostnadBokförd',
  data: { datum, belopp: '25.00', text: `Bankavgift ${datum}` },
  metadata: { recordedAt, recordedBy: 'ekonom@sen' },
});

// Run as a user runs it: init a fresh store in a temporary directory, record, audit. The store
// stamps each event with today's date, so a fee dated three months ago is registered at least 59
// days after the end of its month, whenever the spec runs, and one dated today is on time. The
// day of registration is the day in Sweden of the store's stamp: after 23:00 UTC (22:00 in
// summer) the day after the stamp's UTC date.
test('a business event registered more than 50 days after the end of the month of its datum is a warning with its place, datum and registration date; one on time is not; exit 0', async (t) => {
  t.timeout(600_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-audit-late-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const init = await run('init', '--namn', 'Samordningsförbundet Sen', '--forbund-id', 'sen');
  t.is(init.exitCode, 0, init.stderr);
  const now = new Date();
  const recordedAt = now.toISOString();
  const today = dayInSweden(recordedAt);
  const late = dateMonthsBack(now, 3, 15);
  const opening = {
    type: 'IngåendeBalansRegistrerad',
    data: {
      datum: `${late.slice(0, 4)}-01-01`,
      text: 'Ingående balans',
      kassaOchBank: '1000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    },
    metadata: { recordedAt, recordedBy: 'ekonom@sen' },
  };
  const lines = [opening, fee(late, recordedAt), fee(today, recordedAt)];
  await writeFile(
    join(directory, 'events.jsonl'),
    lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
  );
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);

  const audit = await run('audit');
  t.is(audit.exitCode, 0, audit.stdout);
  t.regex(audit.stdout, /^ok: .* passes the audit\./);
  t.regex(
    audit.stdout,
    /^1 warning \(not failures\): a business event registered \(the date of its storedAt, as the verifikationslista shows it\) more than 50 days after the end of the month of its datum/m,
  );
  const warning = new RegExp(
    `^ {2}- registration REGISTERED_LATE at bokforing-sen@1 \\(position 1, FinansiellKostnadBokförd [0-9a-f-]{36}\\): dated ${late} but registered (\\S+) \\(storedAt (\\S+)\\), \\d+ days? after the deadline \\d{4}-\\d\\d-\\d\\d, 50 days after the end of the month of its datum`,
    'm',
  ).exec(audit.stdout);
  t.truthy(warning, audit.stdout);
  const [, registered, storedAt] = warning ?? [];
  t.true(storedAt! >= recordedAt, `stored ${storedAt} after the run began, ${recordedAt}`);
  t.is(registered, dayInSweden(storedAt!), 'registered on the day in Sweden of its stamp');
  t.notRegex(audit.stdout, /REGISTERED_LATE at bokforing-sen@2/, 'the fee dated today is on time');
  t.notRegex(audit.stdout, /REGISTERED_LATE at bokforing-sen@0/, 'an opening is not timed');

  const lenient = await run('audit', '--registration-deadline-days', '366');
  t.is(lenient.exitCode, 0, lenient.stdout);
  t.regex(lenient.stdout, /^No business event is registered .* more than 366 days after/m);
  const bad = await run('audit', '--registration-deadline-days', '4.5');
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /"4\.5" is not a number of days/);
});
