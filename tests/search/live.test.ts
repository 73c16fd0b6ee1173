import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { createEngine } from '../../src/search/engine.ts';
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

describe('live engine: reloads by document', () => {
  const QUESTIONS = [
    'who runs the RIT programme?',
    'when was KBIC founded?',
    'regnerative medicine partners in osaka',
    'Yonewaza',
    'which partnerships use the RIT programme?',
    'who did the 2023 mission meet in Kobe?',
    'missions',
    'partners textiles',
  ];

  async function copyKnowledge(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-live-'));
    temps.push(dir);
    await cp(path.join(import.meta.dirname, '..', '..', 'knowledge'), path.join(dir, 'knowledge'), { recursive: true });
    return path.join(dir, 'knowledge');
  }

  const fresh = async (dir: string) => {
    const loaded = await loadKnowledge(dir);
    if (!loaded.ok) throw new Error('does not load');
    return createEngine(loaded.knowledge);
  };

  it('answers after each one-file reload exactly as an engine built afresh from the folder', async () => {
    const dir = await copyKnowledge();
    live = await createLiveEngine({ dir, debounceMs: 20 });
    const edits: Array<[string, (text: string) => string]> = [
      ['clust-er/organisations.yml', (t) => t.replace(/(\n {6}- text: )/, '$1Kobe hosts a rooftop greenhouse. ')],
      ['eccp/places.yml', (t) => t.replace(/aliases: \[/, 'aliases: [Greenhouse City, ')],
      ['markets/markets.yml', (t) => t.replace(/(name: )([^\n]+)/, '$1$2 Market')],
      ['clust-er/organisations.yml', (t) => t.replace('Kobe hosts a rooftop greenhouse. ', '')],
    ];
    for (const [file, edit] of edits) {
      const at = path.join(dir, file);
      const text = await readFile(at, 'utf8');
      expect(edit(text)).not.toBe(text);
      await writeFile(at, edit(text));
      const result = await live.reload();
      expect(result.ok).toBe(true);
      const expected = await fresh(dir);
      for (const q of [...QUESTIONS, 'rooftop greenhouse', 'greenhouse city']) expect(live.current().ask(q)).toEqual(expected.ask(q));
    }
  });

  it('goes on answering from the current engine while a reload is under way, then swaps the new one in whole', async () => {
    const dir = await copyKnowledge();
    live = await createLiveEngine({ dir, watch: false });
    const before = live.current();
    const answer = before.ask('when was KBIC founded?');
    const file = path.join(dir, 'clust-er/organisations.yml');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/\n {6}- text: /);
    await writeFile(file, text.replace(/(\n {6}- text: )/, '$1Kobe hosts a rooftop greenhouse. '));
    let done = false;
    const reloading = live.reload().then((r) => ((done = true), r));
    let served = 0;
    while (!done) {
      const engine = live.current();
      if (engine === before) {
        served++;
        expect(engine.ask('when was KBIC founded?')).toEqual(answer);
      }
      await new Promise((r) => setImmediate(r));
    }
    expect((await reloading).ok).toBe(true);
    expect(served).toBeGreaterThan(0);
    expect(live.current()).not.toBe(before);
    expect(live.current().ask('rooftop greenhouse')).toEqual((await fresh(dir)).ask('rooftop greenhouse'));
  });
});

describe('live engine: the saved engine', () => {
  it('starts from the engine saved by the last start when nothing changed, and from the folder when a file did', async () => {
    const dir = await copyFixture();
    const snapshot = path.join(path.dirname(dir), 'data', 'engine.snapshot');
    live = await createLiveEngine({ dir, watch: false, snapshot });
    expect(live.started.fromSnapshot).toBe(false);
    const answers = ['HBC', 'when was HBC founded?', 'clusters in Japan'].map((q) => live!.current().ask(q));
    live.close();

    live = await createLiveEngine({ dir, watch: false, snapshot });
    expect(live.started.fromSnapshot).toBe(true);
    expect(['HBC', 'when was HBC founded?', 'clusters in Japan'].map((q) => live!.current().ask(q))).toEqual(answers);
    // A reload after starting from the saved engine reads the folder as usual.
    const file = path.join(dir, 'knowledge.yml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('        cite: { source: news, section: visit }\n', `        cite: { source: news, section: visit }\n${EXTRA_FACT.slice(1)}`));
    expect((await live.reload()).ok).toBe(true);
    expect(live.current().ask('rooftop greenhouse').answered).toBe(true);
    await live.save();
    live.close();

    // Saved after the reload: the next start reads back the engine with the new fact.
    live = await createLiveEngine({ dir, watch: false, snapshot });
    expect(live.started.fromSnapshot).toBe(true);
    expect(live.current().ask('rooftop greenhouse').answered).toBe(true);
    live.close();

    // The file changed since: the folder is read and indexed.
    await writeFile(file, text);
    live = await createLiveEngine({ dir, watch: false, snapshot });
    expect(live.started.fromSnapshot).toBe(false);
    expect(live.current().ask('rooftop greenhouse').answered).toBe(false);
  });
});

describe('live engine: every way an editor saves', () => {
  /** The fixture's text with one fact marked by an edition number, so the answer tells which version is served. */
  const edition = (base: string, n: number) => base.replace('Japan hosted the 2023 mission.', `Japan hosted the 2023 mission, edition ${n}.`);
  const servedEdition = (engine: LiveEngine) =>
    /edition (\d+)/.exec(
      engine
        .current()
        .ask('Japan hosted the mission edition')
        .answers.flatMap((a) => a.snippets)
        .find((s) => s.text.includes('edition'))?.text ?? '',
    )?.[1];

  /** Resolves when a reload reported by the watcher leaves `check` true; a generous limit guards a missed save. */
  function reloadUntil(reloads: ReloadResult[], check: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const limit = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`no reload brought ${what} (${reloads.length} reloads seen)`));
      }, 15_000);
      const poll = setInterval(() => {
        if (check()) {
          clearInterval(poll);
          clearTimeout(limit);
          resolve();
        }
      }, 10);
    });
  }

  it('picks up saves in place, temp-then-rename twice, delete-then-create, a new file, a deleted file and a new folder', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const base = await readFile(file, 'utf8');
    await writeFile(file, edition(base, 0));
    const reloads: ReloadResult[] = [];
    live = await createLiveEngine({ dir, debounceMs: 30, onReload: (r) => reloads.push(r) });
    const engine = live;
    expect(servedEdition(engine)).toBe('0');
    const serves = (n: number, how: string) => reloadUntil(reloads, () => servedEdition(engine) === String(n), `edition ${n} (${how})`);

    // Temp-then-rename, twice in a row: the second rename replaces a file that was itself renamed into place.
    for (const n of [1, 2]) {
      const temp = path.join(dir, `.knowledge.yml.tmp-${n}`);
      await writeFile(temp, edition(base, n));
      await rename(temp, file);
      await serves(n, 'temp-then-rename');
    }
    // In place, after the renames.
    await writeFile(file, edition(base, 3));
    await serves(3, 'in place after a rename');
    // Deleted, then created again.
    await rm(file);
    await writeFile(file, edition(base, 4));
    await serves(4, 'delete-then-create');
    await writeFile(file, edition(base, 5));
    await serves(5, 'in place after delete-then-create');

    // A new file adds a fact; deleting it takes the fact away.
    const extra = path.join(dir, 'extra.yml');
    const hasGreenhouse = () => engine.current().ask('rooftop greenhouse').answered;
    expect(hasGreenhouse()).toBe(false);
    await writeFile(extra, GREENHOUSE_FILE);
    await reloadUntil(reloads, hasGreenhouse, 'the new file');
    await rm(extra);
    await reloadUntil(reloads, () => !hasGreenhouse(), 'the deleted file');
    // A new folder with a file in it.
    await mkdir(path.join(dir, 'more'));
    await writeFile(path.join(dir, 'more', 'extra.yaml'), GREENHOUSE_FILE);
    await reloadUntil(reloads, hasGreenhouse, 'a file in a new folder');

    expect(reloads.every((r) => r.ok)).toBe(true);
    expect(engine.status().failure).toBeUndefined();
  });

  it('never loses the last of a burst of saves (the same temporary file renamed over and over)', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const base = await readFile(file, 'utf8');
    const reloads: ReloadResult[] = [];
    live = await createLiveEngine({ dir, debounceMs: 30, onReload: (r) => reloads.push(r) });
    const engine = live;
    for (let n = 1; n <= 20; n++) {
      const temp = path.join(dir, 'knowledge.yml___jb_tmp___');
      await writeFile(temp, edition(base, n));
      await rename(temp, file);
      // Some saves land while a reload of the one before is under way, some just after it.
      if (n % 4 === 0) await reloadUntil(reloads, () => servedEdition(engine) === String(n), `edition ${n}`);
    }
    expect(servedEdition(engine)).toBe('20');
  });

  it('reports a broken save at once and clears it as soon as the fixed file has been read', async () => {
    const dir = await copyFixture();
    const file = path.join(dir, 'knowledge.yml');
    const base = await readFile(file, 'utf8');
    const reloads: ReloadResult[] = [];
    const statuses: Array<{ ok: boolean; failure: boolean }> = [];
    live = await createLiveEngine({
      dir,
      debounceMs: 30,
      onReload: (r) => {
        reloads.push(r);
        // What /healthz would say at the moment the reload is reported.
        statuses.push({ ok: r.ok, failure: live!.status().failure !== undefined });
      },
    });
    const engine = live;
    const saveByRename = async (text: string) => {
      const temp = path.join(dir, '.knowledge.yml.swp');
      await writeFile(temp, text);
      await rename(temp, file);
    };
    await saveByRename(base.replace('    type: cluster\n    country: Japan', '    type: clustr\n    country: Japan'));
    await reloadUntil(reloads, () => engine.status().failure !== undefined, 'the failure');
    await saveByRename(edition(base, 7));
    await reloadUntil(reloads, () => servedEdition(engine) === '7', 'the fix');
    expect(engine.status().failure).toBeUndefined();
    expect(statuses).toEqual([
      { ok: false, failure: true },
      { ok: true, failure: false },
    ]);
  });
});

const GREENHOUSE_FILE = `organisations:
  - id: greenhouse-lab
    name: Rooftop Greenhouse Lab
    type: company
    country: Japan
    facts:
      - text: The Rooftop Greenhouse Lab grows medicinal plants on a rooftop greenhouse in Portville.
        cite: { source: news, section: visit }
`;
