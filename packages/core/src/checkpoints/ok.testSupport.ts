import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';

/** Runs the task and gives its value, or throws its error: for set-ups that must not fail. */
export async function ok<Value>(task: TaskEither<LedgerError, Value>): Promise<Value> {
  const result = await task();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}
