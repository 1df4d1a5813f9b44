import { öre } from './amounts.js';
import { leafKey } from './costs2020.js';

/** Any event with its type and data (a draft, a created or a recorded event). */
export interface TypedData {
  readonly type: string;
  readonly data: unknown;
}

interface Placed {
  readonly postId?: string;
  readonly slag?: string;
  readonly datum?: string;
  readonly område?: string;
  readonly post?: string;
  readonly underpost?: string;
  readonly belopp?: string;
}

/**
 * The costs of year `år` by Not 2 line ({@link leafKey}: område|post|underpost), in öre,
 * folded from the events: each KostnadBokförd adds its net amount; a reversed prepaid cost
 * adds, a reversed accrued cost subtracts. `PeriodiseringÅterförd` carries område and post
 * but not the underpost, so the underpost is taken from the open item it reverses (opened
 * by the opening balance, a KostnadFörutbetald or a KostnadBokförd in `events`).
 */
export function costsByNot2Line(events: readonly TypedData[], år = 2020): Map<string, bigint> {
  const underpostOf = underpostsOfOpenItems(events);
  const lines = new Map<string, bigint>();
  const add = (key: string, amount: bigint) => lines.set(key, (lines.get(key) ?? 0n) + amount);
  for (const event of events) {
    const data = event.data as Placed;
    if (!data.datum?.startsWith(`${år}-`)) continue;
    if (event.type === 'KostnadBokförd') add(leafKey(data as Required<Placed>), öre(data.belopp!));
    if (
      event.type === 'PeriodiseringÅterförd' &&
      (data.slag === 'förutbetald-kostnad' || data.slag === 'upplupen-kostnad')
    ) {
      const key = leafKey({
        område: data.område!,
        post: data.post!,
        underpost: underpostOf.get(data.postId!),
      });
      add(key, data.slag === 'förutbetald-kostnad' ? öre(data.belopp!) : -öre(data.belopp!));
    }
  }
  return lines;
}

/** The underpost of each open cost item, by postId, from the events that open one. */
function underpostsOfOpenItems(events: readonly TypedData[]): Map<string, string | undefined> {
  const underpostOf = new Map<string, string | undefined>();
  for (const event of events) {
    const data = event.data as Placed & { öppnaPoster?: Placed[]; betalning?: { postId?: string } };
    if (event.type === 'IngåendeBalansRegistrerad')
      for (const item of data.öppnaPoster ?? []) underpostOf.set(item.postId!, item.underpost);
    if (event.type === 'KostnadFörutbetald') underpostOf.set(data.postId!, data.underpost);
    if (event.type === 'KostnadBokförd' && data.betalning?.postId !== undefined)
      underpostOf.set(data.betalning.postId, data.underpost);
  }
  return underpostOf;
}

/**
 * The costs of year `år` by Not 2 post (område|post, every underpost of the post summed),
 * in öre, without posts that come to zero (a 2020 line whose accrual was reversed in 2021
 * and invoiced at the accrued amount nets to zero there). From 2021 on the Not 2 lines are
 * posts (not2Lines.ts).
 */
export function costsByNot2Post(events: readonly TypedData[], år: number): Map<string, bigint> {
  const posts = new Map<string, bigint>();
  for (const [key, amount] of costsByNot2Line(events, år)) {
    const post = key.slice(0, key.lastIndexOf('|'));
    posts.set(post, (posts.get(post) ?? 0n) + amount);
  }
  return new Map([...posts].filter(([, amount]) => amount !== 0n));
}
