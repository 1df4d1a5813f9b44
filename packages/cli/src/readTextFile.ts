import { readFile } from 'node:fs/promises';

// `TextDecoder` consumes a leading byte order mark (its `ignoreBOM` is false), as the Encoding
// Standard decodes UTF-8; bytes that are not UTF-8 become U+FFFD, as `readFile(path, 'utf8')` has.
const utf8 = new TextDecoder('utf-8');

/**
 * A text file the user wrote, as UTF-8 without its byte order mark: Windows Notepad and Excel
 * save "UTF-8" with one, and `JSON.parse` would refuse the file's first character, an invisible
 * U+FEFF, as an "unexpected token".
 */
export async function readTextFile(path: string): Promise<string> {
  return utf8.decode(await readFile(path));
}
