import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
/** What must never reach the terminal: an error name or a stack frame. */
const NOISE = /EPIPE|Error|\n\s+at /;

/**
 * Runs `node bin/cluster-bot.js …` with its standard output closed before it writes a byte, as `| head -1` closes it
 * after the first line: every write after that fails with EPIPE.
 */
function runWithClosedOutput(args: string[], input = ''): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_')));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cluster-bot-pipe-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cluster-bot.js'), ...args], {
    cwd: ROOT,
    env: { ...clean, DATA_DIR: dataDir, KNOWLEDGE_DIR: 'knowledge', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a command whose output is closed', () => {
  it.each([
    [['stats']],
    [['lint']],
    [['schema']],
    [['--help']],
    [['ask', 'what is KBIC?']],
    [['ask', '--json', 'what is KBIC?']],
    [['gaps', '--data', 'tests/fixtures/journal']],
    [['feedback', '--data', 'tests/fixtures/journal']],
  ])('%j ends quietly with exit 0', async (args) => {
    const run = await runWithClosedOutput(args);
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });

  it('ask --stdin stops reading and ends quietly', async () => {
    const run = await runWithClosedOutput(['ask', '--stdin'], 'what is KBIC?\nwho launched the RIT programme?\n'.repeat(50));
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });

  it('the console ends quietly', async () => {
    const run = await runWithClosedOutput(['start'], 'what is KBIC?\n/cluster missions\n'.repeat(20));
    expect(run.stderr).toMatch(/^cluster-bot: console mode/);
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });

  it('bench ends quietly', async () => {
    const run = await runWithClosedOutput(['bench', '--rounds', '1', '--dir', 'tests/fixtures/engine']);
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });
});
