import test from 'ava';
import { z } from 'zod';
import { nonNegativeAmount, positiveAmount, signedAmount } from '../money/zodMoney.js';
import { defineEvent } from './defineEvent.js';
import { eventDataJsonSchema, isAmountJsonSchema } from './eventDataJsonSchema.js';
import { calendarDate } from './zodFields.js';

type FieldSchemas = Record<string, { description?: string; type?: string }>;

// Given an event with an amount of each sign (one with a default), a date, a text and a number
const Exempel = defineEvent({
  type: 'ExempelBokfört',
  schemaVersion: 1,
  category: 'bokföring',
  schema: z
    .object({
      datum: calendarDate(),
      belopp: positiveAmount(),
      rabatt: nonNegativeAmount().default('0.00'),
      rättelse: signedAmount(),
      text: z.string().describe('Amount of text, not money'),
      antal: z.number().int(),
    })
    .strict(),
  businessDate: (data) => data.datum,
  description: 'An example event with amounts and other fields.',
});

test('the amount fields, and only they, are told as amounts by their JSON Schema', (t) => {
  // When its data's JSON Schema is read field by field
  const properties = eventDataJsonSchema(Exempel).properties as FieldSchemas;
  const amounts = Object.entries(properties)
    .filter(([, schema]) => isAmountJsonSchema(schema))
    .map(([name]) => name);
  // Then the three amounts are amounts; a description that merely begins "Amount" is not
  t.deepEqual(amounts, ['belopp', 'rabatt', 'rättelse']);
  t.is(properties.belopp?.type, 'string');
  t.false(isAmountJsonSchema({}));
  t.false(isAmountJsonSchema({ description: 42 }));
});

test('the JSON Schema is the input side: what a person writes, a field with a default optional', (t) => {
  const schema = eventDataJsonSchema(Exempel);
  t.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  t.deepEqual(schema.required, ['datum', 'belopp', 'rättelse', 'text', 'antal']);
  t.is(schema.additionalProperties, false);
});
