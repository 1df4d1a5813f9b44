import test from 'ava';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Money, findPersonnummer, sieMappingSchema } from '@finsam-ledger/core';
import { isSieError, type SieError } from './error.js';
import { planSieImport, sieEventId, sieFileHash } from './planSieImport.js';
import { readSie } from './readSie.js';
import type { SieMapping } from './SieMapping.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const example = fixture('SIE4_Exempelfil_med_underdim.SE');
const exampleFile = readSie(example);

/** A förbund's mapping of the example company's BAS accounts onto a samordningsförbund's chart. */
const mapping: SieMapping = {
  konton: [
    { från: '1000-2999' },
    { från: '3000-3999', till: '3990' },
    { från: '4000-7999', till: '6010', dimensioner: { område: 'administrativa' } },
    { från: '8000-8999', till: '8410' },
  ],
  objekt: [
    { dimension: '6', fält: 'insats' },
    { dimension: '1', objekt: 'Nord', dimensioner: { post: 'Kontor Nord' } },
  ],
};

const sumOf = (amounts: Iterable<Money>) => Money.sum(amounts).toString();

/** The version 8 UUID of a source's name as every import before the personnummer rule made it. */
const plainNameBasedId = (name: string): string => {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

test('an imported event id never looks like a personnummer, and every other id is unchanged', async (t) => {
  // Verifikation A 20260 of a file with this hash is the first whose name-based UUID has digits
  // shaped like a personnummer in its first two groups: a store would refuse the import.
  const source = { filHash: 'ab'.repeat(32), serie: 'A', nummer: '20260' };
  const plain = plainNameBasedId(`${source.filHash}\u0000A\u000020260`);
  t.is(plain, '20680724-0761-8999-aebb-edf026dfdee0');
  t.truthy(findPersonnummer(plain));
  const derived = await sieEventId(source);
  t.not(derived, plain);
  t.is(findPersonnummer(derived), undefined);
  t.regex(derived, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.is(await sieEventId(source), derived, 'the same source gives the same id');
  const ordinary = { ...source, nummer: '20259' };
  t.is(await sieEventId(ordinary), plainNameBasedId(`${source.filHash}\u0000A\u000020259`));
});

test('the example company is planned: every verifikation, balanced, with its source', async (t) => {
  const plan = planSieImport(exampleFile, mapping, 'ab'.repeat(32));
  t.is(plan.år, 2021);
  t.is(plan.verifikationer.length, 295);
  t.true(plan.verifikationer.every((v) => Money.sum(v.rader.map((rad) => rad.belopp)).isZero()));
  // The file's regdatum is kept (its #VER has no sign).
  t.deepEqual(plan.verifikationer[0]!.källa, {
    filHash: 'ab'.repeat(32),
    serie: 'A',
    nummer: '1',
    registrerad: '2021-03-10',
  });
  t.is(plan.verifikationer[0]!.line, 1870);
  const ids = new Set(await Promise.all(plan.verifikationer.map((v) => sieEventId(v.källa))));
  t.is(ids.size, 295, 'series and number identify each verifikation');
  // The accounts 4000–7999 all land on 6010, with their sum unchanged.
  const fileCosts = exampleFile.verifikationer
    .flatMap((v) => v.transactions)
    .filter((row) => /^[4-7]/.test(row.account))
    .map((row) => Money.from(row.amount));
  const plannedCosts = plan.verifikationer
    .flatMap((v) => v.rader)
    .filter((rad) => rad.konto === '6010')
    .map((rad) => rad.belopp);
  t.is(sumOf(plannedCosts), sumOf(fileCosts));
  t.true(
    plan.verifikationer
      .flatMap((v) => v.rader)
      .filter((rad) => rad.konto === '6010')
      .every((rad) => rad.dimensioner?.område === 'administrativa'),
  );
  const withObjects = plan.verifikationer
    .flatMap((v) => v.rader)
    .find((rad) => rad.dimensioner?.insats === '0001');
  t.deepEqual(withObjects?.dimensioner, { post: 'Kontor Nord', insats: '0001' });
  // #IB of year 0, mapped: the balance accounts sum to zero like the file's.
  t.is(sumOf(plan.ingåendeBalans.values()), '0.00');
  t.is(
    plan.ingåendeBalans.get('1930')?.toString(),
    exampleFile.balances.find((b) => b.kind === 'IB' && b.yearIndex === 0 && b.account === '1930')
      ?.amount,
  );
});

test('every account the mapping cannot place is named in one refusal, each with where the file names it first and how often', (t) => {
  // The example company's 44 result accounts from 4010 to 7690, which a förbund setting up its
  // mapping would otherwise meet one run at a time.
  const error = t.throws(() =>
    planSieImport(
      exampleFile,
      { konton: mapping.konton.filter((rule) => rule.från !== '4000-7999') },
      'x',
    ),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  const refused = error as unknown as SieError;
  t.is(refused.line, 1713);
  t.is(refused.issues.length, 44);
  t.deepEqual(refused.issues[0], {
    path: '#RES.kontonr',
    rule: 'mapped-account',
    message:
      'account 4010 (first in #RES, line 1713; named 16 times): the mapping places it nowhere',
  });
  t.like(refused.issues[43], {
    message:
      'account 7690 (first in #RES, line 1756; named 11 times): the mapping places it nowhere',
  });
  t.like(refused.details, { account: '4010' });
  t.regex(
    refused.message,
    /^Line 1713: The file names 44 accounts the import cannot place in the books: 4010, 4056, 4990, 5010, 5020, 5090, 5410, 5420, 5460, 5611 and 34 more\./,
  );
});

test('or booked on the explicit "ej fördelat" placement when the mapping names one', (t) => {
  const plan = planSieImport(
    exampleFile,
    {
      konton: mapping.konton.filter((rule) => rule.från !== '4000-7999'),
      ejFördelat: { konto: '6010', dimensioner: { område: 'administrativa', post: 'Ej fördelat' } },
    },
    'x',
  );
  const row = plan.verifikationer[0]!.rader.find((rad) => rad.konto === '6010');
  t.deepEqual(row?.dimensioner, { område: 'administrativa', post: 'Ej fördelat' });
  t.is(row?.belopp.toString(), '174.12');
});

test('every verifikation dated outside the year is named in one refusal, before the accounts to map', (t) => {
  const [first, , , fourth] = exampleFile.verifikationer;
  const year = Number(first!.date.slice(0, 4));
  const misdated = {
    ...exampleFile,
    verifikationer: exampleFile.verifikationer.map((verifikation) =>
      verifikation === first || verifikation === fourth
        ? { ...verifikation, date: `${year - 1}-12-31` }
        : verifikation,
    ),
  };
  // The mapping places nothing either: the dates are named first, all of them.
  const error = t.throws(() => planSieImport(misdated, { konton: [] }, 'x'));
  t.true(isSieError(error, 'INVALID_DATE'));
  const refused = error as unknown as SieError;
  t.is(refused.line, first!.line);
  t.is(
    refused.message,
    `Line ${first!.line}: 2 verifikationer are dated outside ${year}, at line ${first!.line}, line ${fourth!.line}; nothing was written`,
  );
  t.deepEqual(
    refused.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [first!, fourth!].map((verifikation) => [
      '#VER.verdatum',
      'within-year',
      `line ${verifikation.line}: #VER ${verifikation.series} ${verifikation.number} is dated outside ${year}`,
    ]),
  );
});

test("a #TRANS row's own text is kept; one repeating its #VER's text, or blank, is not", (t) => {
  const plan = planSieImport(exampleFile, mapping, 'ab'.repeat(32));
  const journal = plan.verifikationer.find((v) => v.källa.serie === 'B' && v.källa.nummer === '67');
  t.is(journal?.text, 'Inbetalningsjournal nr 201');
  t.deepEqual(
    journal?.rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.text]),
    [
      ['1510', '-1094.00', 'Faktnr: 670, Namn: Karl Svensson'],
      ['1510', '-16875.00', 'Faktnr: 663, Namn: Billeverant\uFFFDren AB'],
      ['1510', '-29750.32', 'Faktnr: 669, Namn: IWU Trading'],
      ['1510', '-2750.00', 'Faktnr: 671, Namn: Sparlivs'],
      ['1920', '2750.00', 'Faktnr: 671, Namn: Sparlivs'],
      ['1920', '16875.00', 'Faktnr: 663, Namn: Billeverant\uFFFDren AB'],
      ['1920', '30125.00', 'Faktnr: 669, Namn: IWU Trading'],
      ['1920', '1094.00', 'Faktnr: 670, Namn: Karl Svensson'],
      ['3990', '-374.68', 'Faktnr: 669, Namn: IWU Trading'],
    ],
  );
  const withoutTexts = { ...exampleFile, verifikationer: [repeatedAndBlankTexts] };
  const [planned] = planSieImport(withoutTexts, mapping, 'ab'.repeat(32)).verifikationer;
  t.deepEqual(
    planned?.rader.map((rad) => rad.text),
    [undefined, undefined],
  );
  t.deepEqual(planned?.källa, {
    filHash: 'ab'.repeat(32),
    serie: 'C',
    nummer: '9',
    signatur: 'AB',
  });
});

/** A #VER whose rows repeat its text or have a blank one, signed but without regdatum. */
const repeatedAndBlankTexts = {
  series: 'C',
  number: '9',
  date: '2021-05-05',
  text: 'Hyra maj',
  signature: ' AB ',
  transactions: [
    { account: '5010', objects: [], amount: '100.00', text: ' Hyra maj' },
    { account: '1930', objects: [], amount: '-100.00', text: '  ' },
  ],
};

test('a financial year that is not the calendar year is refused', (t) => {
  const error = t.throws(() => planSieImport(readSie(fixture('BL0001_typ4.SE')), mapping, 'x'));
  t.true(isSieError(error, 'NOT_A_CALENDAR_YEAR'));
  t.like((error as unknown as { details: object }).details, {
    start: '2009-07-01',
    end: '2010-06-30',
  });
});

test('a short year before the one imported (#RAR -1 from 1 July: a förbund formed mid-year) is not refused', (t) => {
  const shortFirstYear = {
    ...exampleFile,
    years: exampleFile.years.map((year) =>
      year.index === -1 ? { ...year, start: '2020-07-01' } : year,
    ),
  };
  t.deepEqual(
    shortFirstYear.years.map((year) => [year.index, year.start, year.end]),
    [
      [0, '2021-01-01', '2021-12-31'],
      [-1, '2020-07-01', '2020-12-31'],
    ],
  );
  t.is(planSieImport(shortFirstYear, mapping, 'x').år, 2021);
  const brokenCurrentYear = {
    ...exampleFile,
    years: exampleFile.years.map((year) =>
      year.index === 0 ? { ...year, start: '2021-07-01' } : year,
    ),
  };
  const error = t.throws(() => planSieImport(brokenCurrentYear, mapping, 'x'));
  t.true(isSieError(error, 'NOT_A_CALENDAR_YEAR'));
});

test('the file hash is SHA-256 of the bytes', async (t) => {
  t.is(await sieFileHash(example), createHash('sha256').update(example).digest('hex'));
});

test('the event id of a source is a UUID, the same for the same file, series and number', async (t) => {
  const source = { filHash: 'c'.repeat(64), serie: 'A', nummer: '12' };
  const id = await sieEventId(source);
  t.regex(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.is(await sieEventId({ ...source }), id);
  t.not(await sieEventId({ ...source, nummer: '13' }), id);
});

test("the configuration's sie section, parsed, is the mapping the import takes", (t) => {
  const parsed = sieMappingSchema.parse(JSON.parse(JSON.stringify(mapping)));
  const fromConfiguration: SieMapping = parsed;
  const plan = planSieImport(exampleFile, fromConfiguration, 'x');
  t.deepEqual(
    plan.verifikationer.map((v) => v.rader),
    planSieImport(exampleFile, mapping, 'x').verifikationer.map((v) => v.rader),
  );
});
