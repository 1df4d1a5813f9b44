/**
 * Regenerates the reconcile block of examples/roslagen/README.md from `finsam reconcile`:
 * `npx -y pnpm@10 run example:reconcile`. src/reconcile/roslagenReconcile.int.spec.ts fails
 * while the committed block differs from the command's output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runRoslagenReconcile, withReconcileBlock } from './roslagenReconcile.js';

const readmeUrl = new URL('../../README.md', import.meta.url);
const run = await runRoslagenReconcile();
if (run.stderr !== '' || run.stdout === '') {
  process.stderr.write(run.stderr);
  process.exit(1);
}
writeFileSync(readmeUrl, withReconcileBlock(readFileSync(readmeUrl, 'utf8'), run.stdout));
console.log('examples/roslagen/README.md: reconcile block written');
