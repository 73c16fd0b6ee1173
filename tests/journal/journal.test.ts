import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { QUESTION_MAX, type QuestionEntry } from '../../src/journal/entry.ts';
import { createJournal } from '../../src/journal/journal.ts';
import { parseSince, readJournal } from '../../src/journal/read.ts';
import { feedbackReport, gapsReport } from '../../src/journal/report.ts';
import { captureIo } from '../helpers/io.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'journal');
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-journal-'));
  temps.push(dir);
  return path.join(dir, 'data');
};

const question = (n: number, extra: Partial<QuestionEntry> = {}): QuestionEntry => ({
  type: 'question',
  time: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
  channelType: 'slash',
  question: `question number ${n} ${'é'.repeat(n % 7)}`,
  answered: n % 2 === 0,
  top: ['kbic'],
  score: n,
  confidence: 0.5,
  userId: 'U123',
  channelId: 'C456',
  ...extra,
});

describe('journal', () => {
  it('writes one well-formed line per entry under concurrent writes', async () => {
    const dir = await tempDir();
    const journal = createJournal({ dir });
    await Promise.all(Array.from({ length: 500 }, (_, n) => journal.record(question(n))));
    const lines = (await readFile(journal.file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(new Set(parsed.map((p) => p.score)).size).toBe(500);
  });

  it('keeps no user or channel ids unless told to', async () => {
    const dir = await tempDir();
    await createJournal({ dir }).record(question(1));
    const withIds = createJournal({ dir: `${dir}-ids`, logUserIds: true });
    temps.push(`${dir}-ids`);
    await withIds.record(question(1));
    const plain = JSON.parse(await readFile(path.join(dir, 'questions.jsonl'), 'utf8'));
    const kept = JSON.parse(await readFile(withIds.file, 'utf8'));
    expect(plain).not.toHaveProperty('userId');
    expect(plain).not.toHaveProperty('channelId');
    expect(plain).toMatchObject({ channelType: 'slash', question: 'question number 1 é' });
    expect(kept).toMatchObject({ userId: 'U123', channelId: 'C456' });
  });

  it('stores at most QUESTION_MAX characters of a question or a feedback question, never half an emoji', async () => {
    const dir = await tempDir();
    const journal = createJournal({ dir });
    const long = `${'a'.repeat(QUESTION_MAX - 1)}🚀 and then a whole page`;
    await journal.record(question(1, { question: long }));
    await journal.record({ type: 'feedback', time: new Date().toISOString(), channelType: 'dm', helpful: false, question: 'x'.repeat(60_000), top: [] });
    await journal.record(question(2, { question: 'short' }));
    const [cut, feedback, short] = (await readFile(journal.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(cut.question).toBe('a'.repeat(QUESTION_MAX - 1));
    expect(cut.questionLength).toBe(long.length);
    expect(feedback.question).toHaveLength(QUESTION_MAX);
    expect(feedback.questionLength).toBe(60_000);
    expect(short).not.toHaveProperty('questionLength');
  });

  it('rotates by size, keeps a bounded number of files, and loses no entry', async () => {
    const dir = await tempDir();
    const journal = createJournal({ dir, maxBytes: 2_000, keep: 50 });
    for (let n = 0; n < 100; n++) await journal.record(question(n));
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(3);
    expect(files).toContain('questions.jsonl');
    const { entries, skipped } = await readJournal(dir);
    expect(skipped).toBe(0);
    expect(entries.map((e) => (e as QuestionEntry).score)).toEqual(Array.from({ length: 100 }, (_, n) => n));

    const small = createJournal({ dir: `${dir}-small`, maxBytes: 2_000, keep: 2 });
    temps.push(`${dir}-small`);
    for (let n = 0; n < 100; n++) await small.record(question(n));
    expect((await readdir(`${dir}-small`)).length).toBe(3);
  });

  it('reports a failed write to onError and keeps accepting entries', async () => {
    const dir = await tempDir();
    await writeFile(`${dir}`, 'a file where the folder should be');
    const errors: unknown[] = [];
    const journal = createJournal({ dir, onError: (e) => errors.push(e) });
    await journal.record(question(1));
    await journal.record(question(2));
    expect(errors).toHaveLength(2);
  });
});

describe('reports', () => {
  it('groups unanswered questions by similar wording, most asked first', async () => {
    const { entries, skipped } = await readJournal(FIXTURE);
    expect(skipped).toBe(1);
    expect(gapsReport(entries)).toEqual([
      {
        question: 'budget of the IURC project?',
        count: 3,
        variants: ['IURC project budget', 'what is the budget of the IURC project?'],
        lastAsked: '2026-11-03T09:00:00.000Z',
      },
      { question: 'who is the mayor of Osaka?', count: 1, variants: [], lastAsked: '2026-11-04T09:00:00.000Z' },
    ]);
  });

  it('keeps apart questions that share only a name', () => {
    const gaps = gapsReport([
      question(1, { question: 'who runs Life Science Nord', answered: false }),
      question(2, { question: 'Techtera vs Life Science Nord members', answered: false }),
    ]);
    expect(gaps.map((g) => g.count)).toEqual([1, 1]);
  });

  it('filters by time', async () => {
    const { entries } = await readJournal(FIXTURE);
    expect(gapsReport(entries, new Date('2026-11-03T00:00:00Z')).map((g) => g.count)).toEqual([1, 1]);
    expect(parseSince('7d', new Date('2026-11-08T00:00:00Z'))?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-03')?.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(parseSince('soon')).toBeUndefined();
  });

  it('lists answers marked not helpful with their questions', async () => {
    const { entries } = await readJournal(FIXTURE);
    expect(feedbackReport(entries)).toEqual([
      { question: 'KBIC members', top: ['kbic', 'kobe'], count: 2, lastAt: '2026-11-05T11:00:00.000Z' },
      { question: 'RIT programme funding', top: ['jetro-rit'], count: 1, lastAt: '2026-11-06T12:00:00.000Z' },
    ]);
  });

  it('prints both reports from the command line, also as JSON', async () => {
    const gaps = captureIo();
    expect(await main(['gaps', '--data', FIXTURE], gaps)).toBe(0);
    expect(gaps.stdout()).toContain('   3 × budget of the IURC project?');
    expect(gaps.stderr()).toContain('skipped 1 malformed line');

    const json = captureIo();
    expect(await main(['feedback', '--data', FIXTURE, '--json', '--since', '2026-11-05'], json)).toBe(0);
    expect(JSON.parse(json.stdout()).notHelpful.map((c: { question: string }) => c.question)).toEqual([
      'RIT programme funding',
      'KBIC members',
    ]);

    const bad = captureIo();
    expect(await main(['gaps', '--since', 'soon'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--since takes a span');
  });
});
