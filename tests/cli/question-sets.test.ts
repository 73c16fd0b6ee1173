import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blindFiles, tuningFiles } from '../../src/cli/question-sets.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

describe('question sets', () => {
  it('names a sealed set by part of its file name or by its path, and nothing by a name no set has', async () => {
    const all = await blindFiles(ROOT);
    expect(all.length).toBeGreaterThan(0);
    const first = path.basename(all[0]!, '.yml');
    expect(await blindFiles(ROOT, [first])).toEqual([all[0]]);
    expect(await blindFiles(ROOT, [path.relative(ROOT, all[0]!)])).toEqual([all[0]]);
    expect(await blindFiles(ROOT, ['no-such-set'])).toEqual([]);
  });

  it('tunes on the team\'s questions first, then the retired sets, never a sealed one', async () => {
    const tuning = await tuningFiles(ROOT);
    expect(path.relative(ROOT, tuning[0]!)).toBe('tests/eval/questions.yml');
    const sealed = new Set(await blindFiles(ROOT));
    expect(tuning.filter((f) => sealed.has(f))).toEqual([]);
  });
});
