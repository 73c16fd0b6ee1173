import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleQuestions } from '../../src/render/home.ts';
import { replyTo } from '../../src/slack/replies/reply.ts';
import type { Engine } from '../../src/search/engine.ts';
import { realEngine } from '../helpers/engine.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/**
 * The questions the README and docs/ give as examples: `/cluster …` lines in code blocks (several to a line, a
 * comment in brackets after), `cluster-bot ask "…"`, the lines piped into `npm start`, and the plain-word filters the
 * README quotes. Placeholders (`<name>`, `[sector or country]`) are not questions.
 */
function documentedExamples(): Array<{ file: string; question: string }> {
  const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))].filter((f) => f.endsWith('.md'));
  const out: Array<{ file: string; question: string }> = [];
  const add = (file: string, question: string) => {
    const q = question.trim();
    // Placeholders are not questions: `<name>`, `[sector]`, `ask "question"`.
    if (q && !/[<[]|\bquestion\b/.test(q) && !out.some((o) => o.question === q)) out.push({ file, question: q });
  };
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const block of text.match(/```[a-z]*\n[\s\S]*?```/g) ?? []) {
      for (const line of block.split('\n')) {
        const piped = /printf '([^']+)'/.exec(line);
        if (piped) {
          for (const q of piped[1]!.split('\\n')) add(file, q);
          continue;
        }
        for (const m of line.matchAll(/\/cluster ((?:(?! {2}|\s\(|\/cluster)[^`|])+)/g)) add(file, `/cluster ${m[1]}`);
        for (const m of line.matchAll(/cluster-bot ask "([^"]+)"/g)) add(file, m[1]!);
      }
    }
    for (const m of text.matchAll(/plain words do the same[^(]*\(([^)]*)\)/g)) for (const q of m[1]!.matchAll(/"([^"]+)"/g)) add(file, q[1]!);
  }
  return out;
}

describe('the examples in the README and docs/', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const examples = documentedExamples();

  it('are found in the docs', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  const expectAnswered = (question: string) => {
    const reply = replyTo(engine, question, { audience: 'private', origin: 'console' });
    if (reply.result) {
      expect(reply.result.outcome).toBe('answer');
      expect(reply.result.answers.length).toBeGreaterThan(0);
    }
    const shown = JSON.stringify(reply.message.blocks);
    expect(shown).not.toMatch(/I found nothing|I'm not sure|neither a command nor a name/);
  };

  it.each(examples)('$file: "$question" gets a real answer', ({ question }) => expectAnswered(question));

  it("App Home's example questions each get a real answer", () => {
    const questions = exampleQuestions(engine.knowledge);
    expect(questions.length).toBeGreaterThanOrEqual(3);
    for (const question of questions) expectAnswered(question);
  });
});
