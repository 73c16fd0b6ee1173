import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, USAGE } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** README.md and every page of docs/: what a user reads before typing a command. */
const pages = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))].map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), 'utf8'),
}));

/**
 * Every command the documentation shows (`npx cluster-bot <command> …`, `npm run eval|bench|load …`), with each
 * `--option` named on the same line.
 */
function documented(): Array<{ command: string; options: string[]; where: string }> {
  const found: Array<{ command: string; options: string[]; where: string }> = [];
  for (const { file, text } of pages) {
    text.split('\n').forEach((line, i) => {
      const cli = /npx cluster-bot (\w+)/.exec(line);
      const npm = /npm run (eval|bench|load)\b/.exec(line);
      const command = cli?.[1] ?? npm?.[1];
      if (!command) return;
      const options = [...line.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]);
      found.push({ command, options, where: `${file}:${i + 1}` });
    });
  }
  return found;
}

/** The lines of --help that describe a command (`npm run load` is a script of the repository, named in the footer). */
function helpLines(command: string): string[] {
  const lines = USAGE.split('\n');
  return command === 'load'
    ? lines.filter((l) => l.includes('npm run load'))
    : lines.filter((l) => l.startsWith(`  cluster-bot ${command} `) || l === `  cluster-bot ${command}`);
}

describe('--help', () => {
  const uses = documented();

  it('finds the commands the documentation shows', () => {
    const commands = new Set(uses.map((u) => u.command));
    for (const c of ['lint', 'ask', 'stats', 'gaps', 'feedback', 'schema', 'eval', 'bench', 'load']) expect(commands).toContain(c);
  });

  it('lists every command and option that README.md and docs/ document', () => {
    const missing: string[] = [];
    for (const { command, options, where } of uses) {
      const lines = helpLines(command);
      if (lines.length === 0) missing.push(`${where}: command ${command}`);
      for (const option of options) if (!lines.some((l) => l.includes(`${option} `) || l.includes(`${option}]`))) missing.push(`${where}: ${command} ${option}`);
    }
    expect(missing).toEqual([]);
  });

  it('is printed by --help, -h and help, with exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const io = captureIo();
      expect(await main([flag], io)).toBe(0);
      expect(io.stdout()).toBe(USAGE);
    }
  });

  it('is printed on standard error with exit 2 when no command is given', async () => {
    const io = captureIo();
    expect(await main([], io)).toBe(2);
    expect(io.stderr()).toBe(USAGE);
    expect(io.stdout()).toBe('');
  });

  it('says in one line which option needs a value', async () => {
    const io = captureIo();
    expect(await main(['ask', '--limit', '-1', 'x'], io)).toBe(2);
    expect(io.stderr()).toBe('cluster-bot ask: option --limit needs a value (one starting with "-" is written --limit=-…); see cluster-bot ask --help\n');
  });

  it.each(['ask', 'bench', 'eval', 'feedback', 'gaps', 'lint', 'schema', 'start', 'stats'])(
    '%s --help prints that command’s usage and runs nothing',
    async (command) => {
      const io = captureIo({ KNOWLEDGE_DIR: path.join(ROOT, 'does-not-exist') });
      expect(await main([command, '--help'], io)).toBe(0);
      expect(io.stdout()).toMatch(new RegExp(`^usage:\\n  cluster-bot ${command}\\b`));
      expect(io.stderr()).toBe('');
    },
  );
});
