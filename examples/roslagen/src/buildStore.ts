/**
 * Regenerates examples/roslagen/data/roslagen.finsam.jsonl from the example history:
 * `npx -y pnpm@10 run example:build-store`.
 */
import * as E from 'fp-ts/Either';
import { buildRoslagenFileStore, roslagenStorePath } from './roslagenStore.js';

const built = await buildRoslagenFileStore();
if (E.isLeft(built)) {
  console.error(`${built.left.code}: ${built.left.message}`);
  process.exit(1);
}
console.log(
  `${roslagenStorePath}: ${built.right.bookkeepingEvents} bookkeeping and ${built.right.participantEvents} participant events`,
);
