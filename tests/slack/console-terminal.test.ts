/**
 * The console on a real pseudo-terminal (node-pty): the keys a person presses, read by the line editor as they would
 * be in a terminal window, not lines on a pipe.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pty from '@lydell/node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { HOW_TO_LEAVE } from '../../src/slack/console.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const PROMPT = 'cluster> ';

interface Terminal {
  /** Everything the terminal has shown, escape codes removed. */
  screen(): string;
  type(keys: string): void;
  /** Resolves once the screen shows `text` `times` times (a generous limit guards a hung console). */
  waitFor(text: string, times?: number): Promise<void>;
  readonly exited: Promise<number>;
  readonly dataDir: string;
  /** Sends SIGHUP, as the kernel does to the console when its terminal goes away. */
  hangUp(): void;
  /** What closing a terminal window does: the terminal's side is closed, then its session leader gets SIGHUP. */
  close(): void;
}

const running: pty.IPty[] = [];
afterEach(() => {
  for (const p of running.splice(0)) {
    try {
      p.kill();
    } catch {
      // already ended
    }
  }
});

/** Resolves once `test` holds, polling; rejects after `ms` (a hung process), saying what it waited for. */
function until(test: () => boolean, what: () => string, ms = 40_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const limit = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`timed out waiting for ${what()}`));
    }, ms);
    const poll = setInterval(() => {
      if (test()) {
        clearInterval(poll);
        clearTimeout(limit);
        resolve();
      }
    }, 50);
  });
}

/** Node processes running cluster-bot whose environment holds `entry` (Linux: read from /proc). */
function processesWith(entry: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('cluster-bot.js') || /npm/.test(cmdline)) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry)) found.push(Number(pid));
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * The interactive console on a pseudo-terminal, with no Slack variables: `node bin/cluster-bot.js start`, or with
 * `npm`, `npm start` as a newcomer types it.
 */
function openConsole(options: { npm?: boolean } = {}): Terminal {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cluster-bot-tty-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => !k.startsWith('SLACK_') && v !== undefined)) as Record<
    string,
    string
  >;
  const [file, args] = options.npm ? ['npm', ['start', '--silent']] : [process.execPath, [path.join(ROOT, 'bin/cluster-bot.js'), 'start']];
  const child = pty.spawn(file, args, {
    cwd: options.npm ? ROOT : dataDir,
    cols: 120,
    rows: 40,
    env: { ...env, KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'), DATA_DIR: dataDir, NO_COLOR: '1', TERM: 'xterm' },
  });
  running.push(child);
  let raw = '';
  child.onData((d) => {
    raw += d;
  });
  const exited = new Promise<number>((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes a terminal draws with
  const screen = () => raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    screen,
    type: (keys) => child.write(keys),
    waitFor: (text, times = 1) =>
      until(
        () => screen().split(text).length - 1 >= times,
        () => `the console to show ${JSON.stringify(text)} ×${times}; it showed:\n${screen()}`,
        // Within the 20 s a test has, so the failure says what the screen showed.
        options.npm ? 40_000 : 15_000,
      ),
    exited,
    dataDir,
    hangUp: () => child.kill('SIGHUP'),
    close: () => (child as unknown as { destroy(): void }).destroy(),
  };
}

function journal(dataDir: string): Array<{ question: string }> {
  const file = path.join(dataDir, 'questions.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('the console on a terminal', () => {
  it.each([['quit'], ['exit'], ['QUIT']])('"%s" ends it with exit 0', async (word) => {
    const t = openConsole();
    await t.waitFor(PROMPT);
    t.type(`${word}\r`);
    expect(await t.exited).toBe(0);
    expect(journal(t.dataDir)).toEqual([]);
  });

  it('Ctrl-D on an empty line ends it', async () => {
    const t = openConsole();
    await t.waitFor(PROMPT);
    t.type(CTRL_D);
    expect(await t.exited).toBe(0);
  });

  it('ends when its terminal hangs up (SIGHUP), rather than staying on with nobody to read it', async () => {
    const t = openConsole();
    await t.waitFor(PROMPT);
    t.hangUp();
    expect(await t.exited).toBe(0);
  });

  it('ends when its terminal closes, started through npm too (the hang-up reaches npm; the bot sees its input fail)', async () => {
    const t = openConsole({ npm: true });
    await t.waitFor(PROMPT);
    const bots = () => processesWith(`DATA_DIR=${t.dataDir}`);
    expect(bots().length).toBeGreaterThan(0);
    t.close();
    try {
      await until(() => bots().length === 0, () => 'the bot to end');
    } finally {
      // A bot left behind by a failure is not left running after the tests.
      for (const pid of bots()) process.kill(pid, 'SIGKILL');
    }
    // npm, tsx and a first index build on a busy machine: more time than the other terminal tests need.
  }, 90_000);

  it('Ctrl-C clears a typed line; on an empty line it says how to leave, and a second Ctrl-C leaves', async () => {
    const t = openConsole();
    await t.waitFor(PROMPT);
    t.type('what is KBIC');
    await t.waitFor('what is KBIC');
    t.type(CTRL_C);
    // The line was dropped, not answered: Enter now sends an empty line.
    t.type('\r');
    await t.waitFor(PROMPT, 2);
    expect(t.screen()).not.toContain('Kobe Biomedical');
    expect(t.screen()).not.toContain(HOW_TO_LEAVE);

    t.type(CTRL_C);
    await t.waitFor(HOW_TO_LEAVE);
    t.type(CTRL_C);
    expect(await t.exited).toBe(0);
    expect(journal(t.dataDir)).toEqual([]);
  });

  it('a question between two Ctrl-C starts the count again; the question is answered and journaled', async () => {
    const t = openConsole();
    await t.waitFor(PROMPT);
    t.type(CTRL_C);
    await t.waitFor(HOW_TO_LEAVE);
    t.type('what is KBIC?\r');
    await t.waitFor('Kobe Biomedical Innovation Cluster');
    await t.waitFor(PROMPT, 3);
    t.type(CTRL_C);
    await t.waitFor(HOW_TO_LEAVE, 2);
    t.type('clear\r');
    t.type('quit\r');
    expect(await t.exited).toBe(0);
    expect(journal(t.dataDir).map((e) => e.question)).toEqual(['what is KBIC?']);
  });
});
