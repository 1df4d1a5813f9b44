import { bookkeepingCatalog, participantCatalog } from '@finsam-ledger/core';
import { closest, distance } from 'fastest-levenshtein';

/** Every event type `record` takes: the books' and the participant register's. */
export const knownEventTypes: readonly string[] = [
  ...bookkeepingCatalog.definitions,
  ...participantCatalog.definitions,
].map((definition) => definition.type);

/** The catalog's definition of an event type, the books' or the participant register's. */
export const eventDefinitionOf = (type: string) =>
  bookkeepingCatalog.definition(type) ?? participantCatalog.definition(type);

/**
 * The known type a mistyped one was meant to be: the nearest by edit distance, when it is a
 * slip of a few letters (`KostnadBokford`, `kostnadbokförd`), not another word.
 */
export function meantEventType(type: string): string | undefined {
  const nearest = closest(type, knownEventTypes as string[]);
  return distance(type, nearest) <= Math.max(2, Math.floor(nearest.length / 4))
    ? nearest
    : undefined;
}

/**
 * `did you mean "KostnadBokförd"? Known` or `known`, to begin the list of known types; the type
 * meant cut to `lengthMax` characters (a sheet name, which Excel keeps to 31).
 */
export const meantTypeText = (type: string, lengthMax = Infinity): string => {
  const meant = meantEventType(type);
  return meant === undefined ? 'known' : `did you mean "${meant.slice(0, lengthMax)}"? Known`;
};

/** The longest sheet name Excel keeps: a longer one is refused (LibreOffice cuts it). */
export const sheetNameMaxLength = 31;

/**
 * The event type a workbook's sheet is named by: the type itself, or for a type longer than a
 * sheet name can be (`HistoriskaÅrsuppgifterRegistrerade`, 34 characters) its first 31, which
 * name no other type.
 */
export function eventTypeOfSheetName(sheet: string): string | undefined {
  if (eventDefinitionOf(sheet) !== undefined) return sheet;
  if (sheet.length !== sheetNameMaxLength) return undefined;
  const cut = knownEventTypes.filter((type) => type.startsWith(sheet));
  return cut.length === 1 ? cut[0] : undefined;
}
