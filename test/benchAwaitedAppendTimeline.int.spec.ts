import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';

/**
 * `bench/annualReport/awaitedAppendTimeline.ts`, which reads a `perf script` record of an awaited
 * append job (docs/benchmarks.md, "The tenth write-side session"), run as a developer runs it on a
 * record whose every phase is known: three writes of the main thread (process 100) 10 ms apart,
 * each 1.1 ms in the kernel, 0.3 ms of it on a core, the main thread running again at once and
 * idle 3 ms before the next write. Another process's write and a core's other thread are noise.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const tool = join(root, 'bench/annualReport/awaitedAppendTimeline.ts');

const line = (thread: string, milliseconds: number, event: string, rest: string) =>
  `node ${thread} [000] ${(milliseconds / 1000).toFixed(6)}: ${event}: ${rest}`;
const switched = (milliseconds: number, from: number, to: number) =>
  line(
    `${from}/${from}`,
    milliseconds,
    'sched:sched_switch',
    `prev_comm=a prev_pid=${from} ==> next_comm=b next_pid=${to}`,
  );

function record(): string {
  const lines = [switched(999, 0, 100)];
  for (let batch = 0; batch < 3; batch += 1) {
    const at = 1000 + batch * 10;
    lines.push(
      line('100/100', at, 'syscalls:sys_enter_pwrite64', 'fd: 0x15'),
      switched(at + 0.2, 100, 0),
      line('200/200', at + 0.5, 'syscalls:sys_enter_pwrite64', 'fd: 0x3'),
      switched(at + 1, 0, 100),
      line('100/100', at + 1.1, 'syscalls:sys_exit_pwrite64', '0x1000'),
      line('200/200', at + 2, 'syscalls:sys_exit_pwrite64', '0x1000'),
      switched(at + 5, 100, 0),
      switched(at + 8, 0, 100),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function recordFile(t: ExecutionContext): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-timeline-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const path = join(directory, 'rec.txt');
  await writeFile(path, record());
  return path;
}

test('the timeline prints each phase of a batch from the kernel record, the main thread found as the first writer', async (t) => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', tool, await recordFile(t)], {
    cwd: root,
    encoding: 'utf8',
  });
  t.is(child.stderr, '');
  t.is(child.status, 0);
  const rows = Object.fromEntries(
    child.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => [row.slice(0, 28).trim(), row.slice(29)]),
  );
  t.true(child.stdout.startsWith('main thread 100; 3 writes in the trace, the last 3 read;'));
  const same = (ms: string) => `median ${ms}  mean ${ms}  p90 ${ms}`;
  t.deepEqual(rows, {
    write: same('1.100'),
    'write on CPU': same('0.300'),
    'write end to main running': same('0.000'),
    'main to next write': same('8.900'),
    'main CPU in it': same('5.900'),
    'main CPU during write': same('0.300'),
    cycle: same('10.000'),
  });
});

test('the timeline ends quietly, with exit code 0, when its reader closes the pipe before it writes (`| head`)', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', tool, await recordFile(t)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  t.is(stderr, '', 'no EPIPE error on stderr');
  t.deepEqual({ code, signal }, { code: 0, signal: null });
});
