import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';

/** Runs the task and gives its value, or throws its error: for set-ups that must not fail. */
export async function ok<Value>(task: TaskEither<LedgerError, Value>): Promise<Value> {
  const result = await task();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

/** Runs the task and gives its value, or throws an error that says `what` was refused and why. */
export async function recorded<Value>(
  task: TaskEither<LedgerError, Value>,
  what: string,
): Promise<Value> {
  const result = await task();
  if (E.isLeft(result))
    throw new Error(`${what} refused: ${result.left.code} ${result.left.message}`);
  return result.right;
}
