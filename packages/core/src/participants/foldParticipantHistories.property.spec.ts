import test from 'ava';
import fc from 'fast-check';
import type { CheckpointNotice } from '../checkpoints/checkpointShelf.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import { ok } from '../checkpoints/ok.testSupport.js';
import { createLedger } from '../facade/createLedger.js';
import { runProjection } from '../projections/Projection.js';
import {
  createParticipantRegister,
  type ParticipantEventToRecord,
} from './createParticipantRegister.js';
import { enrolmentData } from './participantEvents.testScenario.js';
import { participantTables } from './projections/participantTables.js';

// The participant tables of every year from checkpoints (saved at the books' year closes) equal
// the tables of a full replay of the participant stream, for random histories over several
// years: enrolments, conclusions and transfers across year ends, anonymous participants, goals
// decided anew (a later decision replaces an earlier one), and events recorded late, after the
// close of the year they are dated in. Each year's tables are asked of a register opened anew,
// so each starts from the latest checkpoint and reads only the store after it.

const firstYear = 2020;
const lastYear = 2023;
const förbundId = 'prop';
const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'prop' };
const insatser = ['steget', 'mia-vidare', 'samsus'] as const;
const coverage = { checkpointsUsed: 0, lateEvents: 0, endingsAcrossYearEnd: 0 };

/** One step of a year: an event kind, an insats, a day, whether it is dated a year back. */
interface Step {
  readonly kind: 'enrol' | 'conclude' | 'transfer' | 'anonymous' | 'goal';
  readonly insats: number;
  readonly dayOfYear: number;
  readonly late: boolean;
  readonly pick: number;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('enrol', 'enrol', 'conclude', 'transfer', 'anonymous', 'goal'),
  insats: fc.integer({ min: 0, max: insatser.length - 1 }),
  dayOfYear: fc.integer({ min: 0, max: 330 }),
  late: fc.boolean(),
  pick: fc.nat(),
});

const dateOf = (year: number, dayOfYear: number): string =>
  new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

interface Active {
  readonly deltagareId: string;
  readonly insatsId: string;
  readonly enrolledOn: string;
}

/** Turns a year's steps into valid participant events, keeping who is still active. */
function eventsOfYear(year: number, steps: readonly Step[], active: Active[]) {
  const events: ParticipantEventToRecord[] = [];
  const options = { metadata };
  for (const step of steps) {
    const datedYear = step.late && year > firstYear ? year - 1 : year;
    if (datedYear !== year) coverage.lateEvents += 1;
    const datum = dateOf(datedYear, step.dayOfYear);
    const insatsId = insatser[step.insats]!;
    if (step.kind === 'enrol' || active.length === 0) {
      const deltagareId = `p-${year}-${events.length}`;
      active.push({ deltagareId, insatsId, enrolledOn: datum });
      events.push({
        type: 'DeltagareInskriven',
        data: enrolmentData({ deltagareId, insatsId, datum }),
        options,
      });
    } else if (step.kind === 'conclude' || step.kind === 'transfer') {
      const [leaving] = active.splice(step.pick % active.length, 1);
      const endsOn = datum < leaving!.enrolledOn ? leaving!.enrolledOn : datum;
      if (endsOn.slice(0, 4) !== leaving!.enrolledOn.slice(0, 4))
        coverage.endingsAcrossYearEnd += 1;
      const common = {
        deltagareId: leaving!.deltagareId,
        insatsId: leaving!.insatsId,
        datum: endsOn,
      };
      events.push(
        step.kind === 'conclude'
          ? { type: 'DeltagareAvslutad', data: { ...common, avslutsorsak: 'arbete' }, options }
          : {
              type: 'DeltagareÖverförd',
              data: {
                ...common,
                tillInsatsId: leaving!.insatsId === 'steget' ? 'samsus' : 'steget',
              },
              options,
            },
      );
    } else if (step.kind === 'anonymous') {
      events.push({
        type: 'AnonymaDeltagareRegistrerade',
        data: { insatsId, datum, startår: datedYear, kön: 'man', antal: 1 + (step.pick % 4) },
        options,
      });
    } else {
      events.push({
        type: 'InsatsmålSatt',
        data: {
          insatsId,
          benämning: `Mål ${datum}`,
          beslutsdatum: datum,
          periodFrån: `${datedYear}-01-01`,
          periodTill: `${datedYear + 1}-12-31`,
          erbjudnaMål: 10 + (step.pick % 50),
          arbeteEllerStudierMålProcent: step.pick % 60,
          stegförflyttningMålProcent: step.pick % 40,
          andelAv: step.pick % 2 === 0 ? 'avslutade' : 'deltagare',
        },
        options,
      });
    }
  }
  return events;
}

/** Books with an opening balance and every year closed in February of the next. */
async function openBooks(store: CheckpointingMemoryStore) {
  const ledger = createLedger({ store, förbundId });
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: `${firstYear}-01-01`,
        text: 'IB',
        kassaOchBank: '5000.00',
        momsfordran: '0',
        balanseratResultat: '5000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  return ledger;
}

/** Every year's tables from checkpoints and from a full replay of the participant stream. */
async function compareEveryYear(
  t: import('ava').ExecutionContext,
  store: CheckpointingMemoryStore,
) {
  for (let year = firstYear; year <= lastYear + 1; year += 1) {
    const notices: CheckpointNotice[] = [];
    const register = createParticipantRegister({
      store,
      förbundId,
      observe: (notice) => notices.push(notice),
    });
    const fromCheckpoints = await ok(register.tables(year));
    const replayed = await runProjection(
      store.plain.readStream(register.streamId),
      participantTables(year),
    );
    t.deepEqual(fromCheckpoints, replayed, `the tables of ${year}`);
    t.false(notices.some((notice) => notice.kind === 'discarded'));
    coverage.checkpointsUsed += notices.filter((notice) => notice.kind === 'used').length;
  }
  await store.idle();
}

test('participant tables from checkpoints equal a full replay, for random histories', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }), {
        minLength: lastYear - firstYear + 1,
        maxLength: lastYear - firstYear + 1,
      }),
      async (years) => {
        const store = checkpointingMemoryStore();
        const ledger = await openBooks(store);
        const register = createParticipantRegister({ store, förbundId });
        const active: Active[] = [];
        for (const [index, steps] of years.entries()) {
          const year = firstYear + index;
          const events = eventsOfYear(year, steps, active);
          // Half the year before the previous year's close, half after it: late events of a
          // closed year land after its checkpoint.
          const half = Math.ceil(events.length / 2);
          const record = async (part: ParticipantEventToRecord[]) => {
            if (part.length > 0) await ok(register.recordAll(part));
          };
          await record(events.slice(0, half));
          if (year > firstYear) await ok(ledger.closeYear(year - 1, `${year}-02-15`, { metadata }));
          await record(events.slice(half));
          // Asking midway saves the checkpoints of the closes so far, as a report would.
          if (index % 2 === 1) await compareEveryYear(t, store);
        }
        await compareEveryYear(t, store);
      },
    ),
    { numRuns: 15 },
  );
  t.true(coverage.checkpointsUsed > 0, 'the runs read from checkpoints');
  t.true(coverage.lateEvents > 0, 'the runs recorded events dated in a closed year');
  t.true(coverage.endingsAcrossYearEnd > 0, 'the runs ended participations across a year end');
});
