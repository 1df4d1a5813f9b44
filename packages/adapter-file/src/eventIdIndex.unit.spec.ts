import test from 'ava';
import { newEventId } from '@finsam-ledger/core';
import { EventIdIndex, eventIdKeyBytes } from './eventIdIndex.js';
import { sha256Hex } from './hashChain.js';

test('issue 15: an event id is keyed by its UUID bytes, read straight from the hex digits, and anything else by its SHA-256', (t) => {
  for (let round = 0; round < 1_000; round += 1) {
    const eventId = newEventId();
    t.deepEqual(eventIdKeyBytes(eventId), Buffer.from(eventId.replace(/-/g, ''), 'hex'));
  }
  t.deepEqual(
    eventIdKeyBytes('ffffffff-0000-4a5f-9abc-0123456789ef'),
    Buffer.from('ffffffff00004a5f9abc0123456789ef', 'hex'),
  );
  for (const other of [
    '6F1D2C3B-4A59-4E6F-8A7B-9C0D1E2F3A4B',
    '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4',
    '6f1d2c3b-4a59-4e6f-8a7b_9c0d1e2f3a4b',
    '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4g',
    'not-a-uuid',
    '',
  ])
    t.deepEqual(eventIdKeyBytes(other), Buffer.from(sha256Hex(other).slice(0, 32), 'hex'), other);
});

test('issue 15: the index finds what was put, per stream, in its recent part and after it is compacted into the sorted part', (t) => {
  const index = new EventIdIndex();
  const ids = Array.from({ length: 50 }, () => newEventId());
  ids.forEach((eventId, revision) =>
    index.put(revision % 2 === 0 ? 'a' : 'b', eventId, { offsetBytes: revision * 100, revision }),
  );
  t.true(index.add('a', 'not-a-uuid', { offsetBytes: 9_000, revision: 99 }));
  t.false(index.add('a', ids[0]!, { offsetBytes: 1, revision: 1 }));
  t.is(index.recentCount, 51);
  const check = () => {
    ids.forEach((eventId, revision) => {
      const stream = revision % 2 === 0 ? 'a' : 'b';
      t.deepEqual(index.find(stream, eventId), { offsetBytes: revision * 100, revision });
      t.is(index.find(stream === 'a' ? 'b' : 'a', eventId), undefined);
    });
    t.deepEqual(index.find('a', 'not-a-uuid'), { offsetBytes: 9_000, revision: 99 });
    t.is(index.find('c', ids[0]!), undefined);
  };
  check();
  index.compact();
  t.is(index.recentCount, 0);
  t.is(index.sortedCount, 51);
  check();
  const reloaded = new EventIdIndex(index.sortedBytes, [...index.streamIds]);
  t.deepEqual(reloaded.find('b', ids[1]!), { offsetBytes: 100, revision: 1 });
});

test('issue 15: the index never loses an id among many, keeps one id in two streams apart, and finds no id it was not given', (t) => {
  const index = new EventIdIndex();
  const ids = Array.from({ length: 20_000 }, () => newEventId());
  ids.forEach((eventId, revision) =>
    index.put('a', eventId, { offsetBytes: revision * 10, revision }),
  );
  t.true(index.add('a', 'not-a-uuid', { offsetBytes: 1, revision: 7 }));
  index.put('b', ids[5]!, { offsetBytes: 3, revision: 0 });
  // An id that shares its first and last four bytes with a stored one.
  const twin = `${ids[0]!.slice(0, 9)}ffff-4fff-8fff-ffff${ids[0]!.slice(28)}`;
  const check = (found: EventIdIndex) => {
    const lost = ids.filter(
      (eventId, revision) => found.find('a', eventId)?.offsetBytes !== revision * 10,
    );
    t.deepEqual(lost, []);
    t.deepEqual(found.find('a', 'not-a-uuid'), { offsetBytes: 1, revision: 7 });
    t.is(found.find('a', twin), undefined);
    t.deepEqual(found.find('b', ids[5]!), { offsetBytes: 3, revision: 0 });
    t.is(found.find('b', ids[6]!), undefined);
    for (let round = 0; round < 1_000; round += 1) t.is(found.find('a', newEventId()), undefined);
  };
  check(index);
  index.compact();
  check(index);
  const reloaded = new EventIdIndex(index.sortedBytes, [...index.streamIds]);
  check(reloaded);
  // Ids added after the sorted part was loaded are found beside it.
  const later = Array.from({ length: 5_000 }, () => newEventId());
  later.forEach((eventId, added) =>
    reloaded.put('a', eventId, { offsetBytes: 1e9 + added, revision: ids.length + added }),
  );
  t.deepEqual(
    later.filter((eventId, added) => reloaded.find('a', eventId)?.offsetBytes !== 1e9 + added),
    [],
  );
  check(reloaded);
});

test('issue 15: compacting twice merges the recent ids into the sorted part in order, also ids that share their first bytes, so every one is found', (t) => {
  // Ids alike in their first eight and their last twelve hex digits: only the middle words order
  // them, and a merge that compared less than the whole key would misplace some.
  const alike = (at: number): string =>
    `0badcafe-${(at % 65_536).toString(16).padStart(4, '0')}-4000-8${(at % 4_096).toString(16).padStart(3, '0')}-000000000000`;
  const index = new EventIdIndex();
  const rounds = [0, 1, 2].map((round) =>
    Array.from({ length: 300 }, (_, at) => ({
      eventId: at % 3 === 0 ? alike(round * 7_919 + at * 131) : newEventId(),
      offsetBytes: (round * 300 + at) * 100,
      revision: round * 300 + at,
    })),
  );
  for (const round of rounds) {
    for (const { eventId, offsetBytes, revision } of round)
      index.put('a', eventId, { offsetBytes, revision });
    index.compact();
  }
  const lost = rounds
    .flat()
    .filter(({ eventId, revision }) => index.find('a', eventId)?.revision !== revision);
  t.deepEqual(lost, []);
  const sorted = index.sortedBytes;
  for (let start = 32; start < sorted.length; start += 32)
    t.true(sorted.compare(sorted, start - 32, start - 10, start, start + 22) > 0);
});
