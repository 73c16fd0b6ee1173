import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../src/main.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET, sendCommand, waitFor } from './harness.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'engine');
const NEW_FACT = '      - text: HBC runs a rooftop greenhouse for medicinal plants.\n        cite: { source: news, section: visit }\n';

interface Running {
  readonly h: { readonly base: string; readonly slack: FakeSlack };
  readonly file: string;
  readonly root: string;
  readonly logs: string[];
  stop(): Promise<number>;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the real entry point in HTTP mode over a copy of the fixture knowledge. */
async function run(watchKnowledge = true): Promise<Running> {
  const root = await mkdtemp(path.join(tmpdir(), 'cluster-bot-reload-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  await cp(FIXTURE, path.join(root, 'knowledge'), { recursive: true });
  const slack: FakeSlack = await startFakeSlack();
  cleanups.push(() => slack.close());
  const logs: string[] = [];
  let stop!: () => void;
  const stopSignal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const exit = start({
    out: () => undefined,
    err: (text) => logs.push(text),
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'info' },
    cwd: root,
    stdin: Readable.from([]),
    stopSignal,
    watchKnowledge,
  });
  const port = await waitFor(() => /HTTP mode on port (\d+)/.exec(logs.join(''))?.[1], 10_000);
  const running: Running = {
    h: { base: `http://127.0.0.1:${port}`, slack },
    file: path.join(root, 'knowledge', 'knowledge.yml'),
    root,
    logs,
    stop: async () => {
      stop();
      return exit;
    },
  };
  cleanups.push(() => running.stop());
  return running;
}

async function ask(r: Running, text: string): Promise<string> {
  const { reply } = await sendCommand(r.h, text);
  return JSON.stringify(reply);
}

async function health(r: Running): Promise<{ knowledge: { version: number }; reload?: { message: string; problems: string[] } }> {
  return (await fetch(`${r.h.base}/healthz`)).json() as never;
}

describe('a running app reloads its knowledge', () => {
  it('answers a fact added on disk, and keeps the last good knowledge when an edit breaks it', async () => {
    const r = await run();
    expect(await ask(r, 'rooftop greenhouse')).not.toContain('rooftop greenhouse for medicinal plants');

    const text = await readFile(r.file, 'utf8');
    const added = text.replace(
      '        cite: { source: news, section: visit }\n',
      `        cite: { source: news, section: visit }\n${NEW_FACT}`,
    );
    await writeFile(r.file, added);
    await waitFor(() => r.logs.join('').includes('knowledge reloaded (version 2)'), 10_000);
    expect(await ask(r, 'rooftop greenhouse')).toContain('rooftop greenhouse for medicinal plants');

    await writeFile(r.file, added.replace('    type: cluster\n    country: Japan', '    type: clustr\n    country: Japan'));
    await waitFor(() => r.logs.join('').includes('Knowledge reload failed'), 10_000);
    expect(r.logs.join('')).toContain("knowledge/knowledge.yml:26:11  organisations[0].type: 'clustr' is not allowed");
    expect(await ask(r, 'rooftop greenhouse')).toContain('rooftop greenhouse for medicinal plants');
    const status = await health(r);
    expect(status.knowledge.version).toBe(2);
    expect(status.reload?.message).toMatch(/^Knowledge reload failed at .* serving the version loaded at /);
    expect(status.reload?.problems[0]).toContain('knowledge/knowledge.yml:26:11');
  });

  it('sees saves that replace the file (temp-then-rename), and /healthz reports what is on disk once it is read', async () => {
    const r = await run();
    const text = await readFile(r.file, 'utf8');
    const saveByRename = async (content: string) => {
      const temp = `${r.file}.tmp`;
      await writeFile(temp, content);
      await rename(temp, r.file);
    };
    const added = text.replace('        cite: { source: news, section: visit }\n', `        cite: { source: news, section: visit }\n${NEW_FACT}`);
    await saveByRename(added);
    await waitFor(() => r.logs.join('').includes('knowledge reloaded (version 2)'), 10_000);
    expect(await ask(r, 'rooftop greenhouse')).toContain('rooftop greenhouse for medicinal plants');

    await saveByRename(added.replace('    type: cluster\n    country: Japan', '    type: clustr\n    country: Japan'));
    await waitFor(() => r.logs.join('').includes('Knowledge reload failed'), 10_000);
    expect((await health(r)).reload?.problems[0]).toContain('knowledge/knowledge.yml:26:11');

    // The fix, saved the same way: as soon as it has been read, /healthz says so.
    await saveByRename(added);
    await waitFor(() => r.logs.join('').includes('knowledge reloaded (version 3)'), 10_000);
    const status = await health(r);
    expect(status.reload).toBeUndefined();
    expect(status.knowledge.version).toBe(3);
  });

  it('reloads on SIGHUP', async () => {
    const r = await run(false);
    const text = await readFile(r.file, 'utf8');
    await writeFile(
      r.file,
      text.replace('        cite: { source: news, section: visit }\n', `        cite: { source: news, section: visit }\n${NEW_FACT}`),
    );
    process.emit('SIGHUP');
    await waitFor(() => r.logs.join('').includes('knowledge reloaded (version 2)'), 10_000);
    expect(await ask(r, 'rooftop greenhouse')).toContain('rooftop greenhouse for medicinal plants');
  });

  it('journals every question under DATA_DIR without user ids', async () => {
    const r = await run(false);
    await ask(r, 'HBC');
    await ask(r, 'who is the mayor of Portville?');
    expect(await r.stop()).toBe(0);
    const lines = (await readFile(path.join(r.root, 'data', 'questions.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.channelType, l.question, l.answered])).toEqual([
      ['question', 'slash', 'HBC', true],
      ['question', 'slash', 'who is the mayor of Portville?', false],
    ]);
    expect(lines.every((l) => !('userId' in l) && !('channelId' in l))).toBe(true);
  });
});
