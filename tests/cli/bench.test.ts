import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('cluster-bot bench', () => {
  it('prints, for each size, every measure beside plain MiniSearch with the ratio, the heap measured one way, and progress on stderr', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(ROOT, 'bin/cluster-bot.js'), 'bench', '--rounds', '1', '--scale', '1,2', '--dir', 'tests/fixtures/engine'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    const heap = /^engine heap +\d+\.\d MB {3}plain MiniSearch \d+\.\d MB {3}\((.+)\)$/m.exec(stdout);
    expect(heap).not.toBeNull();
    expect(heap![1]).toMatch(/forced full GC/);
    expect(stdout).toContain(`heap: ${heap![1]}.`);
    // The summary: one row per size, five measures, each "engine / plain (ratio×)".
    // A plain figure of zero (a heap too small to measure on this tiny fixture) has no ratio: "–".
    const cell = String.raw`[\d.]+ (?:ms|s|MB) / [\d.]+ (?:ms|s|MB) \((?:[\d.]+×|–)\)`;
    for (const size of ['1', '2']) {
      expect(stdout).toMatch(new RegExp(`^×${size} +\\d+ +${cell} +${cell} +${cell} +${cell} +${cell}$`, 'm'));
      for (const measure of ['build index', 'heap', 'new question p50', 'new question p99', 'one-file reload']) {
        expect(stdout).toMatch(new RegExp(`^×${size} — [\\s\\S]*?^  ${measure} +[\\d.]+ (?:ms|s|MB) +[\\d.]+ (?:ms|s|MB) +(?:[\\d.]+×|–)`, 'm'));
      }
    }
    // What it is doing, stage by stage, on stderr (stdout keeps only the figures).
    for (const stage of ['loading the knowledge', 'building the index', 'asking new questions', '×2: writing the knowledge copied 2 times', '×2: building the index', '×2: asking new questions', '×2: changing one file'])
      expect(stderr).toContain(`bench: ${stage}`);
    expect(stdout).not.toContain('bench:');
  }, 60_000);
});
