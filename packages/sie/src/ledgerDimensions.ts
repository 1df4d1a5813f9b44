import { områdeNames, type Dimensioner } from '@finsam-ledger/core';
import type { SieDimension, SieObjectReference } from './SieFile.js';

/**
 * The SIE dimension each of the ledger's dimensions is written as. SIE reserves 1
 * (kostnadsställe/resultatenhet) and 6 (projekt); område is the förbund's resultatenhet and an
 * insats is its project, so they take those; the rest take numbers from 20 up, which SIE
 * leaves free for a company's own dimensions.
 */
export const sieDimensionNumbers: Readonly<Record<keyof Dimensioner, string>> = {
  område: '1',
  insats: '6',
  post: '20',
  underpost: '21',
  medlem: '22',
  medlemskategori: '23',
  intäktsslag: '24',
  intäktspost: '25',
};

/** The names of the dimensions as `#DIM` writes them. */
export const sieDimensions: readonly SieDimension[] = [
  { number: '1', name: 'Område' },
  { number: '6', name: 'Insats' },
  { number: '20', name: 'Post (Not 2)' },
  { number: '21', name: 'Underpost (Not 2)' },
  { number: '22', name: 'Medlem' },
  { number: '23', name: 'Medlemskategori' },
  { number: '24', name: 'Intäktsslag' },
  { number: '25', name: 'Intäktspost (Not 1)' },
];

/** The object references of a row's dimensions, in the order of {@link sieDimensions}. */
export function objectReferencesOf(dimensioner: Dimensioner | undefined): SieObjectReference[] {
  if (dimensioner === undefined) return [];
  const references: SieObjectReference[] = [];
  for (const dimension of sieDimensions) {
    const name = (Object.keys(sieDimensionNumbers) as (keyof Dimensioner)[]).find(
      (key) => sieDimensionNumbers[key] === dimension.number,
    )!;
    const value = dimensioner[name];
    if (value !== undefined) references.push({ dimension: dimension.number, id: value });
  }
  return references;
}

/** The ledger's dimensions of a row's object references (other dimensions are left out). */
export function dimensionerOfObjects(objects: readonly SieObjectReference[]): Dimensioner {
  const dimensioner: Record<string, string> = {};
  for (const [name, number] of Object.entries(sieDimensionNumbers)) {
    const found = objects.find((object) => object.dimension === number);
    if (found !== undefined) dimensioner[name] = found.id;
  }
  return dimensioner as Dimensioner;
}

/**
 * The names `#OBJEKT` gives the objects whose ids are codes: områden as the reports name them,
 * member categories, income kinds (and the budget's `medlemsbidrag`). Posts, underposts,
 * insatser and members are named by their names in the configuration, which are their ids.
 */
const objectNamesByDimension: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [sieDimensionNumbers.område]: områdeNames,
  [sieDimensionNumbers.medlemskategori]: {
    staten: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
    region: 'Regionen',
    kommun: 'Kommunerna',
  },
  [sieDimensionNumbers.intäktsslag]: {
    esf: 'ESF-medel',
    bidrag: 'Andra bidrag',
    övrig: 'Övriga intäkter',
    medlemsbidrag: 'Medlemsbidrag (budget)',
  },
};

/** The name `#OBJEKT` gives an object: from the table above, else its id. */
export const sieObjectName = (dimension: string, id: string): string =>
  objectNamesByDimension[dimension]?.[id] ?? id;
