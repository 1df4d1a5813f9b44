import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';

// What a forger with a file store and the format's description (docs/adapter-file.md) can do:
// change a record and seal it and every record after it again, and remove the head file beside
// it (`STORE.head`: it records the head a writer held, which `finsam verify` holds the file to).
// `finsam verify` without an expected head passes such a file; the specs check what the other
// commands say of it.

/** A store record as JSON: the members a forger touches. */
export interface RecordJson {
  [member: string]: unknown;
  type: string;
  eventId: string;
  prev: string;
  data: Record<string, unknown>;
}

/**
 * Rewrites one record's data and then recomputes the seal and the link of it and of every
 * record after it, and removes the head file: what a forger with the file and this format's
 * description can do.
 */
export async function forgeWithRecomputedChain(
  store: string,
  change: (record: RecordJson) => boolean,
): Promise<string> {
  const lines = (await readFile(store, 'utf8')).split('\n').filter((line) => line !== '');
  const seal = (body: Record<string, unknown>): { line: string; hash: string } => {
    const { hash: _old, ...rest } = body;
    const prefix = JSON.stringify(rest).slice(0, -1);
    const hash = createHash('sha256').update(prefix, 'utf8').digest('hex');
    return { line: `${prefix},"hash":"${hash}"}`, hash };
  };
  let prev = (JSON.parse(lines[0]!) as { hash: string }).hash;
  let forgedId: string | undefined;
  for (let index = 1; index < lines.length; index += 1) {
    const record = JSON.parse(lines[index]!) as RecordJson;
    if (forgedId === undefined && change(record)) forgedId = record.eventId;
    record.prev = prev;
    const sealed = seal(record);
    lines[index] = sealed.line;
    prev = sealed.hash;
  }
  await writeFile(store, `${lines.join('\n')}\n`);
  await rm(`${store}.head`, { force: true });
  if (forgedId === undefined) throw new Error('nothing was forged');
  return forgedId;
}
