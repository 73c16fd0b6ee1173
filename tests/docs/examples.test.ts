import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KnowledgeFile } from '../../src/knowledge/schema.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

describe('docs/knowledge.md', () => {
  it('shows examples that the schema accepts', async () => {
    const text = await readFile(path.join(ROOT, 'docs', 'knowledge.md'), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^[a-z]+:\s*$/m.test(b.split('\n')[0]!));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) {
      const result = KnowledgeFile.safeParse(parse(block));
      expect(result.success, `${block}\n${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });
});
