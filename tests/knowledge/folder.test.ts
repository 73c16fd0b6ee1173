import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeFolder } from '../../src/knowledge/folder.ts';
import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

const temps: string[] = [];
const folders: KnowledgeFolder[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) folder.close();
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function copyKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-folder-'));
  temps.push(dir);
  await cp(path.join(ROOT, 'knowledge'), path.join(dir, 'knowledge'), { recursive: true });
  return path.join(dir, 'knowledge');
}

function open(dir: string, offThread: boolean): KnowledgeFolder {
  const folder = new KnowledgeFolder(dir, { offThread });
  folders.push(folder);
  return folder;
}

async function fresh(dir: string): Promise<Knowledge> {
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) throw new Error('does not load');
  return loaded.knowledge;
}

/** Edits one fact of one file as a maintainer would: its text, in place. */
async function editFact(dir: string, file: string, from: string, to: string): Promise<void> {
  const at = path.join(dir, file);
  const text = await readFile(at, 'utf8');
  expect(text).toContain(from);
  await writeFile(at, text.replace(from, to));
}

describe.each([
  ['on a worker thread', true],
  ['in this thread', false],
])('the knowledge folder read again, %s', (_, offThread) => {
  it('gives after a change the knowledge a fresh load gives, the other files keeping their very entity objects', async () => {
    const dir = await copyKnowledge();
    const folder = open(dir, offThread);
    const first = await folder.read();
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.knowledge).toEqual(await fresh(dir));
    folder.useThread();
    expect(folder.threaded).toBe(offThread);

    await editFact(dir, 'clust-er/people.yml', 'Sauro Vicini', 'Sauro  Vicini');
    const second = await folder.read();
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.knowledge).toEqual(await fresh(dir));
    for (const entity of second.knowledge.entities) {
      const inEdited = second.knowledge.origins.get(entity.id)!.file.endsWith('clust-er/people.yml');
      if (inEdited) expect(entity).not.toBe(first.knowledge.byId.get(entity.id));
      else expect(entity).toBe(first.knowledge.byId.get(entity.id));
    }
  });

  it('reports a broken file with its line, and reads the fixed one again', async () => {
    const dir = await copyKnowledge();
    const folder = open(dir, offThread);
    expect((await folder.read()).ok).toBe(true);
    folder.useThread();
    const file = path.join(dir, 'markets/markets.yml');
    const good = await readFile(file, 'utf8');
    const text = good.replace(/^markets:/m, 'markets:\n  - id: Broken Id\n    name: x\n    facts: []');
    await writeFile(file, text);
    const broken = await folder.read();
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('Broken Id')) + 1;
    expect(broken.problems[0]).toMatchObject({ file: path.relative(path.dirname(dir), file).split(path.sep).join('/'), line, code: 'schema' });
    await writeFile(file, good);
    const fixed = await folder.read();
    expect(fixed.ok && fixed.knowledge).toEqual(await fresh(dir));
  });
});
