import { realEngine } from './tests/helpers/engine.ts';
import { analyse } from './src/search/answer.ts';
const e = await realEngine();
for (const q of process.argv.slice(2)) {
  const r = e.ask(q);
  const a = analyse(e.index, q);
  console.log(q, r.outcome, r.total, r.answers.map((x) => x.title).slice(0, 3), a.path === 'search' ? { linked: a.retrieved.linked, cands: a.retrieved.candidates.length, words: [...a.words.weights.keys()] } : a.path);
}
