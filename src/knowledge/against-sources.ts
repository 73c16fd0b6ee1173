/**
 * Checks the knowledge against the source texts themselves: every section's span is found in its source's text, and
 * every figure and year a fact states is printed in the section it cites — or the fact's `derived:` note names the
 * figure and says where it comes from. A fact's `as_of` counts as a figure; the year of the source's own date needs
 * no note, since a figure the source gives without a year is as old as the source. Digits inside a name or alias
 * ("Bio Japan 2023", "ESCP-4i") are part of the name, not figures.
 */
import type { Entity, Source } from './schema.ts';
import { entitiesOf } from './knowledge.ts';
import { figureSet, figuresIn } from './figures.ts';
import { problemAt, problemWithin, type ParsedFile } from './parse.ts';
import type { Problem } from './problem.ts';
import { cutSections, readSourceText, sourceTextPath } from './source-text.ts';

export interface SourceTextOptions {
  /**
   * A folder holding the source texts, looked up by the base name of each source's `file`. Without it, `file` is
   * read relative to the knowledge folder.
   */
  readonly dir?: string;
}

/** What the check knows of one source's text. */
interface SourceFigures {
  readonly source: Source;
  /** Figures of each section whose span was found. */
  readonly sections: ReadonlyMap<string, ReadonlySet<string>>;
  /** Figures anywhere in the text. */
  readonly all: ReadonlySet<string>;
}

/** Runs the span and figure checks; `knowledgeDir` is the absolute knowledge folder. Never throws. */
export async function checkAgainstSources(
  files: readonly ParsedFile[],
  knowledgeDir: string,
  options: SourceTextOptions = {},
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const texts = new Map<string, SourceFigures>();

  for (const parsed of files) {
    if (!parsed.data) continue;
    for (const [index, source] of (parsed.data.sources ?? []).entries()) {
      const path = ['sources', index];
      if (!source.file) continue;
      const where = sourceTextPath(knowledgeDir, source.file, options.dir);
      const read = await readSourceText(where);
      if (!read.ok) {
        problems.push(
          problemAt(
            parsed,
            [...path, 'file'],
            'source-text-missing',
            `source text not found: ${read.reason}; the figures of facts citing '${source.id}' are not checked — ` +
              'set SOURCE_TEXTS_DIR (or lint --source-texts) to the folder that holds the source texts',
            'warning',
          ),
        );
        continue;
      }
      const { sections, faults } = cutSections(read.text, source.spans);
      for (const fault of faults) {
        problems.push(problemAt(parsed, [...path, 'sections', fault.section, fault.end], 'section-span', fault.message));
      }
      for (const id of Object.keys(source.sections)) {
        if (!(id in source.spans)) {
          problems.push(
            problemAt(
              parsed,
              [...path, 'sections', id],
              'section-without-span',
              `section '${id}' gives no span; write it as { heading, from, to } so its facts' figures can be checked`,
              'warning',
            ),
          );
        }
      }
      texts.set(source.id, {
        source,
        sections: new Map([...sections].map(([id, text]) => [id, figureSet(text)])),
        all: figureSet(read.text),
      });
    }
  }

  const entities = files.flatMap((parsed) =>
    parsed.data
      ? entitiesOf(parsed.data)
          .filter(({ key }) => key !== 'sources')
          .map(({ key, index, entity }) => ({ parsed, path: [key, index], entity: entity as Entity }))
      : [],
  );
  const names = numberedNames(entities.map((e) => e.entity));
  for (const { parsed, path, entity } of entities) problems.push(...checkEntity(parsed, path, entity, texts, names));
  return problems;
}

/** Names and aliases that hold a digit, longest first, as patterns that match them as whole words. */
function numberedNames(entities: readonly Entity[]): RegExp[] {
  const names = new Set<string>();
  for (const entity of entities) for (const name of [entity.name, ...entity.aliases]) if (/\d/.test(name)) names.add(name);
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** The text with every numbered name blanked out (same length, so positions still hold). */
function withoutNames(text: string, names: readonly RegExp[]): string {
  let out = text;
  for (const name of names) out = out.replace(name, (match) => ' '.repeat(match.length));
  return out;
}

function checkEntity(
  parsed: ParsedFile,
  path: ReadonlyArray<string | number>,
  entity: Entity,
  texts: ReadonlyMap<string, SourceFigures>,
  names: readonly RegExp[],
): Problem[] {
  const problems: Problem[] = [];
  entity.facts.forEach((fact, f) => {
    const factPath = [...path, 'facts', f];
    const known = texts.get(fact.cite.source);
    if (!known) return;
    const section = fact.cite.section ? known.sections.get(fact.cite.section) : undefined;
    if (section) {
      const derived = figureSet(fact.derived ?? '');
      const missing = new Set<string>();
      for (const figure of figuresIn(withoutNames(fact.text, names))) {
        if (section.has(figure.value) || derived.has(figure.value) || missing.has(figure.value)) continue;
        missing.add(figure.value);
        problems.push(
          problemWithin(
            parsed,
            [...factPath, 'text'],
            figure.raw,
            'figure-not-in-section',
            `'${figure.raw}' is not printed in section '${fact.cite.section}' of ${known.source.id} — correct it, cite the ` +
              'section that prints it, or say where it comes from in a derived: note',
          ),
        );
      }
      if (fact.as_of) {
        const year = fact.as_of.slice(0, 4);
        if (!section.has(year) && !derived.has(year) && year !== known.source.date.slice(0, 4)) {
          problems.push(
            problemAt(
              parsed,
              [...factPath, 'as_of'],
              'figure-not-in-section',
              `as_of ${fact.as_of} is neither printed in section '${fact.cite.section}' nor the year of the source's date — ` +
                'say where it comes from in a derived: note',
            ),
          );
        }
      }
    }
    if (fact.conflict) {
      for (const figure of figuresIn(fact.conflict)) {
        if (known.all.has(figure.value)) continue;
        problems.push(
          problemWithin(
            parsed,
            [...factPath, 'conflict'],
            figure.raw,
            'figure-not-in-source',
            `'${figure.raw}' is printed nowhere in ${known.source.id} — a conflict note reports what another passage prints`,
          ),
        );
      }
    }
  });
  // A field's conflict note is checked against every source the entity's facts cite.
  const cited = [...new Set(entity.facts.map((fact) => fact.cite.source))].flatMap((id) => texts.get(id) ?? []);
  if (cited.length > 0) {
    for (const [field, note] of Object.entries(entity.conflicts ?? {})) {
      for (const figure of figuresIn(note)) {
        if (cited.some((t) => t.all.has(figure.value))) continue;
        problems.push(
          problemWithin(
            parsed,
            [...path, 'conflicts', field],
            figure.raw,
            'figure-not-in-source',
            `'${figure.raw}' is printed in none of the sources this entity cites — a conflict note reports what another passage prints`,
          ),
        );
      }
    }
  }
  return problems;
}
