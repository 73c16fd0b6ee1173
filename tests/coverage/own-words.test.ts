import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { sourceTextPath } from '../../src/knowledge/source-text.ts';
import { fold } from '../../src/search/text.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const KNOWLEDGE = path.join(ROOT, 'knowledge');
/** A fact may share at most this many consecutive words with its source, names aside. */
const LONGEST_SHARED_RUN = 11;

const words = (text: string) =>
  fold(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

describe('facts are written in our own words', () => {
  it(`shares no run of more than ${LONGEST_SHARED_RUN} words with the cited source, names aside`, async () => {
    const loaded = await loadKnowledge(KNOWLEDGE);
    if (!loaded.ok) throw new Error('knowledge does not load');
    const { knowledge } = loaded;
    // Names stay exact, so a long name (the ECCP project's runs to 17 words) is not copying: mask every name and
    // alias of three words or more, longest first, on both sides.
    const names = knowledge.entities
      .flatMap((e) => [e.name, ...e.aliases])
      .map((n) => words(n).join(' '))
      .filter((n) => n.split(' ').length >= 3)
      .sort((a, b) => b.length - a.length);
    const mask = (text: string) => {
      let out = ` ${words(text).join(' ')} `;
      for (const name of names) out = out.split(` ${name} `).join(' \u0000 ');
      return out.trim().split(' ');
    };
    const runs = new Map<string, Set<string>>();
    for (const source of knowledge.sources.values()) {
      if (!source.file) continue;
      const text = mask(await readFile(sourceTextPath(KNOWLEDGE, source.file, process.env.SOURCE_TEXTS_DIR || undefined), 'utf8'));
      const grams = new Set<string>();
      for (let i = 0; i + LONGEST_SHARED_RUN < text.length; i++) grams.add(text.slice(i, i + LONGEST_SHARED_RUN + 1).join(' '));
      runs.set(source.id, grams);
    }
    const copied: string[] = [];
    for (const entity of knowledge.entities) {
      for (const fact of entity.facts) {
        const grams = runs.get(fact.cite.source);
        if (!grams) continue;
        const text = mask(fact.text);
        for (let i = 0; i + LONGEST_SHARED_RUN < text.length; i++) {
          const gram = text.slice(i, i + LONGEST_SHARED_RUN + 1).join(' ');
          if (!gram.includes('\u0000') && grams.has(gram)) {
            copied.push(`${entity.id}: ${fact.text}`);
            break;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });
});
