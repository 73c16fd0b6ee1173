import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('cluster-bot bench', () => {
  it('measures the engine heap one way, prints the same figure in the ×1 row, and shows progress on stderr', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(ROOT, 'bin/cluster-bot.js'), 'bench', '--rounds', '1', '--scale', '1,2', '--dir', 'tests/fixtures/engine'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    const heap = /^engine heap +(\d+\.\d) MB {3}\((.+)\)$/m.exec(stdout);
    expect(heap).not.toBeNull();
    expect(heap![2]).toMatch(/forced full GC/);
    const rows = Object.fromEntries(
      [...stdout.matchAll(/^×(\d+) +\d+ +\d+ ms +(\d+\.\d) MB/gm)].map((m) => [m[1], m[2]]),
    );
    expect(rows['1']).toBe(heap![1]);
    expect(Number(rows['2'])).toBeGreaterThan(0);
    expect(stdout).toContain(`engine heap: ${heap![2]}.`);
    // What it is doing, stage by stage, on stderr (stdout keeps only the figures).
    for (const stage of ['loading the knowledge', 'building the index', 'asking new questions', '×2: building the index', '×2: asking new questions'])
      expect(stderr).toContain(`bench: ${stage}`);
    expect(stdout).not.toContain('bench:');
  });
});
