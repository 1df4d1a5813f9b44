import { randomUUID } from 'node:crypto';
import { open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import {
  buildChildScript,
  killAtRandomMoment,
  openOk,
  type KilledChild,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import type { FileStoreWarning } from './lock.js';
import { verifyFileEventStore } from './verify.js';

/**
 * The crash test: a child process appends single events and batches in a loop and is
 * killed with SIGKILL at a random moment, over and over. After every kill the store must
 * verify, and every append the child reported as acknowledged must be there, in order.
 *
 * A SIGKILL almost never tears a write (the kernel finishes copying it into the page cache;
 * a kill lands between the write and its fsync far more often). So after a third of the
 * kills the test tears the tail itself: when the killed child had written bytes it never
 * acknowledged, it cuts the file at a random byte among them, as a power loss could; when it
 * had not (most kills), it writes the first bytes of a record after the last one, as a write
 * cut short leaves them. The next child must find that torn tail, and cut it off at its first
 * append, while nothing acknowledged is lost.
 *
 * `FINSAM_CRASH_ITERATIONS` sets the number of kills (200 by default). Every
 * `killsPerStore` kills the test moves on to a new store file: each check reads the whole
 * store three times (the child's open, verify, the read-back), so one ever-growing file
 * would make the test quadratic in the number of kills without testing anything more.
 */
const iterations = Number(process.env['FINSAM_CRASH_ITERATIONS'] ?? 200);
const killDelayMsMin = 5;
const killDelayMsMax = 100;
const killsPerStore = 25;
const tearShare = 1 / 3;

/**
 * Cuts the store at a random byte among those written after its last acknowledged append, as a
 * power loss could; returns whether there were such bytes (more than a newline) to cut.
 */
async function tearUnacknowledgedTail(
  path: string,
  bytes: Buffer,
  acknowledgedEndBytes: number,
): Promise<boolean> {
  if (bytes.length - acknowledgedEndBytes <= 1) return false;
  await truncate(
    path,
    acknowledgedEndBytes +
      1 +
      Math.floor(Math.random() * (bytes.length - acknowledgedEndBytes - 1)),
  );
  return true;
}

/**
 * A write cut short over a writer's preallocated zeros: a random prefix of the bytes written
 * after the last acknowledged append stays, zeros from there to where they were (as a kill
 * between two pages of the write's copy, or a power loss, leaves it). Returns whether there
 * were such bytes (more than one) to cut.
 */
async function tearOverZeros(
  path: string,
  bytes: Buffer,
  acknowledgedEndBytes: number,
): Promise<boolean> {
  const writtenEnd = writtenEndBytes(bytes, acknowledgedEndBytes);
  if (writtenEnd - acknowledgedEndBytes <= 1) return false;
  const cut =
    acknowledgedEndBytes + 1 + Math.floor(Math.random() * (writtenEnd - acknowledgedEndBytes - 1));
  const file = await open(path, 'r+');
  try {
    await file.write(Buffer.alloc(writtenEnd - cut), 0, writtenEnd - cut, cut);
  } finally {
    await file.close();
  }
  return true;
}

/**
 * A write cut short where the killed child left nothing unacknowledged: the first bytes (at least
 * one, never the newline) of a record at the next position, written at the acknowledged end over
 * any zeros after it. The record is the last one's text at the next position, with an event id of
 * its own: the store repairs only a tail that starts as the record that belongs next, and the
 * test finds the acknowledged end by the last acknowledged id. Returns false when the store has no
 * record to copy.
 */
async function writeCutShortRecord(
  path: string,
  bytes: Buffer,
  endBytes: number,
): Promise<boolean> {
  const lastLine = bytes.toString('utf8', bytes.lastIndexOf(0x0a, endBytes - 2) + 1, endBytes - 1);
  const head = /^\{"position":(\d+)/.exec(lastLine);
  const eventId = /"eventId":"([^"]+)"/.exec(lastLine)?.[1];
  if (head === null || eventId === undefined) return false;
  const rest = lastLine.slice(head[0].length).replaceAll(eventId, randomUUID());
  const next = Buffer.from(`{"position":${Number(head[1]) + 1}${rest}`, 'utf8');
  const cutBytes = 1 + Math.floor(Math.random() * (next.length - 1));
  const file = await open(path, 'r+');
  try {
    await file.write(next, 0, cutBytes, endBytes);
  } finally {
    await file.close();
  }
  return true;
}

/** Where the bytes written end: the first zero a writer left ahead after `fromBytes`, or EOF. */
function writtenEndBytes(bytes: Buffer, fromBytes: number): number {
  const zeroAt = bytes.indexOf(0, fromBytes);
  return zeroAt === -1 ? bytes.length : zeroAt;
}

/**
 * The end of the last acknowledged append: acknowledgements are per append, so the last
 * acknowledged event ends its batch.
 */
function acknowledgedEnd(bytes: Buffer, acknowledged: readonly string[]): number {
  const lastAcknowledged = acknowledged[acknowledged.length - 1];
  return lastAcknowledged === undefined
    ? bytes.indexOf(0x0a) + 1
    : bytes.indexOf(0x0a, bytes.lastIndexOf(lastAcknowledged)) + 1;
}

/**
 * Checks that the store verifies and holds every acknowledged event, in the order acknowledged
 * (a failed assertion says which iteration and event); returns whether it ends with a torn tail
 * for the next writer to find, or `undefined` when it does not hold them.
 */
async function checkAcknowledgedInOrder(
  t: ExecutionContext,
  path: string,
  acknowledged: readonly string[],
  iteration: number,
): Promise<{ readonly endsTorn: boolean } | undefined> {
  const report = await verifyFileEventStore({ path })();
  if (E.isLeft(report)) throw report.left;
  t.true(report.right.ok, `iteration ${iteration}: ${report.right.problem?.message}`);
  if (!report.right.ok) return undefined;

  const reader = await openOk(path, { mode: 'read-only' });
  const positionOf = new Map<string, number>();
  for await (const event of reader.readAll()) positionOf.set(event.eventId, event.globalPosition);
  await reader.close();
  t.is(positionOf.size, report.right.eventCount);
  let previous = -1;
  for (const eventId of acknowledged) {
    const position = positionOf.get(eventId);
    if (position === undefined || position <= previous) {
      t.fail(
        `iteration ${iteration}: acknowledged event ${eventId} is ${position === undefined ? 'missing' : 'out of order'}`,
      );
      return undefined;
    }
    previous = position;
  }
  return { endsTorn: report.right.tornTail !== undefined };
}

/**
 * The next writer of a store the kill before left with a torn tail (`storeEndedTorn`) finds it
 * when it opens, and has cut it off once it has an acknowledged append. This holds for the
 * append loop, whose every call writes (new ids); not for a loop whose first call may be a retry
 * that writes nothing.
 */
function checkTornTailMet(
  t: ExecutionContext,
  killed: KilledChild,
  kill: { readonly iteration: number; readonly storeEndedTorn: boolean },
): void {
  const { iteration } = kill;
  if (!kill.storeEndedTorn) return;
  t.true(
    killed.child.stderr().includes('TORN_TAIL_FOUND'),
    `iteration ${iteration}: the torn tail left before was not found`,
  );
  if (killed.acknowledged.length > 0)
    t.true(
      killed.child.stderr().includes('TORN_TAIL_REPAIRED'),
      `iteration ${iteration}: the torn tail left before was not cut off at the first append`,
    );
}

test(`SIGKILL at ${iterations} random moments never loses an acknowledged append and never serves a torn one`, async (t) => {
  await crashLoop(t, 0);
});

test(`with preallocateBytes, SIGKILL at ${iterations} random moments never loses an acknowledged append, never serves a torn one, and the zeros left are cut`, async (t) => {
  const { zeroTailsLeft } = await crashLoop(t, 16_384);
  if (iterations >= 20) t.true(zeroTailsLeft > 0, 'the kills left zeros after the records');
});

/**
 * Kills land among the writer's idle saves of its index: each child saves it after every 8 events
 * once it has been quiet for 5 ms (it pauses after every second append), so some kills stop a save
 * between its steps. Fewer kills than the others: the pauses make each child's run longer.
 */
const idleSaveKills = Math.max(1, Math.round(iterations / 4));

test(`with idle saves of the writer's index, SIGKILL at ${idleSaveKills} random moments never loses an acknowledged append`, async (t) => {
  const { idleSavesSeen } = await crashLoop(t, 0, {
    kills: idleSaveKills,
    // Long enough for most children to save at least once.
    killDelayMsMax: 300,
    env: {
      FINSAM_TEST_WRITER_INDEX_SAVE_EVENTS: '8',
      FINSAM_TEST_IDLE_BETWEEN_APPENDS: '1',
      FINSAM_TEST_QUIET_MS: '5',
    },
  });
  if (idleSaveKills >= 20) t.true(idleSavesSeen > 0, 'children saved their index while idle');
});

/** A loop's kills and the latest moment of a kill, the file's defaults unless set. */
const loopLimits = (options: { readonly kills?: number; readonly killDelayMsMax?: number }) => ({
  kills: options.kills ?? iterations,
  delayMsMax: options.killDelayMsMax ?? killDelayMsMax,
});

/**
 * The crash loop, with the children's stores opened with `preallocateBytes` (0: none). With
 * zeros, half the tears the test makes are writes cut short over them ({@link tearOverZeros}).
 */
async function crashLoop(
  t: ExecutionContext,
  preallocateBytes: number,
  options: {
    readonly kills?: number;
    readonly env?: Readonly<Record<string, string>>;
    /** The latest a kill lands after the child is ready (`killDelayMsMax` by default). */
    readonly killDelayMsMax?: number;
  } = {},
): Promise<{ zeroTailsLeft: number; idleSavesSeen: number }> {
  const { kills, delayMsMax } = loopLimits(options);
  t.true(
    Number.isSafeInteger(kills) && kills > 0,
    'FINSAM_CRASH_ITERATIONS is a positive whole number',
  );
  t.timeout(60_000 + kills * 2_000);
  const directory = await temporaryDirectory(t);
  const script = await buildChildScript(directory);
  let acknowledgedCount = 0;
  let tornTailsRepaired = 0;
  let tailsTorn = 0;
  let staleLocksTakenOver = 0;
  let zeroTailsLeft = 0;
  let idleSavesSeen = 0;
  let path = '';
  let acknowledged: string[] = [];
  let endsTorn = false;
  for (let iteration = 0; iteration < kills; iteration += 1) {
    if (iteration % killsPerStore === 0) {
      if (iteration > 0) await checkFinalRepair(path);
      path = join(directory, `crash-${iteration / killsPerStore}.jsonl`);
      acknowledgedCount += acknowledged.length;
      acknowledged = [];
      endsTorn = false;
    }
    // Every second kill counts its delay from the child's first acknowledged call, so that each
    // of those has acknowledged work to keep on any machine; the others may land before a write.
    const from = iteration % 2 === 1 ? 'first-ack' : 'ready';
    const killed = await killAtRandomMoment(t, script, 'append-loop', path, {
      iteration,
      delayMsMin: killDelayMsMin,
      delayMsMax,
      from,
      env: { FINSAM_TEST_PREALLOCATE_BYTES: String(preallocateBytes), ...options.env },
    });
    checkTornTailMet(t, killed, { iteration, storeEndedTorn: endsTorn });
    acknowledged.push(...killed.acknowledged);
    if (killed.child.stderr().includes('TORN_TAIL_REPAIRED')) tornTailsRepaired += 1;
    if (killed.child.stderr().includes('STALE_LOCK_TAKEN_OVER')) staleLocksTakenOver += 1;
    if (killed.child.lines().includes('index-saved')) idleSavesSeen += 1;

    if ((await readFile(path)).at(-1) === 0) zeroTailsLeft += 1;
    if (Math.random() < tearShare && (await tear(path, acknowledged))) tailsTorn += 1;

    const held = await checkAcknowledgedInOrder(t, path, acknowledged, iteration);
    if (held === undefined) return { zeroTailsLeft, idleSavesSeen };
    endsTorn = held.endsTorn;
  }
  await checkFinalRepair(path);
  acknowledgedCount += acknowledged.length;
  // Every child but the first of each store found the lock of the one killed before it.
  t.is(staleLocksTakenOver, kills - Math.ceil(kills / killsPerStore));
  // No count of acknowledged events is required: how many a child acknowledges before its kill is
  // the machine's speed. Every second kill came after an acknowledged call, whose events the
  // checks above found stored, in order, on any machine.
  // A third of the kills leave a torn tail: in 50, some next child appends after one (the checks
  // above hold each to it; this is that they met one at all).
  if (kills >= 50) t.true(tornTailsRepaired > 0, 'the children found and repaired torn tails');
  t.log(
    `${kills} kills (${Math.floor(kills / 2)} after an acknowledged call), ${acknowledgedCount} acknowledged events, ${tailsTorn} tails torn by the test, ${tornTailsRepaired} torn tails repaired by the next child, ${zeroTailsLeft} kills left zeros, ${idleSavesSeen} children saved their index while idle`,
  );
  return { zeroTailsLeft, idleSavesSeen };

  /**
   * Tears the unacknowledged tail: cut short, or (with zeros, half the time) over the zeros; a
   * record cut short after the acknowledged ones when the kill left no unacknowledged bytes.
   */
  async function tear(storePath: string, acknowledgedIds: readonly string[]): Promise<boolean> {
    const bytes = await readFile(storePath);
    const endBytes = acknowledgedEnd(bytes, acknowledgedIds);
    t.true(endBytes > 0, 'the store has its header line');
    // Bytes, not zeros, after the last acknowledged append: an append the kill cut off.
    if (writtenEndBytes(bytes, endBytes) - endBytes <= 1)
      return writeCutShortRecord(storePath, bytes, endBytes);
    if (
      preallocateBytes > 0 &&
      Math.random() < 0.5 &&
      (await tearOverZeros(storePath, bytes, endBytes))
    )
      return true;
    return tearUnacknowledgedTail(storePath, bytes, endBytes);
  }

  /**
   * The last kill of a store may have left a torn tail: a writer opens, repairs, and the store
   * verifies clean.
   */
  async function checkFinalRepair(storePath: string): Promise<void> {
    const warnings: FileStoreWarning[] = [];
    const writer = await openOk(storePath, { warnings });
    t.deepEqual(
      warnings.filter(
        (warning) => warning.code !== 'TORN_TAIL_FOUND' && warning.code !== 'STALE_LOCK_TAKEN_OVER',
      ),
      [],
    );
    const repaired = await writer.repair()();
    t.true(E.isRight(repaired));
    const final = await writer.verify()();
    t.true(
      E.isRight(final) &&
        final.right.ok &&
        final.right.tornTail === undefined &&
        final.right.unusedTail === undefined,
    );
    await writer.close();
  }
}
