import { createParticipantRegister } from '@finsam-ledger/core';
import { openRoslagenFileStore } from './examples/roslagen/src/roslagenStore.js';
const opened = await openRoslagenFileStore();
if (opened._tag === 'Left') throw opened.left;
const register = createParticipantRegister({ store: opened.right, förbundId: 'roslagen' });
for (const year of [2016, 2017, 2019, 2020, 2021, 2022, 2023]) {
  const t = await register.tables(year)();
  if (t._tag === 'Left') throw t.left;
  console.log(year);
  for (const i of t.right.insatser) for (const k of ['year', 'sinceStart'] as const) {
    const p = i[k];
    const s = p.tables;
    console.log(' ', i.insatsId, k, s.periodFrån, s.periodTill, 'enr', s.enrolled.samtliga, 'took', JSON.stringify(s.tookPart), 'active', s.activeAtEnd.samtliga, 'concl', s.concluded.samtliga, 'transf', s.transferred.samtliga,
      'offered', p.goals.offered, 'goal', p.goals.goal?.erbjudnaMål, p.goals.offeredPercentOfGoal, 'AoS', p.goals.arbeteEllerStudier.count, p.goals.arbeteEllerStudier.of, p.goals.arbeteEllerStudier.percentRounded, 'steg', p.goals.stegförflyttning.count, p.goals.stegförflyttning.of, p.goals.stegförflyttning.percentRounded, JSON.stringify(p.goals.met));
  }
}
await opened.right.close();
