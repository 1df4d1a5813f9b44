import { readFileSync } from 'node:fs';
import test from 'ava';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  type RecordOptions,
  rowOf,
  type EventToRecord,
  type Medlemskategori,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';

/**
 * The example förbund's configurations: each passes the zod schema and the published JSON
 * Schema (what an editor checks), and Norrbäcken's five-digit, Kommun-Bas-like chart books.
 */

const jsonOf = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const examples = {
  roslagen: jsonOf('../../examples/roslagen/forbund.json'),
  norrbacken: jsonOf('../../examples/norrbacken/forbund.json'),
};
const validateWithJsonSchema = new Ajv2020({ allErrors: true, strict: false }).compile(
  jsonOf('../../packages/core/forbund.schema.json') as object,
);

for (const [name, json] of Object.entries(examples)) {
  test(`examples/${name}/forbund.json passes the zod schema and the published JSON Schema`, (t) => {
    const parsed = parseFörbundConfiguration(json);
    t.true(E.isRight(parsed), E.isLeft(parsed) ? parsed.left.message : '');
    t.true(validateWithJsonSchema(json), JSON.stringify(validateWithJsonSchema.errors));
  });
}

test('the published JSON Schema refuses what an editor should flag: a missing namn, an unknown field, a role that does not exist', (t) => {
  const roslagen = examples.roslagen as Record<string, unknown>;
  const { namn: _namn, ...withoutName } = roslagen;
  t.false(validateWithJsonSchema(withoutName));
  t.false(validateWithJsonSchema({ ...roslagen, medlemar: [] }));
  t.false(
    validateWithJsonSchema({
      ...roslagen,
      kontoplan: {
        ...(roslagen['kontoplan'] as object),
        konton: [{ nummer: '1930', namn: 'Bank', rad: 'kassa-och-bank', roll: 'banken' }],
      },
    }),
  );
});

test('Norrbäcken shares nothing with Roslagen: other members, posts, insatser and account numbers', (t) => {
  const parse = (json: unknown) => {
    const parsed = parseFörbundConfiguration(json);
    if (E.isLeft(parsed)) throw parsed.left;
    return parsed.right;
  };
  const roslagen = parse(examples.roslagen);
  const norrbacken = parse(examples.norrbacken);
  const shared = <Item>(of: (configuration: typeof roslagen) => readonly Item[]) =>
    of(norrbacken).filter((item) => of(roslagen).includes(item));
  t.deepEqual(
    shared((configuration) => configuration.medlemmar.map((member) => member.namn)),
    [],
  );
  t.deepEqual(
    shared((configuration) => configuration.poster.map((post) => post.post)),
    [],
  );
  t.deepEqual(
    shared((configuration) => configuration.insatser.map((insats) => insats.namn)),
    [],
  );
  t.deepEqual(
    shared((configuration) => configuration.kontoplan.konton.map((konto) => konto.nummer)),
    [],
  );
});

test("Norrbäcken's chart books a small year on its own accounts: kommun contributions apart, a post with its own cost account", async (t) => {
  const parsed = parseFörbundConfiguration(examples.norrbacken);
  if (E.isLeft(parsed)) return t.fail(parsed.left.message);
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    ...ledgerOptionsFromConfiguration(parsed.right),
  });
  const options: RecordOptions = {
    metadata: { recordedAt: '2024-04-02T08:00:00.000Z', recordedBy: 'ekonom@norrbacken' },
  };
  const contribution = (
    medlem: string,
    medlemskategori: Medlemskategori,
    belopp: string,
  ): EventToRecord => ({
    type: 'MedlemsbidragMottaget' as const,
    data: { datum: '2024-01-31', medlem, medlemskategori, period: '2024', belopp },
    options,
  });
  const recorded = await ledger.recordAll([
    {
      type: 'IngåendeBalansRegistrerad',
      data: {
        datum: '2024-01-01',
        text: 'Ingående balans 2024',
        kassaOchBank: '350000.00',
        momsfordran: '0.00',
        balanseratResultat: '350000.00',
        öppnaPoster: [],
      },
      options,
    },
    contribution('Försäkringskassan', 'staten', '2000000.00'),
    contribution('Region Mellanland', 'region', '1000000.00'),
    contribution('Norrbäckens kommun', 'kommun', '600000.00'),
    contribution('Sjöviks kommun', 'kommun', '400000.00'),
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2024-03-25',
        område: 'administrativa',
        post: 'Kansliets personal',
        underpost: 'Förbundschef',
        belopp: '72500.00',
        text: 'Lön förbundschef mars (utlånad från Norrbäckens kommun)',
        betalning: { sätt: 'bank' },
      },
      options,
    },
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2024-03-28',
        område: 'operativa',
        post: 'Arbetslivsinriktad rehabilitering',
        insats: 'Vägen vidare',
        belopp: '180000.00',
        moms: '45000.00',
        text: 'Vägen vidare, kv 1',
        betalning: { sätt: 'bank' },
      },
      options,
    },
  ])();
  t.true(E.isRight(recorded), E.isLeft(recorded) ? recorded.left.message : '');
  const accounts = (await collectAsync(ledger.verifikationer(2024))).flatMap((verifikation) =>
    verifikation.rader.map((rad) => `${rad.konto} ${rad.belopp.toString()}`),
  );
  t.deepEqual(accounts, [
    '19300 350000.00',
    '20110 -350000.00',
    '19300 2000000.00',
    '35110 -2000000.00',
    '19300 1000000.00',
    '35120 -1000000.00',
    '19300 600000.00',
    '35130 -600000.00',
    '19300 400000.00',
    '35130 -400000.00',
    '51100 72500.00',
    '19300 -72500.00',
    '45100 180000.00',
    '16410 45000.00',
    '19300 -225000.00',
  ]);
  const { resultaträkning, balansräkning } = await ledger.statements(2024);
  t.is(rowOf(resultaträkning, 'verksamhetens-intäkter').amounts[0]?.toString(), '4000000.00');
  t.is(rowOf(resultaträkning, 'verksamhetens-kostnader').amounts[0]?.toString(), '-252500.00');
  t.is(rowOf(balansräkning, 'kassa-och-bank').amounts[0]?.toString(), '4052500.00');
});
