import { realEngine } from './tests/helpers/engine.ts';
import { analyse } from './src/search/answer.ts';
import { RANK_FEATURES } from './src/search/score.ts';
const e = await realEngine();
const a = analyse(e.index, process.argv[2]!);
if (a.path === 'search') for (const s of a.ranked.slice(0, 4)) console.log(s.score.toFixed(2), s.candidate.doc.text.slice(0, 70), '\n   ', RANK_FEATURES.map((f, i) => f + '=' + s.features[i]!.toFixed(2)).join(' '), [...s.candidate.matched].map(([w, m]) => w + ':' + m.credit + (m.inText ? 'T' : '')).join(','));
