import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { nameKey } from '../../src/search/text.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

describe('knowledge coverage of the sources', () => {
  let knowledge: Knowledge;
  let names: string[];
  beforeAll(async () => {
    const result = await loadKnowledge(path.join(ROOT, 'knowledge'));
    if (!result.ok) throw new Error(`knowledge does not load: ${result.problems.length} problems`);
    knowledge = result.knowledge;
    names = (await readFile(path.join(import.meta.dirname, 'names.txt'), 'utf8'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  });

  it('lists at least 120 names read from the sources', () => {
    expect(names.length).toBeGreaterThanOrEqual(120);
  });

  it('resolves every name the sources mention to an entity name or alias', () => {
    const known = new Set<string>();
    for (const e of knowledge.entities) for (const n of [e.name, ...e.aliases]) known.add(nameKey(n));
    const missing = names.filter((n) => !known.has(nameKey(n)));
    expect(missing).toEqual([]);
  });

  it('cites every source, and every source section is cited at least once', () => {
    const cited = new Set<string>();
    for (const e of knowledge.entities) for (const f of e.facts) cited.add(`${f.cite.source}#${f.cite.section}`);
    const uncited: string[] = [];
    for (const source of knowledge.sources.values()) {
      for (const section of Object.keys(source.sections))
        if (!cited.has(`${source.id}#${section}`)) uncited.push(`${source.id}#${section}`);
    }
    expect(uncited).toEqual([]);
  });
});
