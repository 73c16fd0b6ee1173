/**
 * Checks across files that zod cannot make one file at a time: unique ids, references that resolve to an entity of
 * the right kind, citations that name a known source and section, aliases that point at one entity only, and
 * warnings for facts a maintainer should look at again.
 */
import { problemAt, type ParsedFile } from './parse.ts';
import type { Problem } from './problem.ts';
import { Market, Mission, Organisation, Partnership, Person, Place, Programme, type Entity, type EntityKind, type Source } from './schema.ts';
import { entitiesOf } from './knowledge.ts';
import { didYouMean } from './similar.ts';

type Path = Array<string | number>;

interface Located {
  readonly parsed: ParsedFile;
  readonly path: Path;
}

interface Reference {
  readonly path: Path;
  readonly id: string;
  /** Kinds the reference may point to; empty means any entity kind. */
  readonly kinds: readonly EntityKind[];
}

/** A figure worth dating: a number followed by a unit or a per cent sign. */
const FIGURE =
  /\d[\d.,]*\s*(?:%|per ?cent|percent|(?:million|billion|trillion)\b|yen\b|units\b|members\b|companies\b|jobs\b|SMEs\b|participants\b|kW\b|GW\b|MW\b)/i;
/** Facts longer than this read as paragraphs, not snippets. */
const LONG_FACT = 320;

/** What the cross-file checks found, and how many references they held back. */
export interface CrossFileReport {
  readonly problems: Problem[];
  /** References to ids in `pending`: unknown only because the file defining them did not load. */
  readonly heldBack: number;
}

/** One entity or source of a file: where it is and what kind it is. */
interface FileRecord extends Located {
  readonly kind: EntityKind | 'source';
  readonly entity: Entity | Source;
}

/**
 * A file's entities and sources as the checks read them, made once per parsed file (a reader keeps the parsed file
 * of an unchanged text from one read to the next, so a reload makes them only for the files that changed).
 */
const records = new WeakMap<ParsedFile, readonly FileRecord[]>();

function recordsOf(parsed: ParsedFile): readonly FileRecord[] {
  let list = records.get(parsed);
  if (!list) {
    list = entitiesOf(parsed.data!).map(({ key, index, entity }) => ({
      parsed,
      path: [key, index],
      kind: key === 'sources' ? 'source' : (entity as Entity).kind,
      entity,
    }));
    records.set(parsed, list);
  }
  return list;
}

/**
 * Runs every cross-file check; files whose schema failed are skipped (their problems are already reported). A
 * reference to an id in `pending` (ids a file that did not load appears to define) is counted, not reported: it
 * follows from that file's own error, and would bury it.
 */
export function validateAcrossFiles(files: readonly ParsedFile[], pending: ReadonlySet<string> = new Set()): CrossFileReport {
  const problems: Problem[] = [];
  let heldBack = 0;
  const defined = new Map<string, Located & { kind: EntityKind | 'source' }>();
  const sources = new Map<string, Source>();
  const entities: Array<Located & { entity: Entity }> = [];

  for (const parsed of files) {
    if (!parsed.data) continue;
    for (const record of recordsOf(parsed)) {
      const { path, kind, entity } = record;
      const previous = defined.get(entity.id);
      if (previous) {
        const at = problemAt(previous.parsed, [...previous.path, 'id'], 'duplicate-id', '');
        problems.push(
          problemAt(
            parsed,
            [...path, 'id'],
            'duplicate-id',
            `duplicate id '${entity.id}': also defined at ${at.file}:${at.line}:${at.column}`,
          ),
        );
        continue;
      }
      defined.set(entity.id, record);
      if (kind === 'source') sources.set(entity.id, entity as Source);
      else entities.push(record as Located & { entity: Entity });
    }
  }

  const idsOfKind = (kinds: readonly EntityKind[]) =>
    [...defined].filter(([, d]) => d.kind !== 'source' && (kinds.length === 0 || kinds.includes(d.kind))).map(([id]) => id);

  for (const { parsed, path, entity } of entities) {
    for (const ref of referencesOfCached(entity)) {
      const target = defined.get(ref.id);
      // Most references resolve: the path and the wording are made only for one that does not.
      if (target && target.kind !== 'source' && (ref.kinds.length === 0 || ref.kinds.includes(target.kind))) continue;
      const where = [...path, ...ref.path];
      const wanted = ref.kinds.length === 0 ? 'entity' : ref.kinds.join(' or ');
      if (!target && pending.has(ref.id)) {
        heldBack++;
      } else if (!target || target.kind === 'source') {
        problems.push(
          problemAt(parsed, where, 'unknown-reference', `unknown ${wanted} '${ref.id}'${didYouMean(ref.id, idsOfKind(ref.kinds))}`),
        );
      } else if (ref.kinds.length > 0 && !ref.kinds.includes(target.kind)) {
        problems.push(problemAt(parsed, where, 'wrong-kind-reference', `'${ref.id}' is ${anA(target.kind)}, not ${anA(wanted)}`));
      }
    }
    for (const problem of ownProblems(parsed, path, entity)) problems.push(problem);
    entity.facts.forEach((fact, i) => {
      const source = sources.get(fact.cite.source);
      if (source && fact.cite.section !== undefined && fact.cite.section in source.sections) return;
      const factPath = [...path, 'facts', i];
      if (!source && pending.has(fact.cite.source)) {
        heldBack++;
      } else if (!source) {
        problems.push(
          problemAt(
            parsed,
            [...factPath, 'cite', 'source'],
            'unknown-source',
            `unknown source '${fact.cite.source}'${didYouMean(fact.cite.source, sources.keys())}`,
          ),
        );
      } else if (fact.cite.section === undefined) {
        problems.push(
          problemAt(parsed, [...factPath, 'cite'], 'missing-section', `citation names no section of '${source.id}'`, 'warning'),
        );
      } else if (!(fact.cite.section in source.sections)) {
        const known = Object.keys(source.sections);
        const hint = didYouMean(fact.cite.section, known) || ` — sections: ${known.join(', ')}`;
        problems.push(
          problemAt(
            parsed,
            [...factPath, 'cite', 'section'],
            'unknown-section',
            `unknown section '${fact.cite.section}' of source '${source.id}'${hint}`,
          ),
        );
      }
    });
  }

  // One by one: a spread of a long list (a warning for every question of a large knowledge) overflows the stack.
  for (const problem of duplicateQuestions(entities)) problems.push(problem);
  for (const problem of aliasCollisions(entities)) problems.push(problem);
  return { problems, heldBack };
}

/**
 * Curated questions listed on two facts, compared without case or punctuation: the two facts would compete for the
 * question, which belongs on the one that answers it best. One warning at each later listing, naming the first.
 */
function duplicateQuestions(entities: ReadonlyArray<Located & { entity: Entity }>): Problem[] {
  const problems: Problem[] = [];
  // Where each question was first seen: a number in `seenAt`, where the entity's place in `entities` and the fact's
  // index follow each other. Nothing is allocated for a question seen once, which is nearly every question.
  const firstSeen = new Map<string, number>();
  const seenAt: number[] = [];
  for (let e = 0; e < entities.length; e++) {
    const { parsed, path, entity } = entities[e]!;
    const keys = questionKeysOf(entity);
    for (let i = 0; i < keys.length; i++) {
      const factKeys = keys[i]!;
      for (let q = 0; q < factKeys.length; q++) {
        const key = factKeys[q]!;
        const at = firstSeen.get(key);
        if (at === undefined) {
          firstSeen.set(key, seenAt.length);
          seenAt.push(e, i);
          continue;
        }
        const first = entities[seenAt[at]!]!;
        const question = entity.facts[i]!.questions[q]!;
        problems.push(
          problemAt(
            parsed,
            [...path, 'facts', i, 'questions', q],
            'duplicate-question',
            `the question "${question}" is already listed at ${first.parsed.file}:${first.entity.id} fact ${seenAt[at + 1]! + 1}; keep it on the fact that answers it best`,
            'warning',
          ),
        );
      }
    }
  }
  return problems;
}

/** Each fact's curated questions as compared (without case or punctuation), worked out once per entity object. */
const questionKeys = new WeakMap<Entity, ReadonlyArray<readonly string[]>>();

function questionKeysOf(entity: Entity): ReadonlyArray<readonly string[]> {
  let keys = questionKeys.get(entity);
  if (!keys) {
    keys = entity.facts.map((fact) => fact.questions.map((question) => question.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()));
    questionKeys.set(entity, keys);
  }
  return keys;
}

/** What an entity alone shows: notes on fields it does not set, figures without a date, facts too long. */
const own = new WeakMap<Entity, Problem[]>();

/** The problems an entity shows on its own, found once per entity object (a reload keeps the objects of unchanged files). */
function ownProblems(parsed: ParsedFile, path: Path, entity: Entity): Problem[] {
  let problems = own.get(entity);
  if (problems) return problems;
  problems = [];
  for (const field of Object.keys(entity.conflicts ?? {})) problems.push(...conflictField(parsed, path, entity, field));
  entity.facts.forEach((fact, i) => {
    const factPath = [...path, 'facts', i];
    if (fact.as_of === undefined && FIGURE.test(fact.text)) {
      problems!.push(
        problemAt(parsed, [...factPath, 'text'], 'figure-without-date', 'fact states a figure; add as_of: the year the figure refers to', 'warning'),
      );
    }
    if (fact.text.length > LONG_FACT) {
      problems!.push(
        problemAt(
          parsed,
          [...factPath, 'text'],
          'long-fact',
          `fact is ${fact.text.length} characters; a snippet reads best under ${LONG_FACT} — split it`,
          'warning',
        ),
      );
    }
  });
  own.set(entity, problems);
  return problems;
}

/** Fields a conflict note may not be about: they are the entity's own words, not something a source states. */
const NOT_NOTED = new Set(['id', 'kind', 'name', 'aliases', 'summary', 'facts', 'conflicts']);

const SHAPES: Record<EntityKind, object> = {
  organisation: Organisation.shape,
  mission: Mission.shape,
  programme: Programme.shape,
  partnership: Partnership.shape,
  market: Market.shape,
  place: Place.shape,
  person: Person.shape,
};

/** A `conflicts` key must name a structured field the entity sets, so the note sits beside the value it doubts. */
function conflictField(parsed: ParsedFile, path: Path, entity: Entity, field: string): Problem[] {
  const fields = Object.keys(SHAPES[entity.kind]).filter((key) => !NOT_NOTED.has(key));
  const value = (entity as unknown as Record<string, unknown>)[field];
  const where = [...path, 'conflicts', field];
  if (!fields.includes(field)) {
    return [problemAt(parsed, where, 'conflict-field', `'${field}' is not a field of ${anA(entity.kind)}${didYouMean(field, fields)}`)];
  }
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    return [problemAt(parsed, where, 'conflict-field', `'${field}' is not set on '${entity.id}'; a conflict note sits beside a value`)];
  }
  return [];
}

const normalised = new Map<string, string>();

/** Lower-cased, accent-free, punctuation-light form under which names and aliases are compared. */
export function normaliseName(name: string): string {
  let key = normalised.get(name);
  if (key === undefined) {
    key = normaliseNameOnce(name);
    if (normalised.size >= 200_000) normalised.clear();
    normalised.set(name, key);
  }
  return key;
}

function normaliseNameOnce(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‐‑–—-]/g, ' ')
    .replace(/[^\p{L}\p{N}+ ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function aliasCollisions(entities: ReadonlyArray<Located & { entity: Entity }>): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, Entity>();
  for (const { parsed, path, entity } of entities) {
    for (let n = -1; n < entity.aliases.length; n++) {
      const value = n < 0 ? entity.name : entity.aliases[n]!;
      const key = normaliseName(value);
      if (!key || namedBefore(entity, n, key)) continue;
      const first = owner.get(key);
      if (first && first.id !== entity.id) {
        problems.push(
          problemAt(
            parsed,
            n < 0 ? [...path, 'name'] : [...path, 'aliases', n],
            'alias-collision',
            `'${value}' already names '${first.id}' (${first.name}); a name or alias must point at one entity`,
          ),
        );
      } else if (!first) {
        owner.set(key, entity);
      }
    }
  }
  return problems;
}

/** Whether the entity's name or an alias before alias `n` (-1: the name itself) has the key: an entity has few names. */
function namedBefore(entity: Entity, n: number, key: string): boolean {
  if (n < 0) return false;
  if (normaliseName(entity.name) === key) return true;
  for (let i = 0; i < n; i++) if (normaliseName(entity.aliases[i]!) === key) return true;
  return false;
}

const references = new WeakMap<Entity, Reference[]>();

function referencesOfCached(entity: Entity): Reference[] {
  let refs = references.get(entity);
  if (!refs) references.set(entity, (refs = referencesOf(entity)));
  return refs;
}

/** Every id an entity refers to, with where it sits and what kind it must be. */
function referencesOf(entity: Entity): Reference[] {
  const refs: Reference[] = [];
  const one = (field: string, id: string | undefined, kinds: EntityKind[]) => {
    if (id !== undefined) refs.push({ path: [field], id, kinds });
  };
  const many = (field: string, ids: readonly string[], kinds: EntityKind[]) => {
    ids.forEach((id, i) => {
      refs.push({ path: [field, i], id, kinds });
    });
  };
  switch (entity.kind) {
    case 'organisation':
      one('place', entity.place, ['place']);
      one('part_of', entity.part_of, ['organisation']);
      break;
    case 'mission':
      many('places', entity.places, ['place']);
      many('organisers', entity.organisers, ['organisation']);
      many('participants', entity.participants, ['organisation', 'person']);
      many('programmes', entity.programmes, ['programme']);
      entity.meetings.forEach((meeting, m) => {
        meeting.with.forEach((id, i) => {
          refs.push({ path: ['meetings', m, 'with', i], id, kinds: ['organisation'] });
        });
        meeting.people.forEach((id, i) => {
          refs.push({ path: ['meetings', m, 'people', i], id, kinds: ['person'] });
        });
        if (meeting.place) refs.push({ path: ['meetings', m, 'place'], id: meeting.place, kinds: ['place'] });
      });
      break;
    case 'programme':
      many('run_by', entity.run_by, ['organisation']);
      break;
    case 'partnership':
      many('parties', entity.parties, ['organisation']);
      many('programmes', entity.programmes, ['programme']);
      many('contacts', entity.contacts, ['person']);
      many('places', entity.places, ['place']);
      break;
    case 'market':
      many('players', entity.players, ['organisation']);
      break;
    case 'place':
      one('within', entity.within, ['place']);
      break;
    case 'person':
      one('organisation', entity.organisation, ['organisation']);
      break;
  }
  entity.facts.forEach((fact, f) => {
    fact.about.forEach((id, i) => {
      refs.push({ path: ['facts', f, 'about', i], id, kinds: [] });
    });
  });
  return refs;
}

function anA(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
