import * as E from 'fp-ts/Either';
import type { Medlemskategori, Område } from './ChartOfAccounts.js';
import { ledgerError, type Issue, type LedgerError } from '../error.js';
import type { Decider } from '../ledger/Decider.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { slugOf } from '../util/slugOf.js';

/** A member as recording knows it: the name on its events and its medlemskategori. */
export interface DeclaredMember {
  readonly namn: string;
  readonly medlemskategori: Medlemskategori;
}

/**
 * A Not 2 post of an område, with its underposts and the years it is used (all years when left
 * out).
 */
export interface DeclaredPost {
  readonly område: Område;
  readonly post: string;
  /** The allowed underposts; left out, the post has none (an event may leave `underpost` out). */
  readonly underposter?: readonly string[] | undefined;
  readonly år?: readonly number[] | undefined;
}

/** An insats, the områden its costs fall in, and the years it runs (all years when left out). */
export interface DeclaredInsats {
  readonly namn: string;
  readonly områden: readonly Område[];
  readonly år?: readonly number[] | undefined;
}

/**
 * The names recording accepts: members, Not 2 posts (with underposts) and insatser. A list
 * left out or empty is not checked, so a ledger without a configuration records anything
 * it recorded before.
 */
export interface RecordingVocabulary {
  readonly medlemmar?: readonly DeclaredMember[] | undefined;
  readonly poster?: readonly DeclaredPost[] | undefined;
  readonly insatser?: readonly DeclaredInsats[] | undefined;
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const inYear = (years: readonly number[] | undefined, year: number | undefined) =>
  years === undefined || year === undefined || years.includes(year);
const oneOf = (names: readonly string[]) =>
  names.length === 0 ? 'none is declared' : `must be one of: ${names.join(', ')}`;

/** The year the names of an event are used in: its `år` (budgets), else the year of its `datum`. */
function yearOfData(data: Fields): number | undefined {
  if (typeof data['år'] === 'number') return data['år'];
  const datum = data['datum'];
  return typeof datum === 'string' && /^\d{4}-/.test(datum) ? Number(datum.slice(0, 4)) : undefined;
}

/**
 * The places in an event's data that carry names: the data itself, the rows of its lists (budget
 * lines, opening items) and a row's `dimensioner` (an imported verifikation's rows, placed by the
 * förbund's SIE mapping: a post misspelt there would otherwise reach Not 2 unnoticed).
 */
function placesOf(data: Fields): { path: string; fields: Fields }[] {
  const places = [{ path: 'data', fields: data }];
  for (const [key, value] of Object.entries(data))
    if (Array.isArray(value))
      value.forEach((row, index) => {
        if (!isObject(row)) return;
        const path = `data.${key}.${index}`;
        places.push({ path, fields: row });
        const dimensioner = row['dimensioner'];
        if (isObject(dimensioner))
          places.push({ path: `${path}.dimensioner`, fields: dimensioner });
      });
  return places;
}

function memberIssues(vocabulary: RecordingVocabulary, path: string, fields: Fields): Issue[] {
  const members = vocabulary.medlemmar ?? [];
  const medlem = fields['medlem'];
  if (members.length === 0 || typeof medlem !== 'string') return [];
  const member = members.find((candidate) => candidate.namn === medlem);
  if (member === undefined)
    return [
      {
        path: `${path}.medlem`,
        rule: 'declared-member',
        message: `${JSON.stringify(medlem)} is not a member of the förbund: ${oneOf(members.map((candidate) => candidate.namn))}`,
      },
    ];
  const kategori = fields['medlemskategori'];
  if (typeof kategori === 'string' && kategori !== member.medlemskategori)
    return [
      {
        path: `${path}.medlemskategori`,
        rule: 'member-category',
        message: `${medlem} is declared with medlemskategori ${member.medlemskategori}, not ${kategori}: must be ${member.medlemskategori}`,
      },
    ];
  return [];
}

function postIssues(
  vocabulary: RecordingVocabulary,
  path: string,
  fields: Fields,
  year: number | undefined,
): Issue[] {
  const posts = vocabulary.poster ?? [];
  const { område, post, underpost } = fields;
  if (posts.length === 0 || typeof område !== 'string' || typeof post !== 'string') return [];
  const candidates = posts.filter(
    (candidate) => candidate.område === område && inYear(candidate.år, year),
  );
  const declared = candidates.find((candidate) => candidate.post === post);
  if (declared === undefined)
    return [
      {
        path: `${path}.post`,
        rule: 'declared-post',
        message: `${JSON.stringify(post)} is not a declared post of område ${område}${year === undefined ? '' : ` in ${year}`}: ${oneOf(candidates.map((candidate) => candidate.post))}`,
      },
    ];
  const underposter = declared.underposter ?? [];
  if (typeof underpost === 'string' && !underposter.includes(underpost))
    return [
      {
        path: `${path}.underpost`,
        rule: 'declared-underpost',
        message: `${JSON.stringify(underpost)} is not a declared underpost of ${område} / ${post}: ${oneOf(underposter)}`,
      },
    ];
  return [];
}

function insatsIssues(
  vocabulary: RecordingVocabulary,
  path: string,
  fields: Fields,
  year: number | undefined,
): Issue[] {
  const insatser = vocabulary.insatser ?? [];
  const { insats, område } = fields;
  if (insatser.length === 0 || typeof insats !== 'string') return [];
  const candidates = insatser.filter(
    (candidate) =>
      inYear(candidate.år, year) &&
      (typeof område !== 'string' || candidate.områden.includes(område as Område)),
  );
  if (candidates.some((candidate) => candidate.namn === insats)) return [];
  const where = `${typeof område === 'string' ? ` in område ${område}` : ''}${year === undefined ? '' : ` in ${year}`}`;
  return [
    {
      path: `${path}.insats`,
      rule: 'declared-insats',
      message: `${JSON.stringify(insats)} is not a declared insats${where}: ${oneOf(candidates.map((candidate) => candidate.namn))}`,
    },
  ];
}

/** The fields of participant events that name an insats by its id, the slug of its name. */
const insatsIdFields = ['insatsId', 'tillInsatsId'] as const;

/**
 * A participant event's insats ids against the declared insatser, in every year they are
 * declared for: a participant enrolled in an insats's last year of costs is concluded, or moved
 * on, in the next.
 */
function insatsIdIssues(vocabulary: RecordingVocabulary, path: string, fields: Fields): Issue[] {
  const insatser = vocabulary.insatser ?? [];
  if (insatser.length === 0) return [];
  const ids = insatser.map((insats) => slugOf(insats.namn));
  return insatsIdFields.flatMap((field): Issue[] => {
    const id = fields[field];
    if (typeof id !== 'string' || ids.includes(id)) return [];
    const declared = insatser.map((insats, index) => `${ids[index]} (${insats.namn})`);
    return [
      {
        path: `${path}.${field}`,
        rule: 'declared-insats-id',
        message: `${JSON.stringify(id)} is not the id of a declared insats (the slug of its name): ${oneOf(declared)}`,
      },
    ];
  });
}

/**
 * Events that repeat names already recorded rather than choose new ones: a correction repeats
 * its original exactly, a reversal repeats its open item's placement exactly (the bookkeeping
 * rules check both against the store). Checking them again could only refuse to undo history
 * recorded before a configuration, or an accrual of a post last used the year before.
 */
const repeatsRecordedNames: ReadonlySet<string> = new Set([
  'HändelseRättad',
  'PeriodiseringÅterförd',
]);

/**
 * Checks the names an event uses against the förbund's declared vocabulary: `medlem` (and
 * its `medlemskategori`), `område` + `post` (and `underpost`), and `insats`, in the event's
 * data and in the rows of its lists (budget lines, opening items), for the event's year; and a
 * participant event's `insatsId` and `tillInsatsId`, the slug of a declared insats's name.
 * A correction (`HändelseRättad`) and a reversal (`PeriodiseringÅterförd`) repeat recorded
 * names exactly and are not checked.
 * Refuses with `VALIDATION_FAILED`, one issue per unknown name (rules `declared-member`,
 * `member-category`, `declared-post`, `declared-underpost`, `declared-insats`,
 * `declared-insats-id`), each naming the field and the allowed values. Pure.
 */
export function checkVocabulary(
  vocabulary: RecordingVocabulary,
  event: Pick<DomainEvent, 'type' | 'data'>,
): E.Either<LedgerError, void> {
  if (repeatsRecordedNames.has(event.type) || !isObject(event.data)) return E.right(undefined);
  const year = yearOfData(event.data);
  const issues = placesOf(event.data).flatMap(({ path, fields }) => [
    ...memberIssues(vocabulary, path, fields),
    ...postIssues(vocabulary, path, fields, year),
    ...insatsIssues(vocabulary, path, fields, year),
    ...insatsIdIssues(vocabulary, path, fields),
  ]);
  if (issues.length === 0) return E.right(undefined);
  return E.left(
    ledgerError(
      'VALIDATION_FAILED',
      `${event.type} uses names the förbund's configuration does not declare: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      { issues, details: { type: event.type } },
    ),
  );
}

/** True if the vocabulary declares anything to check. */
export const declaresVocabulary = (vocabulary: RecordingVocabulary | undefined): boolean =>
  vocabulary !== undefined &&
  [vocabulary.medlemmar, vocabulary.poster, vocabulary.insatser].some(
    (list) => list !== undefined && list.length > 0,
  );

/**
 * A decider that checks each new event's names against `vocabulary` before the rules of
 * `decider`. Replaying (evolve) is unchanged: the vocabulary governs what is recorded from
 * now on, never how history is read.
 */
export function withVocabulary<State, Event extends DomainEvent>(
  decider: Decider<State, Event>,
  vocabulary: RecordingVocabulary | undefined,
): Decider<State, Event> {
  if (vocabulary === undefined || !declaresVocabulary(vocabulary)) return decider;
  return {
    ...decider,
    decide: (state, event) => {
      const checked = checkVocabulary(vocabulary, event);
      return E.isLeft(checked) ? checked : decider.decide(state, event);
    },
  };
}
