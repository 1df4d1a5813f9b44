import test from 'ava';
import { crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import { cp437Bytes, decodeSieBytes, encodeCp437, transliterateToCp437 } from './encoding.js';
import { isSieError, type SieErrorCode } from './error.js';
import { ksummaOf } from './ksumma.js';
import { readSie } from './readSie.js';
import { smallDocument } from './testDocument.testScenario.js';
import { tokenizeSieLine } from './tokenizeSieLine.js';
import { writeSie } from './writeSie.js';

const cp437 = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'cp437'));
const asText = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'cp437');

test('the tokenizer reads quoted, unquoted and escaped fields, object lists, tabs and many spaces', (t) => {
  const line = tokenizeSieLine(
    '\t#TRANS   1910\t{1 "10" 6 "A B"}  -12.5 20110107 "Sa \\"x\\" 1820\\A"',
    7,
  );
  t.deepEqual(line, {
    kind: 'record',
    record: {
      label: '#TRANS',
      line: 7,
      fields: [
        { kind: 'text', value: '1910', quoted: false },
        { kind: 'list', values: ['1', '10', '6', 'A B'] },
        { kind: 'text', value: '-12.5', quoted: false },
        { kind: 'text', value: '20110107', quoted: false },
        { kind: 'text', value: 'Sa "x" 1820\\A', quoted: true },
      ],
    },
  });
  t.deepEqual(tokenizeSieLine('  {', 3), { kind: 'open', line: 3 });
  t.deepEqual(tokenizeSieLine('', 4), { kind: 'blank' });
  const error = t.throws(() => tokenizeSieLine('#FNAMN "open', 9));
  t.true(isSieError(error, 'MALFORMED_RECORD'));
  t.is((error as { line?: number }).line, 9);
});

test('a document written and read back is the same document, and its #KSUMMA checks', (t) => {
  const bytes = writeSie(smallDocument);
  const file = readSie(bytes);
  t.is(file.companyName, 'Samordningsförbundet "Test" Öst');
  // The transliteration rule: – becomes -, € becomes EUR, and a trailing backslash becomes /.
  t.is(file.verifikationer[0]!.text, 'Konsult "MIA" - EUR-faktura /');
  t.deepEqual(file.verifikationer[0]!.transactions[0]!.objects, [
    { dimension: '1', id: 'operativa' },
  ]);
  t.deepEqual(
    file.balances.map(({ line: _line, ...balance }) => balance),
    smallDocument.balances,
  );
  t.deepEqual(file.accounts, smallDocument.accounts);
  t.true(file.ksumma !== undefined && file.ksumma.written === file.ksumma.computed);
  t.like(file.encoding, { used: 'cp437', mismatch: false });
  // Writing what was read gives the same bytes: the #KSUMMA is stable under re-serialisation.
  t.deepEqual(writeSie(file), bytes);
});

test('the file written has the 4B order, bare flags and CRLF line ends', (t) => {
  const lines = asText(writeSie(smallDocument)).split('\r\n');
  t.deepEqual(lines.slice(0, 12), [
    '#FLAGGA 0',
    '#KSUMMA',
    '#PROGRAM "finsam-ledger" "0.1.0"',
    '#FORMAT PC8',
    '#GEN 20230201 "ekonom@forbundet"',
    '#SIETYP 4',
    '#FNAMN "Samordningsförbundet \\"Test\\" Öst"',
    '#ORGNR 222000-1234',
    '#RAR 0 20220101 20221231',
    '#RAR -1 20210101 20211231',
    '#KPTYP BAS2014',
    '#KONTO 1930 "Bank"',
  ]);
  t.true(lines.includes('#TRANS 4010 {1 "operativa"} 249.50'));
  t.true(lines.includes('#VER "A" "1" 20220304 "Konsult \\"MIA\\" - EUR-faktura /" 20220305'));
});

test('#KSUMMA is zlib CRC-32 over labels and field contents without separators, quotes or braces', (t) => {
  const text = asText(writeSie(smallDocument));
  const lines = text.split('\r\n');
  const written = Number(lines.at(-2)!.split(' ')[1]);
  // Computed here independently, by the rule, with node:zlib's crc32 on the text of the lines.
  const contents = lines
    .slice(2, -2)
    .filter((line) => line !== '{' && line !== '}')
    .map((line) => {
      const record = tokenizeSieLine(line, 0);
      if (record.kind !== 'record') throw new TypeError('not a record');
      return (
        record.record.label +
        record.record.fields
          .map((field) => (field.kind === 'text' ? field.value : field.values.join('')))
          .join('')
      );
    })
    .join('');
  t.is(written, crc32(Buffer.from(cp437(contents))));
  t.is(
    ksummaOf([
      { label: '#FNAMN', fields: [{ kind: 'text', value: 'Å "x"', quoted: true }], line: 1 },
    ]),
    crc32(Buffer.from(cp437('#FNAMNÅ "x"'))),
  );
});

const refused = (source: string, code: SieErrorCode, line: number | undefined) => {
  test(`refused: ${code} at line ${line ?? '-'} (${source
    .split('\n')
    .at(line === undefined ? -1 : line - 1)!
    .slice(0, 30)})`, (t) => {
    const error = t.throws(() => readSie(cp437(source)));
    t.true(isSieError(error, code), String(error));
    t.is((error as { line?: number }).line, line);
  });
};

const head = '#FLAGGA 0\n#PROGRAM "x" 1\n#SIETYP 4\n#KONTO 1930 Bank\n#KONTO 3990 Intäkt\n';
refused(
  `${head}#VER A 1 20220101 "x"\n{\n#TRANS 1930 {} 10.005\n#TRANS 3990 {} -10.005\n}\n`,
  'INVALID_AMOUNT',
  8,
);
refused(`${head}#VER A 1 20220230 "x"\n{\n}\n`, 'INVALID_DATE', 6);
refused(
  `${head}#VER A 1 20220101 "x"\n{\n#TRANS 1930 {1 "10" 6} 10\n#TRANS 3990 {} -10\n}\n`,
  'INVALID_FIELD',
  8,
);
refused(
  `${head}#VER A 1 20220101 "x"\n{\n#TRANS 1930 {} 10\n#TRANS 3990 {} -9\n}\n`,
  'UNBALANCED_VERIFIKATION',
  6,
);
refused(
  `${head}#VER A 1 20220101 "x"\n{\n#TRANS 1930 {} 10\n#TRANS 3999 {} -10\n}\n`,
  'UNDECLARED_ACCOUNT',
  9,
);
refused(`${head}#VER A 1 20220101 "x"\n{\n#TRANS 1930 {} 10\n`, 'TRUNCATED_FILE', 9);
refused(`#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#FNAMN "x"\n`, 'TRUNCATED_FILE', 5);
refused(`#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#KSUMMA 12345\n`, 'KSUMMA_MISMATCH', 4);
refused(`#SIETYP 4\n#FLAGGA 0\n`, 'NOT_A_SIE_FILE', 1);

test('every unbalanced #VER and every undeclared account is named, not only the first', (t) => {
  const ver = (number: number, rows: string) =>
    `#VER A ${String(number)} 20220101 "x"\n{\n${rows}}\n`;
  const unbalanced = t.throws(() =>
    readSie(
      cp437(
        `${head}${ver(1, '#TRANS 1930 {} 10\n#TRANS 3990 {} -9\n')}` +
          `${ver(2, '#TRANS 1930 {} 5\n#TRANS 3990 {} -5\n')}` +
          `${ver(3, '#TRANS 1930 {} 7.50\n#TRANS 3990 {} -7\n')}`,
      ),
    ),
  );
  if (!isSieError(unbalanced, 'UNBALANCED_VERIFIKATION')) return t.fail(String(unbalanced));
  t.is(unbalanced.line, 6);
  t.regex(unbalanced.message, /2 verifikationer do not balance, at line 6, line 16/);
  t.deepEqual(
    unbalanced.issues.map((issue) => issue.message),
    [
      'line 6: #VER A 1 does not balance: its #TRANS rows sum to 1.00',
      'line 16: #VER A 3 does not balance: its #TRANS rows sum to 0.50',
    ],
  );

  const undeclared = t.throws(() =>
    readSie(
      cp437(
        `${head}${ver(1, '#TRANS 1930 {} 10\n#TRANS 3999 {} -10\n')}` +
          `${ver(2, '#TRANS 2440 {} 5\n#TRANS 3999 {} -5\n')}`,
      ),
    ),
  );
  if (!isSieError(undeclared, 'UNDECLARED_ACCOUNT')) return t.fail(String(undeclared));
  t.deepEqual(
    undeclared.issues.map((issue) => [issue.path, issue.message]),
    [
      ['#TRANS.kontonr', 'line 9: #TRANS on account 3999, which no #KONTO declares'],
      ['#TRANS.kontonr', 'line 13: #TRANS on account 2440, which no #KONTO declares'],
    ],
  );
});

test('a file above the size limit is refused before it is read', (t) => {
  const error = t.throws(() => readSie(cp437(head), { sizeBytesMax: 20 }));
  t.true(isSieError(error, 'FILE_TOO_LARGE'));
  t.like((error as unknown as { details: object }).details, {
    sizeBytes: cp437(head).length,
    sizeBytesMax: 20,
  });
});

test('a wrong #KSUMMA in a written file is found: one changed amount', (t) => {
  const text = asText(writeSie(smallDocument)).replace(
    '249.50\r\n#TRANS 1930 {} -249.50',
    '249.40\r\n#TRANS 1930 {} -249.40',
  );
  const error = t.throws(() => readSie(cp437(text)));
  t.true(isSieError(error, 'KSUMMA_MISMATCH'));
});

test('encoding: CP437 as declared, Windows-1252 and UTF-8 sniffed and reported', (t) => {
  const text = '#FLAGGA 0\r\n#FORMAT PC8\r\n#FNAMN "Övningsförbundet Åsa"\r\n';
  t.like(decodeSieBytes(cp437(text)), { text, encoding: { used: 'cp437', mismatch: false } });
  t.like(decodeSieBytes(new Uint8Array(iconv.encode(text, 'latin1'))), {
    text,
    encoding: { declared: 'PC8', used: 'windows-1252', mismatch: true },
  });
  // A Windows program's en dash, curly quotes and euro sign are bytes 0x96, 0x93, 0x94 and 0x80:
  // read as Windows-1252 they are what was typed, not control characters.
  const windowsText = `${text}#VER A 1 20200105 "Hyra jan–mars “lokal” 100 €"\r\n`;
  t.like(decodeSieBytes(new Uint8Array(iconv.encode(windowsText, 'windows-1252'))), {
    text: windowsText,
    encoding: { used: 'windows-1252', mismatch: true, replacementCharacters: 0 },
  });
  t.like(decodeSieBytes(new TextEncoder().encode(text)), {
    text,
    encoding: { used: 'utf-8', mismatch: true, replacementCharacters: 0 },
  });
});

test('encoding: a Windows-1252 file with more ” and ™ than Swedish letters is still Windows-1252', (t) => {
  // ” and ™ are bytes 0x94 and 0x99, a CP437 ö and Ö: counting Swedish-letter bytes read this
  // file as CP437. Its one ö (0xF6) read as CP437 is ÷, which no bookkeeping's text holds.
  const text = '#FNAMN "Förbundet"\r\n#VER A 1 20200105 "Licens ”Office™” och ”Teams™”"\r\n';
  t.like(decodeSieBytes(new Uint8Array(iconv.encode(text, 'windows-1252'))), {
    text,
    encoding: { used: 'windows-1252', replacementCharacters: 0 },
  });
});

test('encoding: Windows punctuation without a Swedish letter is Windows-1252; CP437 ± and ö are CP437', (t) => {
  // Read as CP437, – ” € ’ are û ö Ç Æ, which a text may hold: what tells is that the Windows
  // reading has more Swedish letters and Windows punctuation than the CP437 one.
  const punctuation = '#VER A 1 20200105 "Hyra jan–mars ”Lokal”, 500 €, Kaffe’s"\r\n';
  t.like(decodeSieBytes(new Uint8Array(iconv.encode(punctuation, 'windows-1252'))), {
    text: punctuation,
    encoding: { used: 'windows-1252' },
  });
  // ± (CP437 0xF1) is ñ in Windows-1252; ö and Ö read there as ” and ™.
  const rounding =
    '#KONTO 3740 "Öres- och kronutjämning"\r\n' +
    '#VER A 1 20200101 "Öresavrundning ±0,05"\r\n'.repeat(3);
  t.like(decodeSieBytes(cp437(rounding)), { text: rounding, encoding: { used: 'cp437' } });
});

test('encoding: CP437 ô, Æ, Ç and ö inside words are letters, not Windows quotes; a Windows Š is Windows-1252', (t) => {
  // Read as Windows-1252 these are “ ’ € ”: Windows punctuation, but not inside a word.
  for (const text of [
    '#FNAMN "Côte Bröd AB"\r\n#KONTO 1710 "Förutbetalda hyror"\r\n',
    '#FNAMN "Æro Import"\r\n#KONTO 1710 "Förutbetalda hyror"\r\n',
    '#FNAMN "Çelik Bygg"\r\n#KONTO 1710 "Förutbetalda hyror"\r\n',
  ])
    t.like(decodeSieBytes(cp437(text)), { text, encoding: { used: 'cp437' } }, text);
  // Š (0x8A) is CP437 è: a Windows file's Škoda is no odd character.
  const škoda = `#KONTO 1710 "Förutbetalda hyror"\r\n${'#VER A 1 20200101 "Škoda leasing"\r\n'.repeat(3)}`;
  t.like(decodeSieBytes(new Uint8Array(iconv.encode(škoda, 'windows-1252'))), {
    text: škoda,
    encoding: { used: 'windows-1252' },
  });
});

test('encoding: CP437 with bytes Windows-1252 has no character for, or only ö and Ö, is CP437', (t) => {
  // Å É ü are 0x8F 0x90 0x81 in CP437, bytes Windows-1252 leaves undefined.
  const undefinedInWindows = '#FNAMN "Åre Église Müller"\r\n';
  t.like(decodeSieBytes(cp437(undefinedInWindows)), {
    text: undefinedInWindows,
    encoding: { used: 'cp437', replacementCharacters: 0 },
  });
  // ö and Ö read as Windows-1252 are ” and ™, which a text may hold: the Swedish letters decide.
  const onlyÖ = '#FNAMN "Övriga löner"\r\n';
  t.like(decodeSieBytes(cp437(onlyÖ)), { text: onlyÖ, encoding: { used: 'cp437' } });
  // #KSUMMA of such a file is the sum of its CP437 bytes, as written.
  const name = 'Åre Église Müller';
  const summed = String(crc32(cp437(`#SIETYP4#FNAMN${name}`)));
  t.is(readSie(cp437(summedFile(name, summed))).companyName, name);
});

test('a file written in Windows-1252 reads its en dash and curly quotes as typed', (t) => {
  const source = `${head}#VER A 1 20220101 "Hyra jan–mars, “Lokal Åsa”"\n{\n#TRANS 1930 {} 10\n#TRANS 3990 {} -10\n}\n`;
  const file = readSie(new Uint8Array(iconv.encode(source, 'windows-1252')));
  t.is(file.encoding.used, 'windows-1252');
  t.is(file.verifikationer[0]!.text, 'Hyra jan–mars, “Lokal Åsa”');
});

test('transliteration: CP437 letters kept, accents dropped where CP437 lacks them, else a table, else ?', (t) => {
  t.is(transliterateToCp437('Åäö éü ñ'), 'Åäö éü ñ');
  t.is(transliterateToCp437('Łódź Ørsted Œ'), 'Lódz Orsted OE');
  t.is(transliterateToCp437('100 € – “ja” … ™'), '100 EUR - "ja" ... TM');
  t.is(transliterateToCp437('rad\tett\nrad två ☃'), 'rad ett rad två ?');
  t.deepEqual(encodeCp437('Åå'), new Uint8Array([0x8f, 0x86]));
});

test('CP437 bytes 0x15 and 0x14 read as § and ¶ as on a PC and are summed as such; written, § and ¶ are ?, which every CP437 reader has; Windows-1252 § is 0xA7', (t) => {
  // What CharToOem writes for "Bidrag enligt 7 § LFS ¶ 2": § as 0x15, ¶ as 0x14.
  const name = Buffer.concat([
    Buffer.from('Bidrag enligt 7 '),
    Buffer.from([0x15]),
    Buffer.from(' LFS '),
    Buffer.from([0x14]),
    Buffer.from(' 2'),
  ]);
  const summed = Buffer.concat([Buffer.from('#SIETYP4#FNAMN'), name]);
  const source = Buffer.concat([
    Buffer.from('#FLAGGA 0\n#FORMAT PC8\n#KSUMMA\n#SIETYP 4\n#FNAMN "'),
    name,
    Buffer.from(`"\n#KSUMMA ${crc32(summed)}\n`),
  ]);
  const file = readSie(new Uint8Array(source));
  t.is(file.companyName, 'Bidrag enligt 7 § LFS ¶ 2');
  t.like(file.encoding, { used: 'cp437', mismatch: false });
  t.is(transliterateToCp437('7 § LFS ¶'), '7 ? LFS ?');
  t.deepEqual(encodeCp437('§¶'), new Uint8Array([0x3f, 0x3f]));
  const written = writeSie({ ...smallDocument, companyName: file.companyName });
  t.false(Buffer.from(written).some((byte) => byte === 0x14 || byte === 0x15));
  t.is(readSie(written).companyName, 'Bidrag enligt 7 ? LFS ? 2');
  const windows = iconv.encode(
    '#FLAGGA 0\n#SIETYP 4\n#FNAMN "Bidrag enligt 7 § LFS"\n',
    'windows-1252',
  );
  t.true(windows.includes(0xa7));
  t.is(readSie(new Uint8Array(windows)).companyName, 'Bidrag enligt 7 § LFS');
});

/** A file of one company name inside a #KSUMMA span, closed by `written`. */
const summedFile = (name: string, written: string): string =>
  `#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#FNAMN "${name}"\n#KSUMMA ${written}\n`;

test("#KSUMMA of a file written in UTF-8 or Windows-1252 is its own bytes' sum or the CP437 bytes' the spec asks for", (t) => {
  const name = 'Övningsförbundet Åre';
  const summed = `#SIETYP4#FNAMN${name}`;
  for (const [encoding, bytesOf] of [
    ['utf-8', (text: string) => Buffer.from(text, 'utf8')],
    ['windows-1252', (text: string) => iconv.encode(text, 'windows-1252')],
    ['cp437', (text: string) => iconv.encode(text, 'cp437')],
  ] as const) {
    const file = readSie(new Uint8Array(bytesOf(summedFile(name, String(crc32(bytesOf(summed)))))));
    t.is(file.encoding.used, encoding);
    t.is(file.companyName, name, encoding);
    // The sum of the same text's CP437 bytes, as the spec has it, is the file's sum too.
    const cp437Sum = String(crc32(iconv.encode(summed, 'cp437')));
    t.is(readSie(new Uint8Array(bytesOf(summedFile(name, cp437Sum)))).companyName, name);
    // Any other is refused.
    const otherSum = String(crc32(bytesOf(`${summed}x`)));
    const read = () => readSie(new Uint8Array(bytesOf(summedFile(name, otherSum))));
    t.true(isSieError(t.throws(read), 'KSUMMA_MISMATCH'), encoding);
  }
});

test("#KSUMMA of a UTF-8 file with § summed over the Unicode table's CP437 (§ as ?) or a PC's (0x15) is its sum", (t) => {
  const name = 'Bidrag enligt 7 § LFS åäö';
  const summed = `#SIETYP4#FNAMN${name}`;
  const utf8File = (sum: number) =>
    new Uint8Array(Buffer.from(`#FLAGGA 0\n#FORMAT PC8\n${summedFile(name, String(sum))}`));
  const unicodeTable = crc32(iconv.encode(summed, 'cp437'));
  const pcTable = crc32(Buffer.from(cp437Bytes(summed)));
  t.not(unicodeTable, pcTable);
  for (const sum of [unicodeTable, pcTable, crc32(Buffer.from(summed))])
    t.is(readSie(utf8File(sum)).companyName, name);
  t.true(
    isSieError(
      t.throws(() => readSie(utf8File(pcTable + 1))),
      'KSUMMA_MISMATCH',
    ),
  );
  // A CP437 file is summed over its own bytes, § as the 0x15 it holds.
  const cp437File = (sum: number) =>
    cp437Bytes(`#FLAGGA 0\n#FORMAT PC8\n${summedFile(name, String(sum))}`);
  t.is(readSie(cp437File(pcTable)).companyName, name);
  t.true(
    isSieError(
      t.throws(() => readSie(cp437File(unicodeTable))),
      'KSUMMA_MISMATCH',
    ),
  );
});

test('#KSUMMA written as a signed 32-bit number is the same sum; one out of 32 bits is malformed', (t) => {
  // A name whose CRC-32 is at least 2^31, which a signed writer writes as negative.
  let name = 'Förbundet';
  while (crc32(cp437(`#SIETYP4#FNAMN${name}`)) < 2 ** 31) name += ' x';
  const sum = crc32(cp437(`#SIETYP4#FNAMN${name}`));
  t.is(readSie(cp437(summedFile(name, String(sum - 2 ** 32)))).companyName, name);
  t.is(readSie(cp437(summedFile(name, String(sum)))).companyName, name);
  const tooLarge = t.throws(() => readSie(cp437(summedFile(name, String(sum + 2 ** 32)))));
  t.true(isSieError(tooLarge, 'MALFORMED_RECORD'));
  const wrong = t.throws(() => readSie(cp437(summedFile(name, String(sum - 2 ** 32 + 1)))));
  t.true(isSieError(wrong, 'KSUMMA_MISMATCH'));
});

test('#VERs repeating a series and number are each read, as BL Administration writes its depreciations (series #, number 1 each month)', (t) => {
  const ver = (series: string, number: string, amount: number) =>
    `#VER ${series} "${number}" 20220101 "x"\n{\n#TRANS 1930 {} ${amount}\n#TRANS 3990 {} -${amount}\n}\n`;
  const file = readSie(
    cp437(`${head}${ver('#', '1', 10)}${ver('#', '1', 20)}${ver('A', '', 30)}${ver('A', '', 30)}`),
  );
  t.deepEqual(
    file.verifikationer.map((verifikation) => [
      verifikation.series,
      verifikation.number,
      verifikation.transactions[0]?.amount,
      verifikation.line,
    ]),
    [
      ['#', '1', '10.00', 6],
      ['#', '1', '20.00', 11],
      ['A', '', '30.00', 16],
      ['A', '', '30.00', 21],
    ],
  );
});
