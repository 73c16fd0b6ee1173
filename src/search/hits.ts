/**
 * Facts found for a question (hits) and their grouping by entity: an answer shows an entity with its best facts.
 */
import type { Entity } from '../knowledge/schema.ts';
import type { SearchTuning } from './defaults.ts';
import type { FactDocument } from './documents.ts';
import type { SearchIndex } from './index.ts';

/** One fact found for a question. */
export interface Hit {
  readonly doc: FactDocument;
  readonly score: number;
  /** Question words (surface forms) this fact matched, with the credit each earns (a synonym earns less). */
  readonly covered: ReadonlyMap<string, number>;
  /** The fact holds the kind of value the question wants. */
  readonly fits: boolean;
  /** Index terms that matched, for marking words. */
  readonly terms: readonly string[];
}

/** An entity and the facts found for it, best first. */
export interface Group {
  readonly entity: Entity;
  readonly hits: Hit[];
  score: number;
}

/** Groups hits by entity; a group scores its best fact plus a little for each further one. */
export function groupHits(index: SearchIndex, hits: readonly Hit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    let group = groups.get(hit.doc.entityId);
    if (!group) {
      const entity = index.knowledge.byId.get(hit.doc.entityId)!;
      group = { entity, hits: [], score: 0 };
      groups.set(entity.id, group);
    }
    group.hits.push(hit);
  }
  for (const group of groups.values()) {
    group.hits.sort((a, b) => b.score - a.score || a.doc.factIndex - b.doc.factIndex);
    const [best, second] = group.hits;
    group.score = (best?.score ?? 0) + 0.15 * (second?.score ?? 0);
  }
  return [...groups.values()].sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name));
}

/** The facts a group shows: its best, and the next ones that score close enough to it. */
export function keptHits(group: Group, tuning: SearchTuning): Hit[] {
  const best = group.hits[0];
  if (!best) return [];
  return group.hits.filter((h) => h.score >= best.score * tuning.groupKeepRatio).slice(0, tuning.factsPerAnswer);
}

/** A group made of an entity's facts in curated order: its card. */
export function cardGroup(entity: Entity, score: number): Group {
  return { entity, score, hits: [] };
}
