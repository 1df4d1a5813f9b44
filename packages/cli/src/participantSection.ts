import * as E from 'fp-ts/Either';
import {
  createParticipantRegister,
  slugOf,
  type EventStore,
  type FörbundConfiguration,
  type ParticipantTables,
  type ParticipantTablesRenderOptions,
} from '@finsam-ledger/core';

/**
 * How the participant tables print each insats: by the name the configuration declares,
 * found by the slug participant events use as the insats id; an insats the configuration
 * does not declare prints by its id.
 */
export const insatsNamesOf = (configuration: FörbundConfiguration): Record<string, string> =>
  Object.fromEntries(configuration.insatser.map((insats) => [slugOf(insats.namn), insats.namn]));

/** The render options of the participant tables of `year` under a configuration. */
export const participantRenderOptions = (
  configuration: FörbundConfiguration,
  year: number,
): ParticipantTablesRenderOptions => ({
  insatsNames: insatsNamesOf(configuration),
  title: `Deltagarstatistik ${year}, ${configuration.namn}`,
});

/** The participant tables of `year` from the förbund's register on `store` (maybe empty). */
export async function participantTablesOf(
  store: EventStore,
  configuration: FörbundConfiguration,
  year: number,
): Promise<ParticipantTables> {
  const register = createParticipantRegister({ store, förbundId: configuration.förbundId });
  const tables = await register.tables(year)();
  if (E.isLeft(tables)) throw tables.left;
  return tables.right;
}
