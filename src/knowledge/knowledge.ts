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
export function entitiesOf(data: KnowledgeFile): Array<{ key: keyof typeof KIND_BY_KEY; index: number; entity: Entity | Source }> {
  const out: Array<{ key: keyof typeof KIND_BY_KEY; index: number; entity: Entity | Source }> = [];
  for (const key of Object.keys(KIND_BY_KEY) as Array<keyof typeof KIND_BY_KEY>) {
    const list = data[key] ?? [];
    list.forEach((item, index) => {
      const entity = key === 'sources' ? (item as Source) : ({ kind: KIND_BY_KEY[key], ...item } as Entity);
      out.push({ key, index, entity });
    });
  }
  return out;
}

/** Builds the frozen knowledge base from validated files. */
export function buildKnowledge(files: readonly FileContent[]): Knowledge {
  const sources = new Map<string, Source>();
  const entities: Entity[] = [];
  const byId = new Map<string, Entity>();
  const origins = new Map<string, Origin>();
  for (const content of files) {
    for (const { key, index, entity } of entitiesOf(content.data)) {
      origins.set(entity.id, content.origin(key, index));
      if (key === 'sources') {
        sources.set(entity.id, deepFreeze(entity as Source));
      } else {
        const frozen = deepFreeze(entity as Entity);
        entities.push(frozen);
        byId.set(frozen.id, frozen);
      }
    }
  }
  return Object.freeze({
    sources,
    entities: Object.freeze(entities),
    byId,
    origins,
    files: Object.freeze(files.map((f) => f.file)),
  });
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
