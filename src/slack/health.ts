/**
 * `GET /healthz`: 200 with the knowledge figures, for load balancers and uptime checks.
 */
import type { CustomRoute } from '@slack/bolt';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { reloadNotice } from '../render/status.ts';
import type { Engine } from '../search/engine.ts';
import type { ReloadStatus } from '../search/live.ts';

/** The health route; reads the engine at request time, so it reports the knowledge actually served. */
export function healthRoute(engine: () => Engine, mode: string, status?: () => ReloadStatus): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const stats = knowledgeStats(engine().knowledge);
      const current = status?.();
      const reload = current?.failure
        ? {
            failedAt: current.failure.at.toISOString(),
            message: reloadNotice(current),
            problems: current.failure.problems.map(formatProblem),
          }
        : undefined;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          ok: true,
          mode,
          knowledge: {
            entities: stats.byKind,
            facts: stats.facts,
            sources: stats.sources,
            ...(current ? { loadedAt: current.loadedAt.toISOString(), version: current.version } : {}),
          },
          ...(reload ? { reload } : {}),
        }),
      );
    },
  };
}
