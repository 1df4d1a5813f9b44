import test from 'ava';
import { copyPlainJson } from './json.js';

test('issue 14 item 10: plain JSON is copied exactly, own __proto__ keys, null prototypes and frozen objects included', (t) => {
  const parsed = JSON.parse('{"__proto__":{"a":1},"list":[1,"två",null,true,{"x":-1.5}]}');
  const copied = copyPlainJson(parsed);
  t.true('value' in copied);
  if (!('value' in copied)) return;
  t.is(JSON.stringify(copied.value), JSON.stringify(parsed));
  t.true(Object.hasOwn(copied.value as object, '__proto__'));
  t.is(Object.getPrototypeOf(copied.value), Object.prototype);
  const bare = Object.assign(Object.create(null) as object, { a: 'b' });
  t.deepEqual(copyPlainJson(Object.freeze({ bare, list: Object.freeze([1]) })), {
    value: { bare: { a: 'b' }, list: [1] },
  });
});

test('issue 14 item 10: anything JSON would write differently, or that throws when read, is named with its path and rule', (t) => {
  const getter = {};
  Object.defineProperty(getter, 'belopp', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const hiddenToJson = { a: 1 };
  Object.defineProperty(hiddenToJson, 'toJSON', { value: () => 'other' });
  const extraArray = Object.assign([1, 2], { extra: true });
  class Belopp {
    value = '1.00';
  }
  const cases: readonly (readonly [unknown, string, string])[] = [
    [{ belopp: getter }, 'data.belopp.belopp', 'plain-json'],
    [{ hiddenToJson }, 'data.hiddenToJson.toJSON', 'plain-json'],
    [{ list: extraArray }, 'data.list', 'plain-json'],
    [{ belopp: new Belopp() }, 'data.belopp', 'plain-object'],
    [{ belopp: 1n }, 'data.belopp', 'json-value'],
    [{ belopp: Number.NaN }, 'data.belopp', 'finite-number'],
    [{ count: -0 }, 'data.count', 'no-negative-zero'],
    [{ [Symbol('s')]: 1 }, 'data', 'plain-json'],
  ];
  for (const [value, path, rule] of cases) {
    const copied = copyPlainJson(value);
    t.deepEqual(
      'issue' in copied ? [copied.issue.path, copied.issue.rule] : [],
      [path, rule],
      path,
    );
  }
});
