/**
 * Measures answer quality on a list of questions with the strings their answers must contain: hit@1, hit@3,
 * mean reciprocal rank, the share of unanswerable questions declined, the share of answerable ones answered
 * confidently with a wrong first answer, and how many characters the top three answers show. Figures are also given
 * by question kind (terse, sloppy, chatter…). A plain MiniSearch over the same facts is the anchor beside them.
 */
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Knowledge } from '../knowledge/knowledge.ts';
import { fold } from './text.ts';

const Kind = z.string().regex(/^[a-z-]+$/).optional();
/** Where the question's answer comes from ("003 §3.1"): documentation for whoever checks the question. */
const From = z.string().optional();

export const EvalQuestions = z.array(
  z.union([
    z.strictObject({ q: z.string().min(1), kind: Kind, from: From, expect: z.array(z.coerce.string().min(1)).min(1) }),
    z.strictObject({ q: z.string().min(1), kind: Kind, from: From, answerable: z.literal(false) }),
  ]),
);
export type EvalQuestion = z.output<typeof EvalQuestions>[number];

/** What evaluation needs of an answer: whether it answered, and the ranked titles and snippets. */
export interface Rankable {
  /** True only when the engine gives the answers as an answer (not "not sure", not "nothing found"). */
  readonly answered: boolean;
  /** Ranked answers; an answer may show several snippets, all of which a reader sees. */
  readonly answers: ReadonlyArray<{
    readonly title: string;
    readonly text: string;
    readonly snippets?: ReadonlyArray<{ readonly text: string }>;
  }>;
}
export type Asker = (question: string) => Rankable;

/** Figures for one set of questions (a file, or one kind within it). Shares are 0–1; `chars` is a mean count. */
export interface EvalFigures {
  readonly questions: number;
  readonly answerable: number;
  readonly unanswerable: number;
  /** Answerable questions answered with a hit first / in the top three. */
  readonly hit1: number;
  readonly hit3: number;
  readonly mrr: number;
  /** Hit first / in the top three, counting answers shown as "not sure" too: what ranking found, before the decision. */
  readonly shown1: number;
  readonly shown3: number;
  /** Share of unanswerable questions the engine declined. */
  readonly declined: number;
  /** Share of answerable questions answered (not declined) whose first answer lacks the expected strings. */
  readonly confidentWrong: number;
  /** Mean characters of every snippet the top three answers show, over questions with answers shown. */
  readonly chars: number;
}

export interface EvalReport extends EvalFigures {
  /** The same figures for each `kind` of question (questions without one count as "other"). */
  readonly byKind: Readonly<Record<string, EvalFigures>>;
  /** Answerable questions without a hit in the top three, with what came back. */
  readonly misses: ReadonlyArray<{ readonly q: string; readonly expect: readonly string[]; readonly got: readonly string[] }>;
  /** Unanswerable questions that were answered anyway. */
  readonly wronglyAnswered: ReadonlyArray<{ readonly q: string; readonly got: string }>;
}

/** Parses a questions file (YAML list). Throws with the zod message when malformed. */
export function parseQuestions(text: string): EvalQuestion[] {
  return EvalQuestions.parse(parse(text));
}

/** Folds text for matching expected strings: case, accents and dashes, and thousands separators ("3,300" is "3300"). */
function matchable(text: string): string {
  return fold(text).replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1');
}

/** Whether a text holds every expected string (folded, thousands separators ignored). */
export function answerHolds(text: string, expect: readonly string[]): boolean {
  const haystack = matchable(text);
  return expect.every((e) => haystack.includes(matchable(e)));
}

/** What an answer shows: its title and every snippet. */
function shownText(answer: Rankable['answers'][number]): string {
  const shown = answer.snippets ? answer.snippets.map((s) => s.text).join(' ') : answer.text;
  return `${answer.title} ${shown}`;
}

/** Rank (1-based) of the first answer holding every expected string, or 0; `declined` answers count unless `strict`. */
export function hitRank(result: Rankable, expect: readonly string[], strict = true): number {
  if (strict && !result.answered) return 0;
  return result.answers.findIndex((a) => answerHolds(shownText(a), expect)) + 1;
}

/** Characters of every snippet the first three answers show. */
export function charsShown(result: Rankable): number {
  return result.answers
    .slice(0, 3)
    .reduce((sum, a) => sum + (a.snippets ? a.snippets.reduce((n, s) => n + s.text.length, 0) : a.text.length), 0);
}

interface Outcome {
  readonly kind: string;
  readonly answerable: boolean;
  readonly answered: boolean;
  readonly rank: number;
  readonly shownRank: number;
  readonly chars: number | undefined;
}

function figures(outcomes: readonly Outcome[]): EvalFigures {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const share = (n: number, of: number) => (of === 0 ? Number.NaN : n / of);
  const count = (list: readonly Outcome[], test: (o: Outcome) => boolean) => list.filter(test).length;
  const shown = outcomes.filter((o) => o.chars !== undefined);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hit1: share(count(answerable, (o) => o.rank === 1), answerable.length),
    hit3: share(count(answerable, (o) => o.rank >= 1 && o.rank <= 3), answerable.length),
    mrr: share(
      answerable.reduce((sum, o) => sum + (o.rank > 0 ? 1 / o.rank : 0), 0),
      answerable.length,
    ),
    shown1: share(count(answerable, (o) => o.shownRank === 1), answerable.length),
    shown3: share(count(answerable, (o) => o.shownRank >= 1 && o.shownRank <= 3), answerable.length),
    declined: share(count(unanswerable, (o) => !o.answered), unanswerable.length),
    confidentWrong: share(count(answerable, (o) => o.answered && o.rank !== 1), answerable.length),
    chars: share(
      shown.reduce((sum, o) => sum + (o.chars ?? 0), 0),
      shown.length,
    ),
  };
}

/** Runs every question through `ask` and scores the answers, overall and by kind. */
export function evaluate(ask: Asker, questions: readonly EvalQuestion[]): EvalReport {
  const outcomes: Outcome[] = [];
  const misses: Array<{ q: string; expect: string[]; got: string[] }> = [];
  const wronglyAnswered: Array<{ q: string; got: string }> = [];
  for (const question of questions) {
    const result = ask(question.q);
    const kind = question.kind ?? 'other';
    const chars = result.answers.length > 0 ? charsShown(result) : undefined;
    if (!('expect' in question)) {
      if (result.answered) wronglyAnswered.push({ q: question.q, got: result.answers[0]?.title ?? '' });
      outcomes.push({ kind, answerable: false, answered: result.answered, rank: 0, shownRank: 0, chars });
      continue;
    }
    const rank = hitRank(result, question.expect);
    const shownRank = hitRank(result, question.expect, false);
    if (rank < 1 || rank > 3)
      misses.push({ q: question.q, expect: question.expect, got: result.answers.slice(0, 3).map((a) => `${a.title}: ${a.text}`) });
    outcomes.push({ kind, answerable: true, answered: result.answered, rank, shownRank, chars });
  }
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort();
  return {
    ...figures(outcomes),
    byKind: Object.fromEntries(kinds.map((k) => [k, figures(outcomes.filter((o) => o.kind === k))])),
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
