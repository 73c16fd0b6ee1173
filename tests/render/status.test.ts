import { describe, expect, it } from 'vitest';
import { renderHome } from '../../src/render/home.ts';
import { reloadNotice } from '../../src/render/status.ts';
import type { Problem } from '../../src/knowledge/problem.ts';
import { fixtureEngine } from '../helpers/engine.ts';

const problem: Problem = {
  severity: 'error',
  code: 'schema',
  file: 'knowledge/x.yml',
  line: 3,
  column: 5,
  path: 'organisations[0].type',
  message: 'bad',
};

describe('knowledge status', () => {
  it('says nothing while the last reload succeeded', () => {
    expect(reloadNotice({ loadedAt: new Date(), version: 1 })).toBeUndefined();
    expect(reloadNotice(undefined)).toBeUndefined();
  });

  it('says when a reload failed and which version is served', () => {
    const notice = reloadNotice({
      loadedAt: new Date('2026-11-21T11:40:00Z'),
      version: 3,
      failure: { at: new Date('2026-11-21T12:03:00Z'), problems: [problem] },
    });
    expect(notice).toBe(
      'Knowledge reload failed at 2026-11-21 12:03 UTC (1 error; run npx cluster-bot lint), serving the version loaded at 2026-11-21 11:40 UTC.',
    );
  });

  it('shows the failure in App Home', async () => {
    const engine = await fixtureEngine();
    const failed = {
      loadedAt: new Date('2026-11-21T11:40:00Z'),
      version: 1,
      failure: { at: new Date('2026-11-21T12:03:00Z'), problems: [problem] },
    };
    expect(JSON.stringify(renderHome(engine.knowledge, failed))).toContain('Knowledge reload failed at 2026-11-21 12:03 UTC');
    expect(JSON.stringify(renderHome(engine.knowledge, { loadedAt: new Date(), version: 1 }))).not.toContain('reload failed');
  });
});
