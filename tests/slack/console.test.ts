import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { QUESTION_MAX, type JournalEntry } from '../../src/journal/entry.ts';
import { renderConsole } from '../../src/render/console.ts';
import { runConsole } from '../../src/slack/console.ts';
import { replyTo } from '../../src/slack/replies/reply.ts';
import { followUpContext } from '../../src/slack/thread.ts';
import { realEngine } from '../helpers/engine.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `node bin/cluster-bot.js start` (what `npm start` runs) with lines on standard input and no Slack variables. */
function start(
  input: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cluster-bot-console-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_')));
  const child = spawn(process.execPath, [path.join(root, 'bin/cluster-bot.js'), 'start'], {
    cwd: dataDir,
    env: { ...clean, KNOWLEDGE_DIR: path.join(root, 'knowledge'), DATA_DIR: dataDir, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, dataDir })));
}

describe('console mode', () => {
  it('says which mode and why, answers each line and exits at the end of input', async () => {
    const run = await start('what is KBIC?\n/cluster missions\nmore\nhelp\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/console mode, because no Slack credentials/);
    // The answer leads, with the entity it comes from under it.
    expect(run.stdout).toMatch(/^Answer: .*KBIC/m);
    expect(run.stdout).toContain('Kobe Biomedical Innovation Cluster');
    expect(run.stdout).toMatch(/Dec 2018|Nov 2023/);
    expect(run.stdout).toMatch(/Missions \(\d+\)/);
    expect(run.stdout).toContain('/cluster partners');
    expect(run.stdout).not.toMatch(/&amp;|&lt;|\u2060/);
    const journal = readFileSync(path.join(run.dataDir, 'questions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal[0]).toMatchObject({ type: 'question', channelType: 'console', question: 'what is KBIC?' });
  });

  it('ends at "quit" or "exit" in piped input too, and journals questions only, cut to the cap', async () => {
    const long = `what is KBIC ${'and more '.repeat(6000)}`;
    const run = await start(`clear\ncls\nmore\nhelp\n\nwhat is KBIC?\nmore\n${long}\nexit\nwho launched the RIT programme?\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to page yet');
    expect(run.stdout).not.toContain('Regional Industry Tie-Up programme (RIT)');
    const journal = readFileSync(path.join(run.dataDir, 'questions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal.map((e: JournalEntry) => e.question.slice(0, 20))).toEqual(['what is KBIC?', 'what is KBIC and mor']);
    expect(journal[1].question).toHaveLength(QUESTION_MAX);
    expect(journal[1].questionLength).toBe(long.trim().length);
  });

  it('pages with "more" after a question', async () => {
    const run = await start('cluster cooperation in life science\nmore\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/results 4–6 of \d+/);
  });

  it('says there is nothing more after a whole list, rather than to ask first', async () => {
    const run = await start('/cluster missions\nmore\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No more results');
    expect(run.stdout).not.toContain('Nothing to page yet');
  });

  it('names every bad variable and exits non-zero without printing secrets', async () => {
    const run = await start('', { SLACK_BOT_TOKEN: 'xoxp-secret-user-token', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(2);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'LOG_LEVEL']) expect(run.stderr).toContain(name);
    expect(run.stderr).not.toContain('secret-user-token');
  });
});

describe('console follow-ups', () => {
  it('read a follow-up against the last answer, as a Slack thread does', async () => {
    const engine = await realEngine();
    const recorded: JournalEntry[] = [];
    let out = '';
    const input = new PassThrough();
    input.end('Life Science Nord\nhow many companies does it have\n');
    await runConsole({
      engine: () => engine,
      journal: { record: async (e) => void recorded.push(e) },
      input,
      write: (t) => (out += t),
      interactive: false,
    });
    const first = replyTo(engine, 'Life Science Nord', { audience: 'private', origin: 'console' });
    const followUp = replyTo(engine, 'how many companies does it have', {
      audience: 'private',
      origin: 'console',
      offset: 0,
      context: followUpContext(first.result),
    });
    // The follow-up is read against Life Science Nord, and the console shows what Slack would.
    expect(followUp.result?.answers[0]?.id).toBe('life-science-nord');
    expect(out).toContain(renderConsole(followUp.message));
    expect(recorded.map((e) => e.question)).toEqual(['Life Science Nord', 'how many companies does it have']);
  });
});

describe('the topic of a follow-up', () => {
  it('is the first answer, not every entity shown, so a fact shown second does not take over the topic', async () => {
    const engine = await realEngine();
    const unsure = engine.ask('when was it founded?', { context: ['kbic'] });
    expect(unsure.answers.length).toBeGreaterThan(1);
    expect(followUpContext(unsure)).toEqual([unsure.answers[0]!.id]);
    expect(followUpContext(undefined)).toEqual([]);
  });
});
