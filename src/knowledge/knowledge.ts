/**
 * The validated knowledge base: what the answer engine reads. Built only from files that passed validation,
 * and frozen so no consumer can change it under another.
 */
import { deepFreeze } from './freeze.ts';
import { KIND_BY_KEY, type Entity, type EntityKind, type KnowledgeFile, type Source } from './schema.ts';

/** Where an entity is defined, for messages and for maintainers' tools. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Knowledge {
  readonly sources: ReadonlyMap<string, Source>;
  /** Every entity except sources, in file order. */
  readonly entities: readonly Entity[];
  readonly byId: ReadonlyMap<string, Entity>;
  readonly origins: ReadonlyMap<string, Origin>;
  readonly files: readonly string[];
}

/** One file's validated content with the origin of each entity. */
export interface FileContent {
  readonly file: string;
  readonly data: KnowledgeFile;
  readonly origin: (kindKey: string, index: number) => Origin;
}

/** Flattens validated files into entities tagged with their kind. */
export function entitiesOf(data: KnowledgeFile): ReadonlyArray<{ key: keyof typeof KIND_BY_KEY; index: number; entity: Entity | Source }> {
  const known = flattened.get(data);
  if (known) return known;
  const out: Array<{ key: keyof typeof KIND_BY_KEY; index: number; entity: Entity | Source }> = [];
  for (const key of Object.keys(KIND_BY_KEY) as Array<keyof typeof KIND_BY_KEY>) {
    const list = data[key] ?? [];
    list.forEach((item, index) => {
      const entity = key === 'sources' ? (item as Source) : ({ kind: KIND_BY_KEY[key], ...item } as Entity);
      out.push({ key, index, entity });
    });
  }
  flattened.set(data, out);
  return out;
}

/** A file's content is read again on every reload while the file is unchanged: it is flattened once. */
const flattened = new WeakMap<KnowledgeFile, ReadonlyArray<{ key: keyof typeof KIND_BY_KEY; index: number; entity: Entity | Source }>>();

/**
 * One file's share of the knowledge: its sources and entities, frozen, with where each is defined. A reload keeps
 * the part of a file that did not change, so its entities stay the very same objects (which is how the engine tells
 * what changed).
 */
export interface KnowledgePart {
  readonly file: string;
  /** A digest of the file's text: the same text gives the same part. */
  readonly hash: string;
  readonly sources: readonly Source[];
  readonly entities: readonly Entity[];
  readonly origins: ReadonlyArray<readonly [string, Origin]>;
}

/** One file's part, frozen. */
export function partOf(content: FileContent, hash = ''): KnowledgePart {
  const sources: Source[] = [];
  const entities: Entity[] = [];
  const origins: Array<readonly [string, Origin]> = [];
  for (const { key, index, entity } of entitiesOf(content.data)) {
    origins.push([entity.id, content.origin(key, index)]);
    if (key === 'sources') sources.push(entity as Source);
    else entities.push(entity as Entity);
  }
  return deepFreeze({ file: content.file, hash, sources, entities, origins });
}

/**
 * The knowledge base of a folder's files, in file order. O(entities) pointer copies: parts are reused, not copied.
 * With `before`, the knowledge of the previous parts, its maps are copied and only the parts that changed are put in.
 */
export function assembleKnowledge(parts: readonly KnowledgePart[], before?: { knowledge: Knowledge; parts: readonly KnowledgePart[] }): Knowledge {
  if (before && before.parts.length === parts.length && before.parts.every((p, i) => p.file === parts[i]!.file)) {
    const changed = parts.filter((p, i) => p !== before.parts[i]);
    if (changed.length < parts.length / 4) {
      const byId = new Map(before.knowledge.byId);
      const origins = new Map(before.knowledge.origins);
      const sources = new Map(before.knowledge.sources);
      for (const part of before.parts.filter((p, i) => p !== parts[i])) {
        for (const [id] of part.origins) {
          byId.delete(id);
          origins.delete(id);
          sources.delete(id);
        }
      }
      for (const part of changed) {
        for (const [id, origin] of part.origins) origins.set(id, origin);
        for (const source of part.sources) sources.set(source.id, source);
        for (const entity of part.entities) byId.set(entity.id, entity);
      }
      const entities: Entity[] = [];
      for (const part of parts) for (const entity of part.entities) entities.push(entity);
      return Object.freeze({ sources, entities: Object.freeze(entities), byId, origins, files: before.knowledge.files });
    }
  }
  const sources = new Map<string, Source>();
  const entities: Entity[] = [];
  const byId = new Map<string, Entity>();
  const origins = new Map<string, Origin>();
  for (const part of parts) {
    for (const [id, origin] of part.origins) origins.set(id, origin);
    for (const source of part.sources) sources.set(source.id, source);
    for (const entity of part.entities) {
      entities.push(entity);
      byId.set(entity.id, entity);
    }
  }
  return Object.freeze({
    sources,
    entities: Object.freeze(entities),
    byId,
    origins,
    files: Object.freeze(parts.map((p) => p.file)),
  });
}

/** Builds the frozen knowledge base from validated files. */
export function buildKnowledge(files: readonly FileContent[]): Knowledge {
  return assembleKnowledge(files.map((file) => partOf(file)));
}

/** Counts entities by kind, facts, and facts by source. */
export function knowledgeStats(knowledge: Knowledge): {
  byKind: Record<EntityKind, number>;
  facts: number;
  sources: number;
  factsBySource: Record<string, number>;
} {
  const byKind: Record<EntityKind, number> = {
    organisation: 0,
    mission: 0,
    programme: 0,
    partnership: 0,
    market: 0,
    place: 0,
    person: 0,
  };
  const factsBySource: Record<string, number> = {};
  for (const id of knowledge.sources.keys()) factsBySource[id] = 0;
  let facts = 0;
  for (const entity of knowledge.entities) {
    byKind[entity.kind]++;
    for (const fact of entity.facts) {
      facts++;
      factsBySource[fact.cite.source] = (factsBySource[fact.cite.source] ?? 0) + 1;
    }
  }
  return { byKind, facts, sources: knowledge.sources.size, factsBySource };
}
