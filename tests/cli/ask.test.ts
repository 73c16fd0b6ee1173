import { execFile } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { askCommand } from '../../src/cli/ask.ts';
import { captureIo } from '../helpers/io.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURE = { KNOWLEDGE_DIR: 'tests/fixtures/engine' };

/** Checks one line of `ask --json` output against the published contract (docs/search.md). */
function expectContract(value: unknown): void {
  const { listing } = value as { listing?: unknown };
  expect(value).toEqual({
    query: expect.any(String),
    outcome: expect.stringMatching(/^(answer|unsure|none)$/),
    answered: expect.any(Boolean),
    confidence: expect.any(Number),
    ...(listing === undefined ? {} : { listing: true }),
    total: expect.any(Number),
    answers: expect.any(Array),
    suggestions: expect.any(Array),
  });
  const { outcome, answered, confidence, answers, suggestions } = value as {
    outcome: string;
    answered: boolean;
    confidence: number;
    answers: Array<{ text: string; snippets: Array<{ text: string; citations: object[] }>; citations: object[] }>;
    suggestions: unknown[];
  };
  expect(answered).toBe(outcome === 'answer');
  expect((value as { total: number }).total).toBeGreaterThanOrEqual((value as { answers: unknown[] }).answers.length);
  expect(confidence).toBeGreaterThanOrEqual(0);
  expect(confidence).toBeLessThanOrEqual(1);
  for (const s of suggestions) expect(typeof s).toBe('string');
  const citation = (c: object) => {
    expect(c).toMatchObject({ source: expect.any(String), title: expect.any(String), date: expect.stringMatching(/^\d{4}(-\d{2}){0,2}$/), section: expect.any(String) });
    expect(Object.keys(c).every((k) => ['source', 'title', 'date', 'section', 'url'].includes(k))).toBe(true);
  };
  for (const answer of answers) {
    expect(Object.keys(answer).sort()).toEqual(['citations', 'id', 'kind', 'score', 'snippets', 'text', 'title']);
    expect(answer).toMatchObject({
      id: expect.any(String),
      kind: expect.any(String),
      title: expect.any(String),
      text: expect.any(String),
      score: expect.any(Number),
    });
    // `text` is the first of the snippets shown; each snippet carries its citation.
    expect(answer.snippets.length).toBeGreaterThan(0);
    expect(answer.text).toBe(answer.snippets[0]!.text);
    for (const snippet of answer.snippets) {
      expect(Object.keys(snippet).every((k) => ['text', 'citations', 'conflict'].includes(k))).toBe(true);
      expect(snippet.citations.length).toBeGreaterThan(0);
      snippet.citations.forEach(citation);
    }
    answer.citations.forEach(citation);
  }
}

describe('cluster-bot ask', () => {
  it('prints one JSON object in the contract shape with --json', async () => {
    const io = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['HBC', 'members', '--json'], io)).toBe(0);
    const lines = io.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const value = JSON.parse(lines[0]!);
    expectContract(value);
    expect(value.query).toBe('HBC members');
    expect(value.answered).toBe(true);
    expect(value.answers[0].id).toBe('harbour-cluster');
  });

  it('answers one JSON line per question with --stdin, skipping blank lines', async () => {
    const io = captureIo(FIXTURE, ROOT);
    const stdin = Readable.from(['HBC\n', '\n', 'what is the budget of the Tie-Up programme?\n', 'TUP']);
    expect(await askCommand(['--stdin'], io, stdin)).toBe(0);
    const lines = io
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.query, l.answered])).toEqual([
      ['HBC', true],
      ['what is the budget of the Tie-Up programme?', false],
      ['TUP', true],
    ]);
    lines.forEach(expectContract);
  });

  it('prints a readable answer with its source by default', async () => {
    const io = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['when was HBC founded?'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^Answer: .*1998/m);
    expect(io.stdout()).toContain('— Harbour Biomedical Cluster (organisation); Mission news, Nov 2023 — The visit');
  });

  it('reports a typed filter that selects nothing instead of answering around it (exit 2)', async () => {
    const io = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['source:nope', 'HBC'], io)).toBe(2);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toContain('source:nope matches no fact I know. Valid values of source: news, report.');

    const json = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['--json', 'kind:organisatoin', 'HBC'], json)).toBe(2);
    expect(JSON.parse(json.stdout())).toMatchObject({
      answered: false,
      answers: [],
      suggestions: ['organisation'],
      filterProblems: [{ code: 'unknown-value', key: 'kind', value: 'organisatoin', suggestion: 'organisation' }],
    });

    const lines = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['--stdin'], lines, Readable.from(['yeer:2023 HBC\n', 'year:2023 HBC\n']))).toBe(0);
    const [typo, fine] = lines
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(typo.filterProblems).toEqual([
      { code: 'unknown-key', key: 'yeer', value: '2023', valid: ['kind', 'type', 'country', 'year', 'sector', 'place', 'source'], suggestion: 'year', suggestedValue: '2023' },
    ]);
    expectContract(fine);
  });

  it('says when it does not know', async () => {
    const io = captureIo(FIXTURE, ROOT);
    await askCommand(['who is the mayor of Portville?'], io);
    expect(io.stdout()).not.toMatch(/^Answer:/m);
    expect(io.stdout()).toMatch(/I'm not sure I have the answer|I found nothing about that/);
  });

  it('explains its usage and bad options', async () => {
    const empty = captureIo(FIXTURE, ROOT);
    expect(await askCommand([], empty)).toBe(2);
    expect(empty.stderr()).toContain('usage: cluster-bot ask');
    const bad = captureIo(FIXTURE, ROOT);
    expect(await askCommand(['x', '--limit', 'lots'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--limit takes a whole number');
  });

  it('reports broken knowledge instead of answering', async () => {
    const io = captureIo({ KNOWLEDGE_DIR: 'tests/fixtures/knowledge/dangling-reference' }, ROOT);
    expect(await askCommand(['anything'], io)).toBe(1);
    expect(io.stderr()).toContain("unknown organisation 'kbik'");
  });

  it('runs as a real process through bin/cluster-bot.js', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cluster-bot.js', 'ask', '--json', 'TUP'], {
      cwd: ROOT,
      env: { ...process.env, ...FIXTURE },
    });
    const value = JSON.parse(stdout);
    expectContract(value);
    expect(value.answers[0].id).toBe('tie-up');
  });
});
