import test from 'ava';
import {
  eventTypeOfSheetName,
  knownEventTypes,
  meantEventType,
  meantTypeText,
  sheetNameMaxLength,
} from './knownEventTypes.js';

test('every event type can name an Excel sheet: itself, or its first 31 characters naming no other type', (t) => {
  for (const type of knownEventTypes)
    t.is(eventTypeOfSheetName(type.slice(0, sheetNameMaxLength)), type, type);
  t.deepEqual(
    knownEventTypes.filter((type) => type.length > sheetNameMaxLength),
    ['HistoriskaÅrsuppgifterRegistrerade', 'FörvaltningsberättelseRegistrerad'],
  );
});

test('a sheet name that is no type, nor the first 31 characters of one, names none', (t) => {
  t.is(eventTypeOfSheetName('Kostnader'), undefined);
  t.is(eventTypeOfSheetName('HistoriskaÅrsuppgifter'), undefined, 'a shorter cut is no name');
  t.is(eventTypeOfSheetName('KostnadBokförd '), undefined);
});

test('a slip of a few letters is taken for the type meant; another word is not', (t) => {
  t.is(meantEventType('Kostnadbokford'), 'KostnadBokförd');
  t.is(meantEventType('kostnadbokförd'), 'KostnadBokförd');
  t.is(meantEventType('Kostnader'), undefined);
});

test('the type meant for a sheet is named as a sheet can be: its first 31 characters', (t) => {
  t.is(
    meantTypeText('HistoriskaArsuppgifterRegistrer', sheetNameMaxLength),
    'did you mean "HistoriskaÅrsuppgifterRegistrer"? Known',
  );
  t.is(meantTypeText('Kostnadbokford'), 'did you mean "KostnadBokförd"? Known');
  t.is(meantTypeText('Kostnader'), 'known');
});
