/**
 * Highlighting, as Slack reads it. The engine marks matched words as character ranges (`markWords`); the renderer
 * turns them into mrkdwn `*bold*`. Slack reads a `*` as formatting only at the edge of a word, so a mark inside a
 * hyphenated name (`*LINK*-*J*`), a word (`tailor-*made*`), an e-mail address (`cfarace@*techtera*.org`) or a link
 * shows as a literal asterisk and breaks the address. Over generated answers: with the marks removed the text is
 * unchanged, and every mark sits where Slack reads it as formatting, around whole tokens, never on an address.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer, snippetMrkdwn, type Audience } from '../../src/render/blocks.ts';
import { finishBold } from '../../src/render/escape.ts';
import type { Engine } from '../../src/search/engine.ts';
import { markWords } from '../../src/search/shape.ts';
import { fold } from '../../src/search/text.ts';
import type { CitationView, Snippet } from '../../src/search/types.ts';
import { realEngine } from '../helpers/engine.ts';
import { hostileText, RUNS } from './arbitraries.ts';

const AUDIENCES = ['private', 'channel'] as const satisfies readonly Audience[];
const CITATION: CitationView = { source: 'src', title: 'Source', section: '', short: 'Source', date: '2018-12' };

/** What may stand just before an opening `*` and just after a closing one for Slack to read bold. */
const BEFORE_OPENING = /[\s(\[{"'“‘«‹¿¡]/u;
const AFTER_CLOSING = /[\s.,;:!?)\]}"'”’»›…]/u;
const EMAIL = /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+/gu;
const URL = /(?:https?:\/\/|www\.)[^\s*]+/giu;

/** The snippet as a mrkdwn text object would carry it (bold sentinels as `*`). */
const shown = (snippet: Snippet, audience: Audience) => finishBold(snippetMrkdwn(snippet, audience));

/** Every way the marks of `marked` break the rules, given the same snippet rendered with no marks. */
function markProblems(marked: string, unmarked: string): string[] {
  const out: string[] = [];
  if (marked.replaceAll('*', '') !== unmarked) out.push(`with the marks removed the text changed: ${JSON.stringify(marked.slice(0, 160))}`);
  if (unmarked.includes('*')) out.push('a literal * in the text (formatting characters must be look-alikes)');
  const stars = [...marked.matchAll(/\*/g)].map((m) => m.index);
  if (stars.length % 2 !== 0) out.push(`an unpaired mark in ${JSON.stringify(marked.slice(0, 160))}`);
  for (let i = 0; i + 1 < stars.length; i += 2) {
    const open = stars[i]!;
    const close = stars[i + 1]!;
    const inside = marked.slice(open + 1, close);
    const before = marked[open - 1];
    const after = marked[close + 1];
    const at = JSON.stringify(marked.slice(Math.max(0, open - 20), close + 20));
    if (before !== undefined && !BEFORE_OPENING.test(before)) out.push(`a mark opens inside a word: ${at}`);
    if (after !== undefined && !AFTER_CLOSING.test(after)) out.push(`a mark closes inside a word: ${at}`);
    if (inside === '' || /^\s|\s$/u.test(inside)) out.push(`a mark with space at its edge: ${at}`);
    if (/\s/u.test(inside)) out.push(`a mark over more than one token: ${at}`);
    if (inside.includes('@') || inside.includes('://') || /^www\./i.test(inside)) out.push(`a mark on an address: ${at}`);
  }
  // Addresses read the same with the marks in place: none is cut by a mark.
  const emails = (t: string) => [...t.matchAll(EMAIL)].map((m) => m[0]).join(' ');
  const urls = (t: string) => [...t.matchAll(URL)].map((m) => m[0]).join(' ');
  if (emails(marked) !== emails(unmarked)) out.push(`an e-mail address cut by a mark: ${emails(marked)} / ${emails(unmarked)}`);
  if (urls(marked) !== urls(unmarked)) out.push(`a link cut by a mark: ${urls(marked)} / ${urls(unmarked)}`);
  return out;
}

function snippetProblems(snippet: Snippet): string[] {
  return AUDIENCES.flatMap((audience) =>
    markProblems(shown(snippet, audience), shown({ ...snippet, marks: [] }, audience)).map((p) => `${audience}: ${p}`),
  );
}

/** Tokens of the kinds that broke: hyphenated names, versions, addresses, punctuation around words, markup. */
const token = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'LINK-J',
      'tailor-made',
      'cfarace@techtera.org',
      '(cfarace@techtera.org).',
      'https://www.kbic.or.jp/en/',
      'www.techtera.org',
      '2.0.1',
      'v1.2',
      "Japan's",
      '(KBIC)',
      '“Techtera”,',
      'R&D',
      'e-mail:',
      'U.S.',
      'EU–Japan',
      '<b>',
      '*bold*',
      'snake_case',
      '~x~',
      '@here',
      '日本のクラスター',
      '🚀',
      '...',
      '—',
      '(',
      ')',
      '"',
    ),
  },
  { weight: 1, arbitrary: hostileText.map((t) => t.slice(0, 24)) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', ' — ');
const text = fc
  .array(fc.tuple(token, separator), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([t, s]) => t + s).join('').trimEnd());

/** Any sorted, non-overlapping ranges within the text, as a buggy or future marker might produce. */
function arbitraryRanges(length: number): fc.Arbitrary<Array<[number, number]>> {
  return fc.array(fc.nat(length), { maxLength: 12 }).map((points) => {
    const sorted = [...new Set(points)].sort((a, b) => a - b);
    const out: Array<[number, number]> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i]!, sorted[i + 1]!]);
    return out;
  });
}

/** The engine's own marker, asked for some of the text's words. */
function engineMarks(t: string): fc.Arbitrary<Array<[number, number]>> {
  const words = [...new Set([...t.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => fold(m[0])))];
  if (words.length === 0) return fc.constant([]);
  return fc.subarray(words).map((terms) => markWords(t, terms));
}

describe('highlight marks', () => {
  it('keep the text and sit where Slack reads them as bold, for any text and any marked ranges', () => {
    const snippets = text.chain((t) =>
      fc.oneof(arbitraryRanges(t.length), engineMarks(t)).map((marks): Snippet => ({ text: t, marks, citation: CITATION })),
    );
    fc.assert(
      fc.property(snippets, (snippet) => {
        expect(snippetProblems(snippet)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  describe('over the real knowledge', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await realEngine();
    });

    it('every fact with every one of its words matched', () => {
      const problems: string[] = [];
      for (const entity of engine.knowledge.entities) {
        for (const fact of entity.facts) {
          const terms = [...fact.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => fold(m[0]));
          const snippet: Snippet = { text: fact.text, marks: markWords(fact.text, terms), citation: CITATION };
          problems.push(...snippetProblems(snippet).map((p) => `${entity.id}: ${p}`));
        }
      }
      expect(problems).toEqual([]);
    });

    it('answers to generated questions, as rendered in Block Kit', () => {
      const names = engine.knowledge.entities.flatMap((e) => [e.name, ...(e.aliases ?? [])]);
      const words = fc.constantFrom('who', 'what is', 'contact', 'e-mail', 'made', 'tailor', 'link', 'version', 'partners of', 'when was');
      const questions = fc.array(fc.oneof(fc.constantFrom(...names), words), { minLength: 1, maxLength: 3 }).map((p) => p.join(' '));
      fc.assert(
        fc.property(questions, fc.constantFrom(...AUDIENCES), (question, audience) => {
          const result = engine.ask(question);
          const problems: string[] = [];
          for (const answer of result.answers) {
            for (const snippet of answer.snippets) problems.push(...snippetProblems(snippet));
          }
          // In the message itself every section body line but the title is a snippet: the same rules hold there.
          const message = renderAnswer(result, { audience, origin: 'slash' });
          for (const block of message.blocks) {
            if (block.type !== 'section' || !block.text || block.block_id === 'answer_lead') continue;
            const body = block.text.text.split('\n').at(-1) ?? '';
            if (/^\*\d+\. /.test(body)) continue;
            problems.push(...markProblems(body, body.replaceAll('*', '')).filter((p) => !p.startsWith('with the marks removed')));
          }
          expect(problems).toEqual([]);
        }),
        { numRuns: Math.max(20, Math.ceil(RUNS / 50)) },
      );
    });
  });
});
