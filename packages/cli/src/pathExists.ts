import { access } from 'node:fs/promises';

/** True when something exists at `path` (a file or a directory). */
export const pathExists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
