/**
 * Long work done in slices: steps (a generator) are run for a few milliseconds at a time, and the event loop gets
 * its turn between slices, so questions keep being answered while the work goes on.
 */

/** How long one slice may run, in milliseconds: short enough that a request waiting behind it barely notices. */
export const SLICE_MS = 4;

/** Runs steps to the end, `sliceMs` at a time, yielding to the event loop between slices (through `setImmediate`). */
export async function runInSlices<T>(steps: Generator<unknown, T>, sliceMs: number = SLICE_MS): Promise<T> {
  for (;;) {
    const end = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= end) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
