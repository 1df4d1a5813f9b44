import test from 'ava';
import { readFileSync } from 'node:fs';
import { eventCatalogMarkdown } from './eventCatalogMarkdown.js';

test('docs/event-catalog.md is generated from the current zod schemas (run pnpm run docs:catalog to refresh)', (t) => {
  const committed = readFileSync(new URL('./event-catalog.md', import.meta.url), 'utf8');
  t.is(committed, eventCatalogMarkdown());
  t.regex(committed, /### KostnadBokförd \(schema version 1\)/);
  t.regex(committed, /\| `belopp` \| amount \(decimal string\) \| yes \|/);
  // A payment's due date may be left out: the variant marks it as TypeScript would.
  t.regex(committed, /\{sätt: `"kundfordran"`; postId: string, ≤ 100 chars; förfallodatum\?: date/);
  t.notRegex(committed, /[{;] förfallodatum: date/);
});
