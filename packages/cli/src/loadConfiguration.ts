import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '@finsam-ledger/core';
import { parseFörbundConfiguration, type FörbundConfiguration } from '@finsam-ledger/core';
import { readTextFile } from './readTextFile.js';

/**
 * Reads and validates `--config` (forbund.json). A missing or unreadable file is
 * `IO_ERROR`, a file that is not JSON is `VALIDATION_FAILED` with the parser's message,
 * and a configuration that breaks the schema is the core's refusal with every bad field.
 */
export async function loadConfiguration(
  path: string,
): Promise<E.Either<LedgerError, FörbundConfiguration>> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    return E.left(
      ledgerError(
        'IO_ERROR',
        `Cannot read the configuration ${path}: ${error.message}. Give --config, or run \`finsam init\` to write one.`,
        { cause: error, details: { path, errno: error.code } },
      ),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (thrown) {
    return E.left(
      ledgerError('VALIDATION_FAILED', `${path} is not JSON: ${(thrown as Error).message}`, {
        issues: [{ path: '', rule: 'json', message: (thrown as Error).message }],
        details: { path },
      }),
    );
  }
  return parseFörbundConfiguration(json);
}
