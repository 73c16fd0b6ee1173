import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Journal, JournalEntry } from '../../src/journal/entry.ts';
import { jsonLine, terminalSafe } from '../../src/render/terminal.ts';
import { createEngine } from '../../src/search/engine.ts';
import { runConsole } from '../../src/slack/console.ts';
import { createLogger } from '../../src/slack/logger.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { captureIo } from '../helpers/io.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'engine');

/** What a hostile user might type: a colour, a window title, a cleared screen, a C1 CSI, a reversed line. */
const HOSTILE = 'budget \u001b[31mred\u001b[0m \u001b]0;pwned\u0007 \u001b[2J \u009b31m \u202eevil\u202c';
/** Anything a terminal would act on: C0 controls but the newline, DEL, C1, direction controls, line separators. */
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Our own bold, the one escape sequence a command may print (on a terminal). */
const OWN_BOLD = /\u001b\[(?:1|22)m/g;

describe('terminalSafe', () => {
  it.each([
    ['plain text, accents, 日本, emoji 🚀', 'plain text, accents, 日本, emoji 🚀'],
    ['\u001b[31mred', '\\x1b[31mred'],
    ['bell\u0007 nul\u0000 del\u007f', 'bell\\x07 nul\\x00 del\\x7f'],
    ['csi\u009b2J', 'csi\\x9b2J'],
    ['tab\there\nnext\rline', 'tab\\there\\nnext\\rline'],
    ['\u202eevil\u202c \u2066x\u2069 \u200f', '\\u202eevil\\u202c \\u2066x\\u2069 \\u200f'],
    ['line\u2028separator', 'line\\u2028separator'],
    ['half \uD83D pair', 'half \\ud83d pair'],
  ])('%j → %j', (input, shown) => {
    expect(terminalSafe(input)).toBe(shown);
  });

  it('keeps line breaks when asked, and nothing else', () => {
    expect(terminalSafe('a\nb\u001b', { lines: true })).toBe('a\nb\\x1b');
  });

  it('writes JSON that parses to the same value and prints nothing a terminal acts on', () => {
    const value = { question: HOSTILE, also: '\u2028\u0085' };
    const line = jsonLine(value);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(ACTS_ON_TERMINAL);
    expect(JSON.parse(line)).toEqual(value);
  });
});

async function journalWith(entries: readonly object[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-terminal-'));
  await writeFile(path.join(dir, 'questions.jsonl'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return dir;
}

const time = '2026-11-01T09:00:00.000Z';

describe('commands print user text harmlessly', () => {
  it('gaps shows escape sequences in questions as visible escapes', async () => {
    const data = await journalWith([
      { type: 'question', time, channelType: 'slash', question: HOSTILE, answered: false, top: [], score: 0, confidence: 0 },
      { type: 'question', time, channelType: 'slash', question: `${HOSTILE}!`, answered: false, top: [], score: 0, confidence: 0 },
    ]);
    const io = captureIo();
    expect(await main(['gaps', '--data', data], io)).toBe(0);
    expect(io.stdout()).not.toMatch(ACTS_ON_TERMINAL);
    expect(io.stdout()).toContain('budget \\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\x1b[2J \\x9b31m \\u202eevil\\u202c');
    expect(io.stdout()).toContain('also: budget \\x1b[31m');

    const json = captureIo();
    expect(await main(['gaps', '--data', data, '--json'], json)).toBe(0);
    expect(json.stdout()).not.toMatch(ACTS_ON_TERMINAL);
    const [gap] = JSON.parse(json.stdout()).gaps;
    expect([gap.question, ...gap.variants].sort()).toEqual([HOSTILE, `${HOSTILE}!`]);
  });

  it('feedback shows questions and answer ids (which come from a clicked button) harmlessly', async () => {
    const data = await journalWith([
      { type: 'feedback', time, channelType: 'dm', helpful: false, question: HOSTILE, top: ['kbic\u001b]8;;http://x\u0007'] },
    ]);
    const io = captureIo();
    expect(await main(['feedback', '--data', data], io)).toBe(0);
    expect(io.stdout()).not.toMatch(ACTS_ON_TERMINAL);
    expect(io.stdout()).toContain('\\u202eevil');
    expect(io.stdout()).toContain('answered with: kbic\\x1b]8;;http://x\\x07');
  });

  it('ask echoes the question harmlessly', async () => {
    const io = captureIo({ KNOWLEDGE_DIR: FIXTURE });
    expect(await main(['ask', `when was HBC founded? ${HOSTILE}`], io)).toBe(0);
    expect(io.stdout()).not.toMatch(ACTS_ON_TERMINAL);
    expect(io.stdout()).toContain('\\u202eevil');
  });

  it('the console echoes what it was given harmlessly', async () => {
    const loaded = await loadKnowledge(FIXTURE);
    if (!loaded.ok) throw new Error('fixture does not load');
    const engine = createEngine(loaded.knowledge);
    const journal: Journal = { record: async (_entry: JournalEntry) => undefined };
    let out = '';
    const input = new PassThrough();
    input.end(`${HOSTILE}\nHBC ${HOSTILE}\n/cluster partners ${HOSTILE}\n`);
    await runConsole({ engine: () => engine, journal, input, write: (t) => (out += t), interactive: false });
    expect(out.replace(OWN_BOLD, '')).not.toMatch(ACTS_ON_TERMINAL);
    expect(out).toContain('\\u202eevil');
  });

  it('lint shows a value from a knowledge file harmlessly', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'cluster-bot-terminal-')), 'knowledge');
    await mkdir(dir);
    const text = (await readFile(path.join(FIXTURE, 'knowledge.yml'), 'utf8')).replace(
      '    type: cluster\n    country: Japan',
      '    type: "clu\\e]0;pwned\\aster"\n    country: Japan',
    );
    await writeFile(path.join(dir, 'knowledge.yml'), text);
    const io = captureIo();
    expect(await main(['lint', dir], io)).toBe(1);
    expect(io.stdout()).not.toMatch(ACTS_ON_TERMINAL);
    expect(io.stdout()).toContain("'clu\\x1b]0;pwned\\x07ster' is not allowed");
  });

  it('log lines keep their line breaks and lose their escape sequences', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).error(`question: ${HOSTILE}\nsecond line`);
    expect(lines.join('').replace(/\n/g, '')).not.toMatch(ACTS_ON_TERMINAL);
    expect(lines.join('')).toContain('\\x1b]0;pwned\\x07');
    expect(lines.join('')).toContain('\nsecond line');
  });
});
