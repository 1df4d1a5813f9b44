/**
 * Bytes allocated by the code under measure, from V8's sampling heap profiler: objects collected
 * before the end are counted too (minor and major collections), so the sum is what was allocated,
 * not what is left.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Bytes between two samples: V8 samples one allocation in about this many bytes. */
const samplingIntervalBytes = 4096;

/**
 * Starts the sampling heap profiler. The function it returns stops it and returns the sampled
 * bytes allocated since; with `profilePath`, it also writes the profile there (for DevTools).
 */
export async function startAllocationSampling(
  profilePath?: string,
): Promise<() => Promise<number>> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: samplingIntervalBytes,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  return async () => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
      profile: { samples: readonly { size: number }[] };
    };
    if (profilePath !== undefined) await writeFile(profilePath, JSON.stringify(profile));
    session.disconnect();
    let bytes = 0;
    for (const sample of profile.samples) bytes += sample.size;
    return bytes;
  };
}
