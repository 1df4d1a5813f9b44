import test from 'ava';
import * as E from 'fp-ts/Either';
import { participantCatalog, type ParticipantEvent } from './participantCatalog.js';
import {
  createParticipantEvent,
  enrolmentData,
  nextEventId,
  participantTestLedger,
  testMetadata,
} from './participantEvents.testScenario.js';

// Every form a Swedish personal identity number is written in. The check digits were
// verified with hasValidPersonnummerCheckDigit: both valid and invalid ones are refused.
const personnummerForms = [
  { form: 'YYMMDD-NNNN, valid check digit', value: '811218-9876' },
  { form: 'YYMMDD-NNNN, invalid check digit', value: '811218-9875' },
  { form: 'YYMMDDNNNN, valid check digit', value: '8112189876' },
  { form: 'YYMMDDNNNN, invalid check digit', value: '8112189875' },
  { form: 'YYYYMMDD-NNNN, valid check digit', value: '19811218-9876' },
  { form: 'YYYYMMDD-NNNN, invalid check digit', value: '19811218-9875' },
  { form: 'YYYYMMDDNNNN, valid check digit', value: '198112189876' },
  { form: 'YYYYMMDDNNNN, invalid check digit', value: '198112189875' },
  { form: 'YYMMDD+NNNN (aged 100 or more), valid check digit', value: '811218+9876' },
  { form: 'YYMMDD+NNNN (aged 100 or more), invalid check digit', value: '811218+9875' },
  { form: 'samordningsnummer YYMMDD-NNNN (day + 60), valid check digit', value: '811278-9873' },
  { form: 'samordningsnummer YYMMDD-NNNN (day + 60), invalid check digit', value: '811278-9874' },
  { form: 'samordningsnummer YYYYMMDDNNNN, valid check digit', value: '198112789873' },
] as const;

type FieldCase = {
  readonly type: ParticipantEvent['type'];
  readonly field: string;
  readonly kind: 'identifier' | 'free text';
  /** Valid data of the event, for a participant that is enrolled when `needsEnrolment`. */
  readonly data: Record<string, unknown>;
  readonly needsEnrolment: boolean;
};

const conclusion = {
  deltagareId: 'p-0001',
  insatsId: 'mia-roslagen',
  datum: '2019-09-01',
  avslutsorsak: 'arbete',
};
const transfer = {
  deltagareId: 'p-0001',
  insatsId: 'mia-roslagen',
  datum: '2020-04-30',
  tillInsatsId: 'mia-vidare-roslagen',
};
const anonymous = {
  insatsId: 'mia-roslagen',
  datum: '2019-12-31',
  startår: 2019,
  kön: 'man',
  antal: 3,
};
const goal = {
  insatsId: 'mia-roslagen',
  benämning: 'MIA Roslagen, mål enligt ansökan',
  beslutsdatum: '2017-03-01',
  periodFrån: '2017-04-01',
  periodTill: '2020-05-31',
  erbjudnaMål: 240,
  arbeteEllerStudierMålProcent: 30,
  stegförflyttningMålProcent: 40,
  andelAv: 'avslutade',
};

const fieldCases: readonly FieldCase[] = [
  {
    type: 'DeltagareInskriven',
    field: 'deltagareId',
    kind: 'identifier',
    data: enrolmentData(),
    needsEnrolment: false,
  },
  {
    type: 'DeltagareInskriven',
    field: 'insatsId',
    kind: 'identifier',
    data: enrolmentData(),
    needsEnrolment: false,
  },
  {
    type: 'DeltagareInskriven',
    field: 'hemkommun',
    kind: 'free text',
    data: enrolmentData(),
    needsEnrolment: false,
  },
  {
    type: 'DeltagareInskriven',
    field: 'anteckning',
    kind: 'free text',
    data: enrolmentData(),
    needsEnrolment: false,
  },
  {
    type: 'DeltagareAvslutad',
    field: 'deltagareId',
    kind: 'identifier',
    data: conclusion,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareAvslutad',
    field: 'insatsId',
    kind: 'identifier',
    data: conclusion,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareAvslutad',
    field: 'anteckning',
    kind: 'free text',
    data: conclusion,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareÖverförd',
    field: 'deltagareId',
    kind: 'identifier',
    data: transfer,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareÖverförd',
    field: 'insatsId',
    kind: 'identifier',
    data: transfer,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareÖverförd',
    field: 'tillInsatsId',
    kind: 'identifier',
    data: transfer,
    needsEnrolment: true,
  },
  {
    type: 'DeltagareÖverförd',
    field: 'anteckning',
    kind: 'free text',
    data: transfer,
    needsEnrolment: true,
  },
  {
    type: 'AnonymaDeltagareRegistrerade',
    field: 'insatsId',
    kind: 'identifier',
    data: anonymous,
    needsEnrolment: false,
  },
  {
    type: 'AnonymaDeltagareRegistrerade',
    field: 'anteckning',
    kind: 'free text',
    data: anonymous,
    needsEnrolment: false,
  },
  {
    type: 'InsatsmålSatt',
    field: 'insatsId',
    kind: 'identifier',
    data: goal,
    needsEnrolment: false,
  },
  {
    type: 'InsatsmålSatt',
    field: 'benämning',
    kind: 'free text',
    data: goal,
    needsEnrolment: false,
  },
];

test('every id and free-text field of every participant event is covered', (t) => {
  // If a field is added to an event, this list must grow with it.
  const covered = new Set(fieldCases.map((fieldCase) => `${fieldCase.type}.${fieldCase.field}`));
  t.deepEqual(
    [...covered].sort(),
    [
      'AnonymaDeltagareRegistrerade.anteckning',
      'AnonymaDeltagareRegistrerade.insatsId',
      'DeltagareAvslutad.anteckning',
      'DeltagareAvslutad.deltagareId',
      'DeltagareAvslutad.insatsId',
      'DeltagareInskriven.anteckning',
      'DeltagareInskriven.deltagareId',
      'DeltagareInskriven.hemkommun',
      'DeltagareInskriven.insatsId',
      'DeltagareÖverförd.anteckning',
      'DeltagareÖverförd.deltagareId',
      'DeltagareÖverförd.insatsId',
      'DeltagareÖverförd.tillInsatsId',
      'InsatsmålSatt.benämning',
      'InsatsmålSatt.insatsId',
    ].sort(),
  );
  // And the valid data of each case is accepted as it stands.
  for (const fieldCase of fieldCases)
    t.true(
      E.isRight(
        participantCatalog.create(fieldCase.type, fieldCase.data, { metadata: testMetadata }),
      ),
      fieldCase.type,
    );
});

for (const fieldCase of fieldCases) {
  for (const { form, value } of personnummerForms) {
    // An id holds the number alone or inside a longer id; free text holds it inside a sentence.
    const values =
      fieldCase.kind === 'identifier'
        ? [value, `deltagare-${value}`]
        : [value, `Ringde ${value} om tiden`];
    test(`${fieldCase.type}.${fieldCase.field} refuses a personnummer, ${form}, and writes nothing`, async (t) => {
      const ledger = participantTestLedger();
      if (fieldCase.needsEnrolment)
        await ledger.recordAll([createParticipantEvent('DeltagareInskriven', enrolmentData())]);
      const storedBefore = await ledger.storedCount();
      for (const refusedValue of values) {
        const data = { ...fieldCase.data, [fieldCase.field]: refusedValue };

        // Refused by the catalog, naming the field and the rule, without echoing the number.
        const created = participantCatalog.create(fieldCase.type, data, { metadata: testMetadata });
        t.true(E.isLeft(created), refusedValue);
        if (E.isRight(created)) continue;
        t.is(created.left.code, 'PERSONNUMMER_REFUSED');
        t.true(
          created.left.issues.some(
            (issue) => issue.path === `data.${fieldCase.field}` && issue.rule === 'no-personnummer',
          ),
        );
        t.false(JSON.stringify(created.left.toJSON()).includes(value));

        // Refused by the recorder too, when the event was built by hand around the catalog.
        const handBuilt = {
          eventId: nextEventId(),
          type: fieldCase.type,
          schemaVersion: 1,
          data,
          metadata: testMetadata,
        } as unknown as ParticipantEvent;
        const recorded = await ledger.recorder.record([handBuilt])();
        t.true(E.isLeft(recorded));
        if (E.isLeft(recorded)) t.is(recorded.left.code, 'PERSONNUMMER_REFUSED');
        t.is(await ledger.storedCount(), storedBefore, 'nothing was appended');
      }
    });
  }
}

test('ids and texts with digits that are not personnummer are accepted', (t) => {
  for (const deltagareId of ['p-0001', 'd-3f9a1c2b', 'roslagen-2017-0042', '12345678']) {
    t.true(
      E.isRight(
        participantCatalog.create('DeltagareInskriven', enrolmentData({ deltagareId }), {
          metadata: testMetadata,
        }),
      ),
      deltagareId,
    );
  }
  // 13th month, day 00 and day 32 are not dates, so these are not personnummer.
  for (const anteckning of [
    'Telefon 08-555 123 45',
    'Ärende 811318-9876',
    'Ärende 811200-9876',
    'Ärende 811232-9876',
  ]) {
    t.true(
      E.isRight(
        participantCatalog.create('DeltagareInskriven', enrolmentData({ anteckning }), {
          metadata: testMetadata,
        }),
      ),
      anteckning,
    );
  }
});
