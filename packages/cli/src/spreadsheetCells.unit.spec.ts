import test from 'ava';
import { cellText, cellValue, dateCellProblem } from './spreadsheetCells.js';

const date = { kind: 'date', date: '1905-07-15' } as const;
const number = (value: number, decimal: string) =>
  ({ kind: 'number', number: value, decimal }) as const;
const text = (value: string) => ({ kind: 'text', text: value }) as const;

test('given a number cell, when it fills an amount, a whole number or text, then it is the amount with its öre, the number, or its exact decimal', (t) => {
  t.is(cellValue(number(1234.5, '1234.5'), 'amount'), '1234.50');
  t.is(cellValue(number(0.30000000000000004, '0.3'), 'amount'), '0.30');
  t.is(cellValue(number(2023, '2023'), 'integer'), 2023);
  t.is(cellValue(number(1234.5, '1234.5'), 'text'), '1234.5');
  t.is(cellValue(number(1234.5, '1234.5'), undefined), '1234.5');
});

test('given a text cell, when a field wants a number or a truth value, then only a plain one is converted; anything else is passed on for the schema to refuse', (t) => {
  t.is(cellValue(text('2024'), 'integer'), 2024);
  t.is(cellValue(text('2024.5'), 'integer'), '2024.5');
  t.is(cellValue(text('12.25'), 'number'), 12.25);
  t.is(cellValue(text('true'), 'boolean'), true);
  t.is(cellValue(text('ja'), 'boolean'), 'ja');
  t.is(cellValue(text('1 234,50'), 'amount'), '1 234,50');
});

test('given a date cell, then it is its day as YYYY-MM-DD, and a field that takes a number, a whole number or an amount is refused it, naming the day it holds', (t) => {
  t.is(cellValue(date, 'text'), '1905-07-15');
  t.is(cellText(date), '1905-07-15');
  t.is(dateCellProblem(date, 'text'), undefined);
  t.is(dateCellProblem(date, undefined), undefined);
  t.is(dateCellProblem(number(2023, '2023'), 'integer'), undefined);
  for (const [kind, wanted] of [
    ['integer', 'a whole number'],
    ['number', 'a number'],
    ['amount', 'an amount'],
  ] as const)
    t.is(
      dateCellProblem(date, kind),
      `the cell is formatted as a date and holds the day 1905-07-15, where the field takes ${wanted}: format the cell as a number or as text, and check the value it then shows`,
    );
});
