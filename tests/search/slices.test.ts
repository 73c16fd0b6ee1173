import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../src/search/slices.ts';

function* counting(steps: number, trace: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    trace.push(`step ${i}`);
    yield;
  }
  return steps;
}

describe('runInSlices', () => {
  it('lets the event loop run between slices and returns what the steps return', async () => {
    const trace: string[] = [];
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const other = new Promise<void>((resolve) => setImmediate(() => (trace.push('other work'), resolve())));
    // Slices of no time at all: every step is a slice of its own.
    const result = await runInSlices(counting(5, trace), 0);
    clearInterval(ticking);
    await other;
    expect(result).toBe(5);
    // Other work ran before the steps were done, not after.
    expect(trace.indexOf('other work')).toBeGreaterThan(0);
    expect(trace.indexOf('other work')).toBeLessThan(trace.indexOf('step 4'));
  });

  it('runs steps that never yield in one slice', async () => {
    function* none(): Generator<void, string> {
      return 'done';
    }
    expect(await runInSlices(none())).toBe('done');
  });
});
