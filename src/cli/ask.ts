/**
 * `cluster-bot ask "question"`: the answer, readably; `--json` one JSON object; `--stdin` one question per line in,
 * one JSON object per line out (JSON Lines), so a maintainer can check a whole list at once. A typed filter that
 * selects nothing (`source:nope`) is reported with the values that would work, not answered around.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { heldBackNote, loadKnowledge } from '../knowledge/load.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { createEngine, type Engine } from '../search/engine.ts';
import { filterProblems, type FilterProblem } from '../search/filters.ts';
import { typedFilters } from '../search/query.ts';
import { renderConsole } from '../render/console.ts';
import { renderFilterProblems } from '../render/help.ts';
import type { AskResult, CitationView } from '../search/types.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import { ANSI, PLAIN, renderAnswerText } from '../render/text.ts';
import { knowledgeDir, outputClosed, type Io } from './io.ts';
import { parseCommand } from '../slack/replies/command.ts';
import { replyTo } from '../slack/replies/reply.ts';

/**
 * The public JSON shape of an answer: the contract `--json` and `--stdin` print. `outcome` is `answer`, `unsure`
 * (the answers are the closest facts, not an answer) or `none`; `answered` is true exactly for `answer`; `confidence`
 * is the engine's probability, 0–1, that the first answer is right. Each answer lists every snippet Slack and the
 * console show, with its citations; its `text` is the first snippet.
 */
export function answerJson(result: AskResult): object {
  const cite = (c: CitationView) => ({ source: c.source, title: c.title, date: c.date, section: c.section, ...(c.url ? { url: c.url } : {}) });
  return {
    query: result.query,
    outcome: result.outcome,
    answered: result.answered,
    confidence: result.confidence,
    // A list of entities ("missions in 2023", "partner techtera") answers by listing: its confidence is not a probability.
    ...(result.listing ? { listing: true } : {}),
    // How many answers there are in all; `answers` holds the first `--limit` of them.
    total: result.total,
    answers: result.answers.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      text: a.text,
      score: a.score,
      snippets: a.snippets.map((s) => ({ text: s.text, citations: [cite(s.citation)], ...(s.conflict ? { conflict: s.conflict } : {}) })),
      citations: a.citations.map(cite),
    })),
    suggestions: result.suggestions,
  };
}

/** The JSON line for a question whose typed filters select nothing: no answers, the problems and suggestions. */
function filterProblemsJson(question: string, problems: readonly FilterProblem[]): object {
  return {
    query: question.trim(),
    outcome: 'none',
    answered: false,
    confidence: 0,
    total: 0,
    answers: [],
    suggestions: problems.flatMap((p) => (p.suggestion ? [p.suggestion] : [])),
    filterProblems: problems,
  };
}

/** Loads the engine for a CLI command, printing problems when the knowledge does not load. */
export async function engineFor(io: Io, dir?: string): Promise<Engine | undefined> {
  const result = await loadKnowledge(path.resolve(io.cwd, knowledgeDir(io, dir)), { relativeTo: io.cwd });
  if (!result.ok) {
    for (const problem of result.problems) io.err(`${terminalSafe(formatProblem(problem))}\n`);
    if (result.heldBack) io.err(`${terminalSafe(heldBackNote(result.heldBack))}\n`);
    io.err('cluster-bot: the knowledge has errors; fix them (see `npx cluster-bot lint`) and try again\n');
    return undefined;
  }
  return createEngine(result.knowledge);
}

export async function askCommand(args: string[], io: Io, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      dir: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    io.err('cluster-bot ask: --limit takes a whole number above 0\n');
    return 2;
  }
  const question = positionals.join(' ').trim();
  if (!values.stdin && !question) {
    io.err('usage: cluster-bot ask "question" [--json] [--limit N]   or   cluster-bot ask --stdin < questions.txt\n');
    return 2;
  }
  const engine = await engineFor(io, values.dir);
  if (!engine) return 1;
  const options = limit === undefined ? {} : { limit };

  if (values.stdin) {
    const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (outputClosed(io)) break;
      if (!line.trim()) continue;
      const problems = filterProblems(engine.index, typedFilters(line, engine.index));
      io.out(jsonLine(problems.length > 0 ? filterProblemsJson(line, problems) : answerJson(engine.ask(line, options))));
    }
    return 0;
  }
  const problems = filterProblems(engine.index, typedFilters(question, engine.index));
  if (problems.length > 0) {
    if (values.json) io.out(jsonLine(filterProblemsJson(question, problems)));
    else io.err(renderConsole(renderFilterProblems(problems)));
    return 2;
  }
  // A `/cluster` command (missions, partners, help…) is answered as the console answers it: ask is for questions, and
  // a command given to it should not be searched as words.
  // A greeting is answered in kind, except in JSON, which always gives the engine's answer.
  const type = parseCommand(question).type;
  if ((type !== 'ask' && !(type === 'chat' && values.json)) || /^\/cluster\b/i.test(question)) {
    const reply = replyTo(engine, question, { audience: 'private', origin: 'console' });
    if (values.json) {
      if (!reply.result) {
        io.err(`cluster-bot ask: "${terminalSafe(question)}" is a /cluster command, not a question; run it in the console (npm start) or ask without --json\n`);
        return 2;
      }
      io.out(jsonLine(answerJson(reply.result)));
    } else {
      io.out(renderConsole(reply.message, process.stdout.isTTY && io.env.NO_COLOR === undefined ? ANSI : PLAIN));
    }
    return 0;
  }
  const result = engine.ask(question, options);
  if (values.json) io.out(jsonLine(answerJson(result)));
  else io.out(renderAnswerText(result, process.stdout.isTTY && io.env.NO_COLOR === undefined ? ANSI : PLAIN));
  return 0;
}
