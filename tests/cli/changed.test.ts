import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';

const git = (cwd: string, ...args: string[]) => promisify(execFile)('git', args, { cwd });
const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'engine');

describe('cluster-bot lint --changed', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'cluster-bot-git-'));
    await cp(FIXTURE, path.join(repo, 'knowledge'), { recursive: true });
    await writeFile(
      path.join(repo, 'questions.yml'),
      '- q: what rooftop greenhouse does HBC run?\n  expect: [greenhouse]\n- q: HBC\n  expect: ["1998"]\n',
    );
    await git(repo, 'init', '-q');
    await git(repo, '-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '.');
    await git(repo, '-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'knowledge');
    const file = path.join(repo, 'knowledge', 'knowledge.yml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '        cite: { source: news, section: visit }\n',
        '        cite: { source: news, section: visit }\n      - text: HBC runs a rooftop greenhouse for medicinal plants.\n        cite: { source: news, section: visit }\n',
      ),
    );
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('lists the evaluation questions whose top answer changes since the ref', async () => {
    const io = captureIo({}, repo);
    expect(await main(['lint', 'knowledge', '--changed', 'HEAD', '--questions', 'questions.yml'], io)).toBe(0);
    expect(io.stdout()).toContain('1 evaluation question changes top answer since HEAD:');
    // Before the new fact the engine could not answer: nothing found, or the closest fact shown as not sure.
    expect(io.stdout()).toMatch(/- what rooftop greenhouse does HBC run\?\n {4}\S+ \((nothing found|not sure)\) → harbour-cluster\n/);
  });

  it('says so when the ref cannot be read', async () => {
    const io = captureIo({}, repo);
    await main(['lint', 'knowledge', '--changed', 'no-such-ref', '--questions', 'questions.yml'], io);
    expect(io.stdout()).toContain("cannot read the knowledge at 'no-such-ref'");
  });
});
