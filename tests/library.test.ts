import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask, engineFromFolder, loadKnowledge } from '../src/index.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

describe('library API', () => {
  it('loads a folder, builds an engine and answers with a plain object', async () => {
    const engine = await engineFromFolder(path.join(FIXTURES, 'engine'));
    const result = ask(engine, 'when was HBC founded?', { limit: 1 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result).toMatchObject({ query: 'when was HBC founded?', answered: true });
    expect(result.answers).toHaveLength(1);
    expect(result.answers[0]?.citations[0]?.source).toBe('news');
  });

  it('refuses broken knowledge with every problem in the message', async () => {
    await expect(engineFromFolder(path.join(FIXTURES, 'knowledge', 'dangling-reference'))).rejects.toThrow(
      "dangling-reference/broken.yml:17:34  partnerships[0].parties[1]: unknown organisation 'kbik'",
    );
    expect((await loadKnowledge(path.join(FIXTURES, 'knowledge', 'valid'))).ok).toBe(true);
  });
});
