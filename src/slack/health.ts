/**
 * `GET /healthz`: 200 with the knowledge figures, for load balancers and uptime checks.
 */
import type { CustomRoute } from '@slack/bolt';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import type { Engine } from '../search/engine.ts';

/** The health route; reads the engine at request time, so it reports the knowledge actually served. */
export function healthRoute(engine: () => Engine, mode: string): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const stats = knowledgeStats(engine().knowledge);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, mode, knowledge: { entities: stats.byKind, facts: stats.facts, sources: stats.sources } }));
    },
  };
}
