import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeReader, loadKnowledge } from '../../src/knowledge/load.ts';
import { formatProblem, type ProblemCode } from '../../src/knowledge/problem.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Case {
  folder: string;
  code: ProblemCode;
  /** `file:line:column  path: message`, exactly as the linter prints it. */
  line: string;
}

const CASES: Case[] = [
  { folder: 'yaml-syntax', code: 'yaml-syntax', line: 'yaml-syntax/broken.yml:5:1  YAML syntax: missing closing "quote' },
  {
    folder: 'wrong-type',
    code: 'schema',
    line: 'wrong-type/broken.yml:3:11  organisations[0].name: expected a string, got a number (123)',
  },
  {
    folder: 'missing-field',
    code: 'schema',
    line: "missing-field/broken.yml:2:5  organisations[0].type: missing required field 'type'",
  },
  {
    folder: 'duplicate-id',
    code: 'duplicate-id',
    line: "duplicate-id/more.yml:2:9  organisations[0].id: duplicate id 'kbic': also defined at duplicate-id/entities.yml:2:9",
  },
  {
    folder: 'dangling-reference',
    code: 'unknown-reference',
    line: "dangling-reference/broken.yml:17:34  partnerships[0].parties[1]: unknown organisation 'kbik' — did you mean 'kbic'?",
  },
  {
    folder: 'unknown-source',
    code: 'unknown-source',
    line: "unknown-source/broken.yml:7:25  organisations[0].facts[0].cite.source: unknown source 'papr' — did you mean 'paper'?",
  },
  {
    folder: 'unknown-section',
    code: 'unknown-section',
    line: "unknown-section/broken.yml:7:41  organisations[0].facts[0].cite.section: unknown section 'partner' of source 'paper' — did you mean 'partners'?",
  },
  {
    folder: 'tab-indented',
    code: 'tab-indentation',
    line: 'tab-indented/broken.yml:3:1  tab used for indentation; YAML indents with spaces only',
  },
  { folder: 'empty-file', code: 'empty-file', line: 'empty-file/empty.yml:1:1  file is empty; add entities or delete it' },
  {
    folder: 'not-a-mapping',
    code: 'not-a-mapping',
    line: 'not-a-mapping/broken.yml:1:1  file must be a mapping of kinds (sources, organisations, missions, programmes, partnerships, markets, places, people), not a list',
  },
  {
    folder: 'unknown-field',
    code: 'schema',
    line: "unknown-field/broken.yml:5:5  organisations[0].summry: unknown field 'summry' — did you mean 'summary'?",
  },
  {
    folder: 'unknown-kind',
    code: 'schema',
    line: "unknown-kind/broken.yml:1:1  organizations: unknown field 'organizations' — did you mean 'organisations'?",
  },
  {
    folder: 'bad-enum',
    code: 'schema',
    line: "bad-enum/broken.yml:4:11  organisations[0].type: 'clsuter' is not allowed; use one of: cluster, agency, association, company, foundation, government, hospital, network, research-centre, university, other",
  },
  {
    folder: 'bad-id',
    code: 'schema',
    line: 'bad-id/broken.yml:2:9  organisations[0].id: ids are lowercase kebab-case, like "life-science-nord"',
  },
  {
    folder: 'bad-date',
    code: 'schema',
    line: 'bad-date/broken.yml:5:14  organisations[0].founded: dates are ISO: "2016", "2016-05" or "2016-05-23"',
  },
  {
    folder: 'no-facts',
    code: 'schema',
    line: 'no-facts/broken.yml:5:12  organisations[0].facts: every entity needs at least one cited fact',
  },
  {
    folder: 'wrong-kind-reference',
    code: 'wrong-kind-reference',
    line: "wrong-kind-reference/broken.yml:18:21  partnerships[0].parties[1]: 'kobe' is a place, not an organisation",
  },
  {
    folder: 'alias-collision',
    code: 'alias-collision',
    line: "alias-collision/broken.yml:11:15  organisations[1].aliases[0]: 'kbic' already names 'kbic' (Kobe Biomedical Innovation Cluster); a name or alias must point at one entity",
  },
  {
    folder: 'duplicate-key',
    code: 'yaml-syntax',
    line: 'duplicate-key/broken.yml:4:5  the same key appears twice in one mapping; keep one',
  },
  {
    folder: 'conflict-field',
    code: 'conflict-field',
    line: "conflict-field/broken.yml:20:14  partnerships[0].conflicts.sinse: 'sinse' is not a field of a partnership — did you mean 'since'?",
  },
  {
    folder: 'conflict-unset',
    code: 'conflict-field',
    line: "conflict-unset/broken.yml:19:13  partnerships[0].conflicts.form: 'form' is not set on 'lsn-kbic'; a conflict note sits beside a value",
  },
  {
    folder: 'citation-without-source',
    code: 'schema',
    line: "citation-without-source/broken.yml:7:15  organisations[0].facts[0].cite.source: missing required field 'source'",
  },
];

describe('loadKnowledge on broken fixture folders', () => {
  it.each(CASES)('$folder → $code', async ({ folder, code, line }) => {
    const result = await loadKnowledge(fixture(folder));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([line]);
    expect(result.problems[0]?.code).toBe(code);
    expect(result.problems[0]?.severity).toBe('error');
  });
});

describe('loadKnowledge', () => {
  const temps: string[] = [];
  afterAll(async () => {
    await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const tempCopyOf = async (name: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-'));
    temps.push(dir);
    const target = path.join(dir, 'knowledge');
    await cp(fixture(name), target, { recursive: true });
    return target;
  };

  it('loads a valid folder into a frozen knowledge base with origins', async () => {
    const result = await loadKnowledge(fixture('valid'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { knowledge } = result;
    expect(knowledge.entities.map((e) => `${e.kind}:${e.id}`)).toEqual([
      'organisation:kbic',
      'organisation:life-science-nord',
      'partnership:lsn-kbic',
      'place:kobe',
    ]);
    expect(knowledge.sources.get('paper')?.sections.intro).toBe('Introduction');
    expect(knowledge.byId.get('kbic')).toMatchObject({ founded: '1998', aliases: ['KBIC'] });
    expect(knowledge.byId.get('lsn-kbic')).toMatchObject({
      conflicts: { form: 'the paper also calls it an MoU' },
      facts: [{ conflict: 'the paper also says 2016', derived: '2015: the year the paper gives for the first visit' }],
    });
    expect(knowledge.origins.get('lsn-kbic')).toEqual({ file: 'valid/entities.yml', line: 30, column: 5 });
    expect(Object.isFrozen(knowledge.byId.get('kbic'))).toBe(true);
    expect(Object.isFrozen(knowledge.byId.get('kbic')?.facts[0])).toBe(true);
  });

  it('returns warnings without failing', async () => {
    const result = await loadKnowledge(fixture('warnings'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((p) => [p.code, p.line, p.column, p.severity])).toEqual([
      ['figure-without-date', 6, 15, 'warning'],
      ['missing-section', 7, 15, 'warning'],
    ]);
  });

  it('warns at each later listing of a curated question, naming the first, the same on every read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-questions-'));
    temps.push(dir);
    const org = (id: string, question: string) =>
      `organisations:\n  - id: ${id}\n    name: ${id.toUpperCase()}\n    type: cluster\n    facts:\n` +
      `      - text: ${id.toUpperCase()} is a cluster.\n        cite: { source: paper, section: intro }\n        questions: ["${question}"]\n`;
    await cp(path.join(fixture('warnings'), 'sources.yml'), path.join(dir, 'sources.yml'));
    await writeFile(path.join(dir, 'a.yml'), org('alpha', 'What is Alpha?'));
    await writeFile(path.join(dir, 'b.yml'), `# a comment moves the entity down a line\n${org('beta', 'what is ALPHA')}`);
    const reader = new KnowledgeReader(dir);
    for (let read = 0; read < 2; read++) {
      const result = await reader.read();
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.warnings.map(formatProblem)).toEqual([
        `${path.basename(dir)}/b.yml:9:21  warning organisations[0].facts[0].questions[0]: the question "what is ALPHA" is already listed at ${path.basename(dir)}/a.yml:alpha fact 1; keep it on the fact that answers it best`,
      ]);
    }
  });

  it('refuses a 5 MB file with its size, and loads nothing', async () => {
    const dir = await tempCopyOf('valid');
    const line = '# padding to make a very large knowledge file\n';
    await writeFile(path.join(dir, 'huge.yml'), line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)));
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'knowledge/huge.yml:1:1  file is 5.0 MB; knowledge files may be at most 1 MB — split it',
    ]);
  });

  it('reports a missing folder instead of throwing', async () => {
    const result = await loadKnowledge(fixture('does-not-exist'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ code: 'read-failed', file: 'does-not-exist' });
  });

  it('reports a folder without YAML files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-empty-'));
    temps.push(dir);
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe('no-knowledge');
  });

  it('reads nested folders and both .yml and .yaml', async () => {
    const dir = await tempCopyOf('valid');
    await mkdir(path.join(dir, 'nested'));
    await cp(path.join(dir, 'entities.yml'), path.join(dir, 'nested', 'entities.yaml'));
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The copy re-defines every id: each is reported once, in the nested file, pointing back at the first.
    expect(result.problems.filter((p) => p.code === 'duplicate-id').map((p) => p.file)).toEqual([
      'knowledge/nested/entities.yaml',
      'knowledge/nested/entities.yaml',
      'knowledge/nested/entities.yaml',
      'knowledge/nested/entities.yaml',
    ]);
  });

  it('collects problems from several files in one run: a file that does not parse first, then by file and line', async () => {
    const dir = await tempCopyOf('valid');
    await writeFile(path.join(dir, 'a.yml'), 'organisations:\n  - id: Bad\n');
    await writeFile(path.join(dir, 'b.yml'), '- just a list\n');
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.code}`)).toEqual([
      'knowledge/b.yml:1:not-a-mapping',
      'knowledge/a.yml:2:schema',
      'knowledge/a.yml:2:schema',
      'knowledge/a.yml:2:schema',
      'knowledge/a.yml:2:schema',
    ]);
  });
});
