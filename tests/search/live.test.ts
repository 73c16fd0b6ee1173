import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveEngine, KnowledgeLoadError, type LiveEngine, type ReloadResult } from '../../src/search/live.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'engine');

let live: LiveEngine | undefined;
const temps: string[] = [];
afterEach(async () => {
  live?.close();
  live = undefined;
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-live-'));
  temps.push(dir);
  const target = path.join(dir, 'knowledge');
  await cp(FIXTURE, target, { recursive: true });
  return target;
}

/** Resolves with the next reload result the watcher reports. */
function nextReload(): { promise: Promise<ReloadResult>; onReload: (r: ReloadResult) => void } {
  let resolve!: (r: ReloadResult) => void;
  const promise = new Promise<ReloadResult>((r) => {
    resolve = r;
  });
  return { promise, onReload: (r) => resolve(r) };
}

const EXTRA_FACT = `
      - text: HBC opened a rooftop greenhouse for medicinal plants in 2024.
        cite: { source: news, section: visit }
`;

describe('live engine', () => {
  it('answers a new fact after the file is edited on disk', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const waiter = nextReload();
    live = await createLiveEngine({ dir, debounceMs: 30, onReload: (r) => waiter.onReload(r) });
    expect(live.current().ask('rooftop greenhouse').answered).toBe(false);

    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '        cite: { source: news, section: visit }\n',
        `        cite: { source: news, section: visit }\n${EXTRA_FACT.slice(1)}`,
      ),
    );
    const result = await waiter.promise;
    expect(result.ok).toBe(true);
    const answer = live.current().ask('rooftop greenhouse');
    expect(answer.answered).toBe(true);
    expect(answer.answers[0]?.text).toContain('rooftop greenhouse');
    expect(live.status().version).toBe(2);
  });

  it('keeps serving the last good knowledge when an edit breaks it, and reports the problem with its line', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const waiter = nextReload();
    live = await createLiveEngine({ dir, debounceMs: 30, onReload: waiter.onReload });
    const before = live.current().ask('HBC');

    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('    type: cluster\n    country: Japan', '    type: clustr\n    country: Japan'));
    const result = await waiter.promise;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: 'knowledge/knowledge.yml', line: 26, column: 11, code: 'schema' });
    expect(live.current().ask('HBC')).toEqual(before);
    expect(live.status()).toMatchObject({ version: 1, failure: { problems: result.problems } });
  });

  it('refuses to start on broken knowledge, with the problems', async () => {
    const error = await createLiveEngine({
      dir: path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'bad-enum'),
      watch: false,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(KnowledgeLoadError);
    expect((error as KnowledgeLoadError).code).toBe('knowledge-invalid');
    expect((error as KnowledgeLoadError).problems[0]?.code).toBe('schema');
  });

  it('answers every question from one consistent version during 50 reloads', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const base = await readFile(file, 'utf8');
    // Version n names the same fact "edition n" and cites it to a section that carries the same number in its title.
    const version = (n: number) =>
      base
        .replace('      visit: The visit', `      visit: The visit (edition ${n})`)
        .replace('Japan hosted the 2023 mission.', `Japan hosted the 2023 mission, edition ${n}.`);
    await writeFile(file, version(0));
    live = await createLiveEngine({ dir, watch: false });
    const engine = live;

    const answers: Array<{ text: string; section: string }> = [];
    let reloading = true;
    const asking = (async () => {
      while (reloading) {
        const result = engine.current().ask('Japan hosted the mission edition');
        const snippet = result.answers.flatMap((a) => a.snippets).find((s) => s.text.includes('edition'));
        if (snippet) answers.push({ text: snippet.text, section: snippet.citation.section });
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let n = 1; n <= 50; n++) {
      await writeFile(file, version(n));
      const result = await engine.reload();
      expect(result.ok).toBe(true);
    }
    reloading = false;
    await asking;

    expect(answers.length).toBeGreaterThan(0);
    for (const { text, section } of answers) {
      const edition = /edition (\d+)/.exec(text)?.[1];
      expect(section).toBe(`The visit (edition ${edition})`);
    }
    expect(engine.status().version).toBe(51);
  });
});
