/**
 * Writes docs/event-catalog.md from the zod schemas: `pnpm run docs:catalog`.
 */
import { writeFileSync } from 'node:fs';
import { eventCatalogMarkdown } from '../docs/eventCatalogMarkdown.js';

writeFileSync(new URL('../docs/event-catalog.md', import.meta.url), eventCatalogMarkdown());
console.log('docs/event-catalog.md written');
