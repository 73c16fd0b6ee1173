/**
 * Measures answer quality on a list of questions with the strings their answers must contain: hit@1, hit@3,
 * mean reciprocal rank, and the share of unanswerable questions correctly declined. Also builds a plain
 * MiniSearch over the same facts, so the gain of the engine's features can be seen beside it.
 */
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Knowledge } from '../knowledge/knowledge.ts';
import { fold } from './text.ts';

export const EvalQuestions = z.array(
  z.union([
    z.strictObject({ q: z.string().min(1), expect: z.array(z.coerce.string().min(1)).min(1) }),
    z.strictObject({ q: z.string().min(1), answerable: z.literal(false) }),
  ]),
);
export type EvalQuestion = z.output<typeof EvalQuestions>[number];

/** What evaluation needs of an answer: whether it answered, and the ranked titles and snippets. */
export interface Rankable {
  readonly answered: boolean;
  /** Ranked answers; an answer may show several snippets, all of which a reader sees. */
  readonly answers: ReadonlyArray<{
    readonly title: string;
    readonly text: string;
    readonly snippets?: ReadonlyArray<{ readonly text: string }>;
  }>;
}
export type Asker = (question: string) => Rankable;

export interface EvalReport {
  readonly questions: number;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly hit1: number;
  readonly hit3: number;
  readonly mrr: number;
  /** Share of unanswerable questions the engine declined. */
  readonly declined: number;
  /** Answerable questions without a hit in the top three, with what came back. */
  readonly misses: ReadonlyArray<{ readonly q: string; readonly expect: readonly string[]; readonly got: readonly string[] }>;
  /** Unanswerable questions that were answered anyway. */
  readonly wronglyAnswered: ReadonlyArray<{ readonly q: string; readonly got: string }>;
}

/** Parses a questions file (YAML list). Throws with the zod message when malformed. */
export function parseQuestions(text: string): EvalQuestion[] {
  return EvalQuestions.parse(parse(text));
}

/** Rank (1-based) of the first answer holding every expected string, or 0. */
export function hitRank(result: Rankable, expect: readonly string[]): number {
  if (!result.answered) return 0;
  const wanted = expect.map((e) => fold(e));
  const index = result.answers.findIndex((a) => {
    const shown = a.snippets ? a.snippets.map((s) => s.text).join(' ') : a.text;
    const haystack = fold(`${a.title} ${shown}`);
    return wanted.every((w) => haystack.includes(w));
  });
  return index + 1;
}

/** Runs every question through `ask` and scores the answers. */
export function evaluate(ask: Asker, questions: readonly EvalQuestion[]): EvalReport {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let declined = 0;
  const misses: Array<{ q: string; expect: string[]; got: string[] }> = [];
  const wronglyAnswered: Array<{ q: string; got: string }> = [];
  const answerable = questions.filter((q) => 'expect' in q).length;
  for (const question of questions) {
    const result = ask(question.q);
    if (!('expect' in question)) {
      if (!result.answered) declined++;
      else wronglyAnswered.push({ q: question.q, got: result.answers[0]?.title ?? '' });
      continue;
    }
    const rank = hitRank(result, question.expect);
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    else misses.push({ q: question.q, expect: question.expect, got: result.answers.slice(0, 3).map((a) => `${a.title}: ${a.text}`) });
    if (rank >= 1) rr += 1 / rank;
  }
  const unanswerable = questions.length - answerable;
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    questions: questions.length,
    answerable,
    unanswerable,
    hit1: share(hit1, answerable),
    hit3: share(hit3, answerable),
    mrr: share(rr, answerable),
    declined: share(declined, unanswerable),
    misses,
    wronglyAnswered,
  };
}

/** A default MiniSearch over fact texts and entity names, with no query understanding: the baseline. */
export function plainMiniSearch(knowledge: Knowledge): Asker {
  const docs = knowledge.entities.flatMap((e) => e.facts.map((f, i) => ({ id: `${e.id}#${i}`, title: e.name, text: f.text })));
  const search = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title', 'text'] });
  search.addAll(docs);
  return (question) => {
    const results = search.search(question).slice(0, 10);
    return { answered: results.length > 0, answers: results.map((r) => ({ title: String(r.title), text: String(r.text) })) };
  };
}
