import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { figuresIn } from '../../src/knowledge/figures.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { formatProblem } from '../../src/knowledge/problem.ts';
import { cutSections } from '../../src/knowledge/source-text.ts';
import { captureIo } from '../helpers/io.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge');
const FIGURES = path.join(FIXTURES, 'figures');
const ROOT = path.join(import.meta.dirname, '..', '..');

describe('figures in prose', () => {
  it.each([
    ['founded in 1998 with 3,300 SMEs', ['1998', '3300']],
    ['48.6% of 2.6757 trillion yen', ['48.6', '2.6757']],
    ['the ERDF ROP 2014-2020', ['2014', '2020']],
    ['Nine projects, eight of them in the EU, and one in the UK', ['9', '8']],
    ['ranks 3rd, up from 24,2', ['3', '24.2']],
  ])('reads %j as %j', (text, values) => {
    expect(figuresIn(text).map((f) => f.value)).toEqual(values);
  });
});

describe('section spans', () => {
  const text = 'Title\n\nContents: Intro\n\nIntro\n\nThe cluster was\n  founded in 1998.\tIt grew.\n\nOutro\n\nThe end.';
  it('cuts a section from its first to its last words, whatever the line breaks', () => {
    const { sections, faults } = cutSections(text, { intro: { from: 'The cluster was founded', to: 'It grew.' } });
    expect(faults).toEqual([]);
    expect(sections.get('intro')).toBe('The cluster was founded in 1998. It grew.');
  });
  it('reports first words that are missing or name more than one place, and last words that never follow', () => {
    const { sections, faults } = cutSections(text, {
      gone: { from: 'Not in the text', to: 'end.' },
      twice: { from: 'Intro', to: 'end.' },
      backwards: { from: 'Outro', to: 'It grew.' },
    });
    expect(sections.size).toBe(0);
    expect(faults.map((f) => [f.section, f.end])).toEqual([
      ['gone', 'from'],
      ['twice', 'from'],
      ['backwards', 'to'],
    ]);
  });
});

describe('lint: every figure of a fact is printed in its cited section', () => {
  it('reports each problem at its file, line and column, pointing at the figure', async () => {
    const result = await loadKnowledge(FIGURES, { sourceTexts: {} });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toEqual([
      "figures/facts.yml:12:31  organisations[0].facts[2].text: '3,800' is not printed in section 'intro' of paper — correct it, cite the section that prints it, or say where it comes from in a derived: note",
      "figures/facts.yml:23:16  organisations[0].facts[5].as_of: as_of 2011 is neither printed in section 'partners' nor the year of the source's date — say where it comes from in a derived: note",
      "figures/facts.yml:24:39  organisations[0].facts[5].conflict: '2013' is printed nowhere in paper — a conflict note reports what another passage prints",
      "figures/sources.yml:20:15  sources[0].sections.lost.from: 'These words are not in the paper' is not in the source text; copy the section's first words from it",
      "figures/sources.yml:24:15  sources[0].sections.twice.from: 'Partnerships' occurs 2 times in the source text; add words until it names one place",
      "figures/sources.yml:26:17  warning sources[0].sections.headless: section 'headless' gives no span; write it as { heading, from, to } so its facts' figures can be checked",
    ]);
  });

  it('accepts a figure written in words, a derived: note naming the figure, the source year as as_of, and digits in a name', async () => {
    const result = await loadKnowledge(FIGURES, { sourceTexts: {} });
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    for (const fact of [0, 1, 3, 4]) expect(paths.filter((p) => p.startsWith(`organisations[0].facts[${fact}]`))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('missions'))).toEqual([]);
  });

  it('reads the texts from another folder by file name when one is given', async () => {
    const result = await loadKnowledge(FIGURES, { sourceTexts: { dir: path.join(FIGURES, 'texts') } });
    expect(result.ok ? [] : result.problems.filter((p) => p.code === 'figure-not-in-section').length).toBe(2);
  });

  it('says clearly that the source texts are missing, as a warning that --strict turns into a failure', async () => {
    const missing = path.join(tmpdir(), 'no-such-source-texts');
    const result = await loadKnowledge(path.join(FIXTURES, 'valid'), { sourceTexts: {} });
    expect(result.ok && result.warnings).toEqual([]);

    const dir = await mkdtemp(path.join(tmpdir(), 'cluster-bot-texts-'));
    try {
      await cp(FIGURES, dir, { recursive: true });
      const io = captureIo({ SOURCE_TEXTS_DIR: missing });
      expect(await main(['lint', dir], io)).toBe(0);
      expect(io.stdout()).toContain(
        `sources.yml:8:11  warning sources[0].file: source text not found: ${path.join(missing, 'paper.txt')} does not exist; the figures of facts citing 'paper' are not checked — set SOURCE_TEXTS_DIR (or lint --source-texts) to the folder that holds the source texts\n`,
      );
      const strict = captureIo({ SOURCE_TEXTS_DIR: missing });
      expect(await main(['lint', dir, '--strict'], strict)).toBe(1);
      expect(strict.stdout()).toMatch(/\(--strict: warnings fail\)\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lint --source-texts takes the folder on the command line', async () => {
    const io = captureIo();
    expect(await main(['lint', FIGURES, '--source-texts', path.join(FIGURES, 'texts')], io)).toBe(1);
    expect(io.stdout()).toMatch(/^tests\/fixtures\/knowledge\/figures\/facts\.yml:12:31 {2}organisations\[0\]\.facts\[2\]\.text: '3,800'/);
    // Only the check against the sources failed: the bot, which reads no source texts, would load and serve it.
    expect(io.stdout()).toMatch(/\nknowledge disagrees with its sources \(the bot would still load it and serve these facts: fix them first\) — \d+ errors/);
    expect(io.stdout()).not.toContain('knowledge not loaded');
  });
});

describe('the knowledge against its four sources', () => {
  it('finds every section span and every figure of every fact in its cited section (or a derived: note)', async () => {
    const result = await loadKnowledge(path.join(ROOT, 'knowledge'), {
      sourceTexts: { ...(process.env.SOURCE_TEXTS_DIR ? { dir: process.env.SOURCE_TEXTS_DIR } : {}) },
    });
    const problems = result.ok ? result.warnings : result.problems;
    expect(problems.map(formatProblem)).toEqual([]);
  });
});
