import { mkdir, rmdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/**
 * The directories a command made (`mkdir -p`), so that a refusal after them can take them back:
 * a command that refuses leaves nothing behind. Only empty directories are removed, deepest
 * first, so nothing another process put there meanwhile is touched.
 */
export class MadeDirectories {
  private readonly made: { readonly top: string; readonly deepest: string }[] = [];

  /** Makes `directory` and its missing parents, remembering the ones made. */
  async make(directory: string): Promise<void> {
    const deepest = resolve(directory);
    // `mkdir` with `recursive` answers the first directory it made, or nothing when none.
    const top = await mkdir(deepest, { recursive: true });
    if (top !== undefined) this.made.push({ top, deepest });
  }

  /** Removes the directories made, the last made first, as far as each is empty. */
  async removeEmpty(): Promise<void> {
    for (const { top, deepest } of [...this.made].reverse()) {
      await removeEmptyUpTo(top, deepest);
    }
    this.made.length = 0;
  }
}

/** Removes `deepest` and its parents up to `top`, stopping at the first that is not empty. */
async function removeEmptyUpTo(top: string, deepest: string): Promise<void> {
  if (deepest !== top && !deepest.startsWith(`${top}${sep}`)) return;
  for (let directory = deepest; ; directory = dirname(directory)) {
    try {
      await rmdir(directory);
    } catch {
      return;
    }
    if (directory === top) return;
  }
}
