import { bookkeepingCatalog, participantCatalog, renderEventCatalog } from '@finsam-ledger/core';

/** The event catalog page, from every catalog of the core. */
export const eventCatalogMarkdown = (): string =>
  renderEventCatalog([
    {
      title: 'Bokföring (the books: stream `bokforing-<förbundId>`)',
      definitions: bookkeepingCatalog.definitions,
    },
    {
      title: 'Deltagare (participants: stream `deltagare-<förbundId>`)',
      definitions: participantCatalog.definitions,
    },
  ]);
