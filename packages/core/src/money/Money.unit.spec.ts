import test from 'ava';
import { inspect } from 'node:util';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { Money, parseMoney } from './Money.js';
import { formatMoney } from './formatMoney.js';
import { positiveAmount, signedAmount } from './zodMoney.js';

const ruleOf = (input: unknown): string | undefined => {
  const parsed = parseMoney(input, 'data.belopp');
  return E.isLeft(parsed)
    ? `${parsed.left.code}/${parsed.left.issues[0]?.rule}@${parsed.left.issues[0]?.path}`
    : undefined;
};

test('parses decimal strings with up to two decimals exactly', (t) => {
  t.is(Money.from('363333.00').toString(), '363333.00');
  t.is(Money.from('0.1').plus(Money.from('0.2')).toString(), '0.30');
  t.is(Money.from('-60').toString(), '-60.00');
  t.is(Money.from('999999999999999.99').plus(Money.from('0.01')).toString(), '1000000000000000.00');
});

test('refuses numbers, NaN, exponents, a third decimal and malformed strings, naming field and rule', (t) => {
  t.is(ruleOf(363333), 'INVALID_AMOUNT/decimal-string-required@data.belopp');
  t.is(ruleOf(0.1), 'INVALID_AMOUNT/decimal-string-required@data.belopp');
  t.is(ruleOf(Number.NaN), 'INVALID_AMOUNT/not-a-number@data.belopp');
  t.is(ruleOf('NaN'), 'INVALID_AMOUNT/not-a-number@data.belopp');
  t.is(ruleOf('Infinity'), 'INVALID_AMOUNT/not-a-number@data.belopp');
  t.is(ruleOf('1e6'), 'INVALID_AMOUNT/no-exponent@data.belopp');
  t.is(ruleOf('1.5E+3'), 'INVALID_AMOUNT/no-exponent@data.belopp');
  t.is(ruleOf('10.005'), 'INVALID_AMOUNT/at-most-two-decimals@data.belopp');
  for (const bad of ['1 000', '1,50', '+5', '007', '.5', '5.', '', '--1', '0x10']) {
    t.is(ruleOf(bad), 'INVALID_AMOUNT/decimal-format@data.belopp', bad);
  }
  t.is(ruleOf('1000000000000000'), 'INVALID_AMOUNT/amount-max@data.belopp');
  t.is(ruleOf(null), 'INVALID_AMOUNT/decimal-string-required@data.belopp');
  t.is(ruleOf(1n), 'INVALID_AMOUNT/decimal-string-required@data.belopp');
});

test('formats in kr, tkr and mkr, rounding half away from zero once', (t) => {
  t.is(formatMoney(Money.from('9561772.00')), '9 561 772');
  t.is(formatMoney(Money.from('-8994844.00')), '-8 994 844');
  t.is(formatMoney(Money.from('-8994844.00'), 'tkr'), '-8 995');
  t.is(formatMoney(Money.from('566928.00'), 'tkr'), '567');
  t.is(formatMoney(Money.from('65500.00'), 'tkr'), '66');
  t.is(formatMoney(Money.from('-65500.00'), 'tkr'), '-66');
  t.is(formatMoney(Money.from('-499.99'), 'tkr'), '0');
  t.is(formatMoney(Money.from('9561772.00'), 'mkr'), '9,56');
  t.is(formatMoney(Money.from('1979011.00'), 'mkr'), '1,98');
  t.is(formatMoney(Money.from('0.50')), '1');
  t.is(formatMoney(Money.from('1234.5'), 'kr', 2), '1 234,50');
});

test('the zod amount schema keeps the string and names the rule', (t) => {
  t.is(positiveAmount().parse('10.00'), '10.00');
  const zero = positiveAmount().safeParse('0.00');
  t.false(zero.success);
  t.is((zero.error?.issues[0] as { params?: { rule?: string } }).params?.rule, 'amount-positive');
  const float = positiveAmount().safeParse(10.5);
  t.is(
    (float.error?.issues[0] as { params?: { rule?: string } }).params?.rule,
    'decimal-string-required',
  );
});

test('a refused amount is repeated in the message, with the form to write for a Swedish written one, never when it could be a personnummer', (t) => {
  const message = (value: unknown) => signedAmount().safeParse(value).error?.issues[0]?.message;
  t.is(
    message('1 234,50'),
    'an amount is digits with an optional leading minus and an optional point followed by one or two digits, without spaces, plus sign, thousands separators or leading zeros (got "1 234,50"; write "1234.50")',
  );
  t.regex(message('-12\u00a0000,5')!, /\(got "-12\u00a0000,5"; write "-12000.5"\)$/);
  t.regex(message('12.345')!, /\(got "12.345"\)$/, 'no form to suggest: which was meant?');
  t.regex(message(12.5)!, /never a JavaScript number$/, 'a number is not repeated');
  t.regex(message('850312-1234')!, /leading zeros$/, 'a personnummer is never repeated');
  t.regex(message('kostnad 100 kr')!, /leading zeros$/, 'text is not repeated');
});

test('property: addition is exact and associative on öre, and matches integer arithmetic', (t) => {
  const ore = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const toMoney = (value: bigint) => {
    const negative = value < 0n;
    const magnitude = negative ? -value : value;
    return Money.from(
      `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`,
    );
  };
  fc.assert(
    fc.property(ore, ore, ore, (a, b, c) => {
      const left = toMoney(a).plus(toMoney(b)).plus(toMoney(c));
      const right = toMoney(a).plus(toMoney(b).plus(toMoney(c)));
      return left.equals(right) && left.toOre() === a + b + c;
    }),
  );
  t.pass();
});

test('property: amounts and sums beyond the safe integers of öre stay exact (big.js takes over)', (t) => {
  // Up to the largest amount accepted (15 integer digits): öre up to 10^17, past 2^53.
  const ore = fc.bigInt({ min: -(10n ** 17n) + 1n, max: 10n ** 17n - 1n });
  const text = (value: bigint) => {
    const magnitude = value < 0n ? -value : value;
    return `${value < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  };
  fc.assert(
    fc.property(ore, ore, (a, b) => {
      const sum = Money.from(text(a)).plus(Money.from(text(b)));
      const difference = Money.from(text(a)).minus(Money.from(text(b)));
      return (
        sum.toOre() === a + b &&
        sum.toString() === text(a + b) &&
        difference.toOre() === a - b &&
        Money.from(text(a)).compare(Money.from(text(b))) === (a < b ? -1 : a > b ? 1 : 0) &&
        Money.from(text(a)).negated().toString() === text(-a)
      );
    }),
  );
  const large = Money.from('999999999999999.99');
  t.is(large.toString(), '999999999999999.99');
  t.is(large.roundedIn(1000, 0), '1000000000000');
  t.is(large.minus(large).toString(), '0.00');
  t.true(large.minus(large).isZero());
  t.is(Money.from('-0.00').toString(), '0.00');
  t.is(Money.from('90071992547409.91').plus(Money.from('0.01')).toString(), '90071992547409.92');
  t.is(Money.from('-5').abs().toString(), '5.00');
});

test('fromSerialised reads back the text of any sum, past the 15 digits of one amount, and refuses what is not a plain decimal as from does', (t) => {
  const largest = Money.from('999999999999999.99');
  for (const sum of [largest.plus(largest), largest.plus(largest).negated(), largest, Money.zero]) {
    const read = Money.fromSerialised(sum.toString());
    t.true(read.equals(sum), sum.toString());
    t.is(read.toString(), sum.toString());
  }
  t.is(Money.fromSerialised('-12345678901234567890.05').toString(), '-12345678901234567890.05');
  for (const bad of ['1e16', '10.005', '007', '1 000', '', 'NaN', '+5'])
    t.like(
      t.throws(() => Money.fromSerialised(bad)),
      { code: 'INVALID_AMOUNT' },
      bad,
    );
  t.throws(() => Money.from('1999999999999999.98'), { message: /at most 15 digits/ });
});

test('fromSerialised reads a sum of up to 40 digits, what the amounts of a whole store can add up to, and refuses a longer one naming field and rule', (t) => {
  t.is(Money.serialisedIntegerDigitsMax, 40);
  const longest = '9'.repeat(40);
  for (const text of [`${longest}.99`, `-${longest}.99`, longest, `-${'1'.padEnd(40, '0')}.05`])
    t.is(Money.fromSerialised(text).toString(), text.includes('.') ? text : `${text}.00`, text);
  // One digit past: refused as Money.from refuses an amount, with the rule it breaks.
  for (const text of [`1${'0'.repeat(40)}`, `-1${'0'.repeat(40)}.01`, '1'.repeat(400)]) {
    const refused = t.throws(() => Money.fromSerialised(text));
    t.like(
      refused,
      { code: 'INVALID_AMOUNT', issues: [{ path: 'amount', rule: 'serialised-max' }] },
      text.slice(0, 45),
    );
    t.regex(
      refused?.message ?? '',
      /^amount: a serialised sum has at most 40 digits before the point/,
    );
  }
});

test('an amount given as a string or number to plus, minus or equals is a TypeError naming it, not a wrong sum or a silent equality', (t) => {
  const amount = Money.from('100.00');
  const notMoney = '33000' as unknown as Money;
  const message =
    'Money.plus takes a Money, not the string "33000": make one with Money.from("33000.00")';
  t.is(t.throws(() => amount.plus(notMoney), { instanceOf: TypeError })?.message, message);
  t.throws(() => amount.minus(33000 as unknown as Money), {
    instanceOf: TypeError,
    message: /^Money\.minus takes a Money, not a number/,
  });
  t.throws(() => amount.equals('100.00' as unknown as Money), {
    instanceOf: TypeError,
    message: /^Money\.compare takes a Money, not the string "100\.00"/,
  });
  t.true(amount.plus(Money.from('0.50')).equals(Money.from('100.50')));
});

test('Node shows an amount as Money(…) with its canonical string', (t) => {
  t.is(inspect(Money.from('363333')), 'Money(363333.00)');
  t.is(inspect({ belopp: Money.from('-60') }), '{ belopp: Money(-60.00) }');
});

test('fromOre is the inverse of toOre, within and beyond the safe integers', (t) => {
  for (const text of ['0.00', '0.01', '-0.99', '1910.50', '-8994844.00', '999999999999999.99'])
    t.is(Money.fromOre(Money.from(text).toOre()).toString(), text);
  t.is(Money.fromOre(-12345n).toString(), '-123.45');
  t.true(Money.fromOre(0n).equals(Money.zero));
});
