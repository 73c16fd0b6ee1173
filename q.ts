import { realEngine } from './tests/helpers/engine.ts';
const e = await realEngine();
for (const q of process.argv.slice(2)) { const r = e.ask(q, {limit: 20}); console.log(r.outcome, r.listing, r.total, q, '|', r.answers.map(a=>a.title).join('; ').slice(0, 250)); }
