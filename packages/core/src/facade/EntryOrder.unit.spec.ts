import test from 'ava';
import { EntryOrder } from './EntryOrder.js';

test('calls enter in the order they were started: one started after a command that reads first enters only once the command has', async (t) => {
  const order = new EntryOrder();
  const entries: string[] = [];
  const enter = (name: string) => () => {
    entries.push(name);
    return Promise.resolve(name);
  };
  const first = order.now(enter('first'));
  t.deepEqual(entries, ['first'], 'with nothing before it, a call enters as it is started');
  let readDone: () => void = () => undefined;
  const read = new Promise<void>((resolve) => {
    readDone = resolve;
  });
  const command = order.afterRead(async () => {
    await read;
    return { settled: enter('command')() };
  });
  const after = order.now(enter('after'));
  const later = order.now(enter('later'));
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(entries, ['first'], 'the calls after the command wait while it reads');
  readDone();
  t.deepEqual(await Promise.all([first, command, after, later]), [
    'first',
    'command',
    'after',
    'later',
  ]);
  t.deepEqual(entries, ['first', 'command', 'after', 'later']);
  order.now(enter('idle'));
  t.deepEqual(entries.at(-1), 'idle', 'once they have all entered, a call enters at once again');
});

test('a command whose read fails lets the calls after it enter', async (t) => {
  const order = new EntryOrder();
  const failed = order.afterRead(() => Promise.reject(new Error('read failed')));
  const after = order.now(() => Promise.resolve('after'));
  await t.throwsAsync(failed, { message: 'read failed' });
  t.is(await after, 'after');
});

test('a call that throws as it enters, while a command reads, settles to its error and the calls after it still enter', async (t) => {
  const order = new EntryOrder();
  let readDone: () => void = () => undefined;
  const read = new Promise<void>((resolve) => {
    readDone = resolve;
  });
  const command = order.afterRead(async () => {
    await read;
    return { settled: Promise.resolve('command') };
  });
  const throwing = order.now((): Promise<string> => {
    throw new Error('entered badly');
  });
  const after = order.now(() => Promise.resolve('after'));
  readDone();
  t.is(await command, 'command');
  await t.throwsAsync(throwing, { message: 'entered badly' });
  t.is(await after, 'after');
  t.is(await order.now(() => Promise.resolve('later')), 'later');
});
