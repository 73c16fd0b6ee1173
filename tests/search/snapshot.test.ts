import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeReader } from '../../src/knowledge/load.ts';
import { assembleKnowledge, type KnowledgePart } from '../../src/knowledge/knowledge.ts';
import { SEARCH_DEFAULTS } from '../../src/search/defaults.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import { loadSnapshot, saveSnapshot, snapshotKey } from '../../src/search/snapshot.ts';
import { indexState } from '../helpers/index-state.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const QUESTIONS = ['who runs the RIT programme?', 'when was KBIC founded?', 'regnerative medicine partners in osaka', 'Yonewaza', 'missions in 2023', 'kind:partnership textiles'];

let dir: string;
let parts: readonly KnowledgePart[];
let engine: Engine;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-snapshot-'));
  const read = await new KnowledgeReader(path.join(ROOT, 'knowledge')).read();
  if (!read.ok) throw new Error('the knowledge does not load');
  parts = read.parts;
  engine = createEngine(assembleKnowledge(parts));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('engine snapshot', () => {
  it('reads back the very index it saved, answering the same', async () => {
    const file = path.join(dir, 'engine.snapshot');
    const key = snapshotKey(parts, SEARCH_DEFAULTS);
    await saveSnapshot(file, key, engine, parts, []);
    const restored = await loadSnapshot(file, key, SEARCH_DEFAULTS);
    expect(restored).toBeDefined();
    expect(indexState(restored!.engine.index)).toEqual(indexState(engine.index));
    expect(restored!.engine.knowledge).toEqual(engine.knowledge);
    for (const q of QUESTIONS) expect(restored!.engine.ask(q)).toEqual(engine.ask(q));
  });

  it('is not used for other knowledge, other settings, or when it cannot be read', async () => {
    const file = path.join(dir, 'other.snapshot');
    const key = snapshotKey(parts, SEARCH_DEFAULTS);
    await saveSnapshot(file, key, engine, parts, []);
    const edited = parts.map((p, i) => (i === 0 ? { ...p, hash: 'edited' } : p));
    expect(await loadSnapshot(file, snapshotKey(edited, SEARCH_DEFAULTS), SEARCH_DEFAULTS)).toBeUndefined();
    const tuning = { ...SEARCH_DEFAULTS, candidateLimit: 100 };
    expect(await loadSnapshot(file, snapshotKey(parts, tuning), tuning)).toBeUndefined();
    await writeFile(file, 'not a snapshot');
    expect(await loadSnapshot(file, key, SEARCH_DEFAULTS)).toBeUndefined();
    expect(await loadSnapshot(path.join(dir, 'missing'), key, SEARCH_DEFAULTS)).toBeUndefined();
  });
});
