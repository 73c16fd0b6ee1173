import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
    expect(run.stdout).toContain('1. Kobe Biomedical Innovation Cluster');
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

  it('pages with "more" after a question', async () => {
    const run = await start('cluster cooperation in life science\nmore\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/results 4–6 of \d+/);
  });

  it('names every bad variable and exits non-zero without printing secrets', async () => {
    const run = await start('', { SLACK_BOT_TOKEN: 'xoxp-secret-user-token', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(2);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'LOG_LEVEL']) expect(run.stderr).toContain(name);
    expect(run.stderr).not.toContain('secret-user-token');
  });
});
