import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Throws, naming what is missing, unless every path (relative to the repository) is built. The
 * README's test command builds the packages before ava starts; a spec that built what it found
 * missing ran its build beside the other specs' builds of the same package, each cleaning the
 * others' output, and on a loaded machine past ava's two minutes.
 */
export function assertBuilt(paths: readonly string[]): void {
  const missing = paths.filter((path) => !existsSync(`${root}${path}`));
  if (missing.length > 0)
    throw new Error(
      `not built: ${missing.join(', ')}; run \`npx -y pnpm@10 run build\` first (\`npx -y pnpm@10 test\` does)`,
    );
}
