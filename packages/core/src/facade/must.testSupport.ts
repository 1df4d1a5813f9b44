import * as E from 'fp-ts/Either';

/** Runs the task and gives its value, or throws an error of the refusal's code and message. */
export async function must<T>(
  task: () => Promise<E.Either<{ code: string; message: string }, T>>,
): Promise<T> {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
}
