import test from 'ava';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { Money } from '@finsam-ledger/core';
import { transliterateToCp437 } from './encoding.js';
import { readSie } from './readSie.js';
import type { SieDocument, SieTransaction, SieVerifikation } from './SieFile.js';
import { tokenizeSieLine } from './tokenizeSieLine.js';
import { writeSie } from './writeSie.js';

/** Texts with what makes quoting hard: quotes, backslashes, braces, tabs, non-CP437 letters. */
const awkwardText = fc
  .array(fc.constantFrom('a', 'Ö', 'å', ' ', '"', '\\', '{', '}', '#', '\t', '€', 'ł', '–', '7'), {
    maxLength: 20,
  })
  .map((characters) => characters.join(''));

const amountOre = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 });
const asAmount = (ore: number): string => {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
};

const accountNumbers = ['1930', '2440', '3990', '4010', '6010'];

/** A balanced #VER: the last row takes the negated sum of the others. */
const verifikation = (number: number): fc.Arbitrary<SieVerifikation> =>
  fc
    .record({
      text: awkwardText,
      day: fc.integer({ min: 1, max: 365 }),
      rows: fc.array(
        fc.record({
          account: fc.constantFrom(...accountNumbers),
          ore: amountOre,
          object: fc.option(fc.constantFrom('operativa', 'MIA "vidare"', 'Åsa', 'x\\'), {
            nil: undefined,
          }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map(({ text, day, rows }) => {
      const transactions: SieTransaction[] = rows.map((row) => ({
        account: row.account,
        objects: row.object === undefined ? [] : [{ dimension: '6', id: row.object }],
        amount: asAmount(row.ore),
      }));
      const sum = Money.sum(transactions.map((row) => Money.from(row.amount)));
      transactions.push({ account: '1930', objects: [], amount: sum.negated().toString() });
      return {
        series: 'A',
        number: String(number),
        date: new Date(Date.UTC(2022, 0, day)).toISOString().slice(0, 10),
        text,
        transactions,
      };
    });

const document: fc.Arbitrary<SieDocument> = fc
  .record({
    companyName: awkwardText,
    verifikationer: fc
      .integer({ min: 0, max: 6 })
      .chain((count) =>
        fc.tuple(...Array.from({ length: count }, (_, index) => verifikation(index + 1))),
      ),
  })
  .map(({ companyName, verifikationer }) => ({
    program: { name: 'finsam-ledger', version: '0.1.0' },
    generated: { date: '2023-01-31' },
    sieType: '4',
    companyName,
    years: [{ index: 0, start: '2022-01-01', end: '2022-12-31' }],
    accounts: accountNumbers.map((number) => ({ number, name: `Konto ${number}` })),
    dimensions: [{ number: '6', name: 'Insats' }],
    objects: [],
    balances: [],
    verifikationer,
  }));

test('#KSUMMA is stable under re-serialisation: write, read, write gives the same bytes', (t) => {
  fc.assert(
    fc.property(document, (generated) => {
      const bytes = writeSie(generated);
      const file = readSie(bytes);
      t.true(file.ksumma !== undefined && file.ksumma.written === file.ksumma.computed);
      t.deepEqual(writeSie(file), bytes);
    }),
    { numRuns: 200 },
  );
});

test('what is read back is what was written, texts after the stated transliteration', (t) => {
  fc.assert(
    fc.property(document, (generated) => {
      const file = readSie(writeSie(generated));
      const writtenText = (text: string) => transliterateToCp437(text).replace(/\\$/, '/');
      t.is(file.companyName, writtenText(generated.companyName));
      t.deepEqual(
        file.verifikationer.map((v) => [
          v.text,
          v.transactions.map((row) => [row.account, row.amount, row.objects]),
        ]),
        generated.verifikationer.map((v) => [
          writtenText(v.text),
          v.transactions.map((row) => [
            row.account,
            row.amount,
            row.objects.map((o) => ({ ...o, id: writtenText(o.id) })),
          ]),
        ]),
      );
    }),
    { numRuns: 200 },
  );
});

test('#KSUMMA equals zlib CRC-32 of the labels and contents of the lines between the markers', (t) => {
  fc.assert(
    fc.property(document, (generated) => {
      const text = Buffer.from(writeSie(generated)).toString('latin1');
      const lines = text.split('\r\n');
      const contents = lines
        .slice(2, -2)
        .map((line) => tokenizeSieLine(line, 0))
        .flatMap((line) =>
          line.kind === 'record'
            ? [
                line.record.label,
                ...line.record.fields.map((f) => (f.kind === 'text' ? f.value : f.values.join(''))),
              ]
            : [],
        )
        .join('');
      // Decoded as Latin-1, each character is one byte of the CP437 file: back to the same bytes.
      t.is(Number(lines.at(-2)!.split(' ')[1]), crc32(Buffer.from(contents, 'latin1')));
    }),
    { numRuns: 100 },
  );
});
