import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { knowledgeJsonSchema } from '../../src/knowledge/schema.ts';
import { captureIo } from '../helpers/io.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'knowledge');

describe('cluster-bot lint', () => {
  it('prints each problem and a summary, exiting 1 on errors', async () => {
    const io = captureIo();
    const code = await main(['lint', path.join(FIXTURES, 'dangling-reference')], io);
    expect(code).toBe(1);
    expect(io.stdout()).toBe(
      "tests/fixtures/knowledge/dangling-reference/broken.yml:17:34  partnerships[0].parties[1]: unknown organisation 'kbik' — did you mean 'kbic'?\n" +
        'knowledge not loaded — 1 error, 0 warnings\n',
    );
  });

  it('exits 0 on valid knowledge with counts by kind', async () => {
    const io = captureIo();
    expect(await main(['lint', path.join(FIXTURES, 'valid')], io)).toBe(0);
    expect(io.stdout()).toBe(
      '2 organisations, 0 missions, 0 programmes, 1 partnership, 0 markets, 1 place, 0 people; 4 facts from 1 source — 0 errors, 0 warnings\n',
    );
  });

  it('lets warnings pass, unless --strict', async () => {
    const dir = path.join(FIXTURES, 'warnings');
    expect(await main(['lint', dir], captureIo())).toBe(0);
    const strict = captureIo();
    expect(await main(['lint', dir, '--strict'], strict)).toBe(1);
    expect(strict.stdout()).toMatch(/2 warnings \(--strict: warnings fail\)\n$/);
  });

  it('takes the folder as --dir too, as ask, eval and fit do (lint and stats)', async () => {
    const lint = captureIo();
    expect(await main(['lint', '--dir', path.join(FIXTURES, 'dangling-reference')], lint)).toBe(1);
    expect(lint.stdout()).toContain('dangling-reference');
    const stats = captureIo();
    expect(await main(['stats', '--dir', path.join(FIXTURES, 'valid')], stats)).toBe(0);
    expect(stats.stdout()).toMatch(/organisation\s+2\n/);
  });

  it('reads KNOWLEDGE_DIR when no folder is given', async () => {
    const io = captureIo({ KNOWLEDGE_DIR: path.join(FIXTURES, 'valid') });
    expect(await main(['lint'], io)).toBe(0);
  });

  it('prints one JSON object with --json', async () => {
    const io = captureIo();
    expect(await main(['lint', path.join(FIXTURES, 'unknown-source'), '--json'], io)).toBe(1);
    const report = JSON.parse(io.stdout());
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.problems[0]).toMatchObject({ code: 'unknown-source', line: 7, column: 25 });
  });

  it('rejects an unknown option with a message, not a stack trace', async () => {
    const io = captureIo();
    expect(await main(['lint', '--frobnicate'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^cluster-bot lint: unknown option --frobnicate; see cluster-bot lint --help\n$/);
    const near = captureIo();
    expect(await main(['lint', '--strcit'], near)).toBe(2);
    expect(near.stderr()).toContain('unknown option --strcit (did you mean --strict?)');
  });

  it('never prints a token or the signing secret in an unexpected error', async () => {
    const secret = '0123456789abcdef0123456789abcdef';
    // An unknown option is quoted back in the error: here it is the secret itself.
    const leaky = captureIo({ SLACK_SIGNING_SECRET: secret });
    expect(await main(['lint', `--${secret}`], leaky)).toBe(2);
    expect(leaky.stderr()).toContain('[redacted]');
    expect(leaky.stderr()).not.toContain(secret);
  });

  it('answers an unknown command with usage', async () => {
    const io = captureIo();
    expect(await main(['frob'], io)).toBe(2);
    expect(io.stderr()).toContain("unknown command 'frob'");
    expect(io.stderr()).toContain('usage: cluster-bot <command>');
  });
});

describe('editor support', () => {
  it('knowledge/schema.json is the schema the code generates (run `npx cluster-bot schema > knowledge/schema.json`)', async () => {
    const committed = JSON.parse(await readFile(path.join(ROOT, 'knowledge', 'schema.json'), 'utf8'));
    expect(committed).toEqual(knowledgeJsonSchema());
  });

  it('every knowledge file names the schema for yaml-language-server', async () => {
    const dir = path.join(ROOT, 'knowledge');
    const files = (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const first = (await readFile(path.join(dir, file), 'utf8')).split('\n')[0];
      const depth = file.split(/[\\/]/).length - 1;
      expect(first, file).toBe(`# yaml-language-server: $schema=${depth === 0 ? './' : '../'.repeat(depth)}schema.json`);
    }
  });
});

describe('lint on knowledge with a broken file', () => {
  /** The source texts, which a copy of the knowledge elsewhere no longer finds by its relative paths. */
  const SEEDS = path.join(ROOT, '..', 'shared', 'seeds');
  /** A copy of the project's knowledge in a temporary folder, with one file changed. */
  async function brokenCopy(file: string, change: (text: string) => string): Promise<string> {
    const top = await mkdtemp(path.join(tmpdir(), 'cluster-bot-lint-'));
    const copy = path.join(top, 'copy');
    await cp(path.join(ROOT, 'knowledge'), copy, { recursive: true });
    await writeFile(path.join(copy, file), change(await readFile(path.join(copy, file), 'utf8')));
    return copy;
  }

  it('reports a YAML syntax error first and holds back the references it breaks, saying how many', async () => {
    // An unclosed flow sequence: the file defines most places that other files refer to.
    const copy = await brokenCopy('eccp/places.yml', (text) => text.replace(/\n(\s+)name: /, '\n$1aliases: [unclosed\n$1name: '));
    const io = captureIo({ SOURCE_TEXTS_DIR: SEEDS }, path.dirname(copy));
    expect(await main(['lint', 'copy'], io)).toBe(1);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^copy\/eccp\/places\.yml:\d+:\d+ {2}YAML syntax: /);
    expect(lines.filter((l) => /unknown (place|entity|organisation)/.test(l))).toEqual([]);
    const problems = lines.filter((l) => /^copy\//.test(l));
    expect(problems.every((l) => l.startsWith('copy/eccp/places.yml:'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ reference errors held back: they name ids defined in copy\/eccp\/places\.yml, which did not load; fix that file first$/);
    expect(Number(lines.at(-1)!.split(' ')[0])).toBeGreaterThan(10);

    const json = captureIo({ SOURCE_TEXTS_DIR: SEEDS }, path.dirname(copy));
    await main(['lint', 'copy', '--json'], json);
    const report = JSON.parse(json.stdout());
    expect(report.problems[0].code).toBe('yaml-syntax');
    expect(report.heldBack).toEqual({ count: Number(lines.at(-1)!.split(' ')[0]), files: ['copy/eccp/places.yml'] });
  });

  it('holds back the references broken by a file that parses but does not validate', async () => {
    const copy = await brokenCopy('sources.yml', (text) => text.replace('kind: news-article', 'kind: newz-article'));
    const io = captureIo({ SOURCE_TEXTS_DIR: SEEDS }, path.dirname(copy));
    expect(await main(['lint', 'copy'], io)).toBe(1);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^copy\/sources\.yml:\d+:\d+ {2}sources\[0\]\.kind: 'newz-article' is not allowed/);
    expect(lines.filter((l) => l.includes('unknown source'))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^\d+ reference errors held back: .* copy\/sources\.yml/);
  });

  it('prints paths that resolve from the current directory', async () => {
    const copy = await brokenCopy('eccp/places.yml', (text) => text.replace(/\n(\s+)name: /, '\n$1aliases: [unclosed\n$1name: '));
    const here = path.join(path.dirname(copy), 'elsewhere');
    await mkdir(here);
    const io = captureIo({}, here);
    expect(await main(['lint', '../copy'], io)).toBe(1);
    const files = io
      .stdout()
      .split('\n')
      .map((l) => /^(\S+\.ya?ml):\d+:\d+ /.exec(l)?.[1])
      .filter((f): f is string => f !== undefined);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.startsWith('../copy/')).toBe(true);
      expect(existsSync(path.resolve(here, file))).toBe(true);
    }
  });
});
