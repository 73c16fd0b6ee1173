/**
 * The knowledge schema: what a file in `knowledge/` may hold.
 *
 * A file is a mapping whose top-level keys name entity kinds (`sources`, `organisations`, `missions`,
 * `programmes`, `partnerships`, `markets`, `places`, `people`), each holding a list of entities. Objects are
 * strict so a misspelt key is reported instead of silently dropped. Cross-references (ids of other entities)
 * are checked by `validate.ts`, not here: zod sees one file at a time.
 */
import { z } from 'zod';

/** Lowercase kebab-case: `kbic`, `clust-er-health`, `jetro-rit`. */
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'ids are lowercase kebab-case, like "life-science-nord"' });

/** A year, year-month or full date; a bare year may be written unquoted. Normalised to a string. */
export const IsoDate = z
  .union([
    z.int().min(1800).max(2200),
    z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, {
      error: 'dates are ISO: "2016", "2016-05" or "2016-05-23"',
    }),
  ])
  .transform((value) => String(value));

const Text = z.string().trim().min(1, { error: 'must not be empty' });
const Label = z.string().trim().min(1, { error: 'must not be empty' }).max(200);
const Aliases = z.array(Label).default([]);
const Slugs = z.array(Id).default([]);
const Refs = z.array(Id).default([]);

/** Where a fact comes from: a source id and the id of one of that source's sections. */
export const Citation = z.strictObject({
  source: Id,
  section: Id.optional(),
});

/** One short statement in our own words, with its citation. */
export const Fact = z.strictObject({
  text: Text.max(600, { error: 'a fact is a sentence or two (600 characters at most); split it' }),
  cite: Citation,
  /** The year (or date) a figure in the text refers to: a market size "in 2013" is not today's. */
  as_of: IsoDate.optional(),
  /** Other entities this fact is about, so it is also found from them. */
  about: Refs,
  /**
   * Why a figure or year in the text is not printed in the cited section, naming each such figure: "2023: the
   * article's date", "2022: the article, from November 2023, says the relations began 'in the last year'".
   */
  derived: Text.max(300).optional(),
  /** What another passage of the sources says against this fact: "§3.3 calls it a letter of intent". Shown in answers. */
  conflict: Text.max(300).optional(),
  /**
   * Questions this fact answers, phrased as people type them ("when was KBIC set up?"): alternate questions, as
   * curated Q&A systems keep them. Indexed and counted for matching and confidence; never shown.
   */
  questions: z.array(z.string().trim().min(3, { error: 'a question needs a few words' }).max(200)).default([]),
});

const Facts = z.array(Fact).min(1, { error: 'every entity needs at least one cited fact' });

/**
 * Notes on structured fields the sources contradict, by field name: `{ form: "§3.1 calls it an MoU" }`. The field
 * holds one reading; the note says what the other passage says.
 */
const Conflicts = z
  .record(z.string().regex(/^[a-z_]+$/, { error: 'conflicts are keyed by a field name, like "since"' }), Text.max(300))
  .optional();

/** Fields every named entity shares. */
const Named = {
  id: Id,
  name: Label,
  aliases: Aliases,
  summary: Text.max(400).optional(),
  facts: Facts,
  conflicts: Conflicts,
};

/**
 * Where a section lies in the source text: its first and last words, copied from the text (runs of spaces, tabs and
 * line breaks count as one space). The section runs from the one place `from` occurs to the first `to` after it.
 */
export const SectionSpan = z.strictObject({
  heading: Label,
  from: Text,
  to: Text,
});

export const Source = z
  .strictObject({
    id: Id,
    title: Label,
    /** Short label used in citations: "ECCP discussion paper on Japan". */
    short: Label,
    publisher: Label,
    date: IsoDate,
    /** Why the date is what it is, when it is inferred rather than printed. */
    date_note: Text.optional(),
    url: z.url().optional(),
    /** The text the source was read from: a path relative to the knowledge folder. */
    file: Label.optional(),
    kind: z.enum(['news-article', 'report', 'web-page']),
    /** Section ids used by citations, each with its heading, or with its heading and its span in the text. */
    sections: z.record(Id, z.union([Label, SectionSpan])).default({}),
  })
  .transform(({ sections, ...source }) => {
    const headings: Record<string, string> = {};
    const spans: Record<string, { from: string; to: string }> = {};
    for (const [id, value] of Object.entries(sections)) {
      if (typeof value === 'string') headings[id] = value;
      else {
        headings[id] = value.heading;
        spans[id] = { from: value.from, to: value.to };
      }
    }
    return { ...source, sections: headings, spans };
  });

export const OrganisationType = z.enum([
  'cluster',
  'agency',
  'association',
  'company',
  'foundation',
  'government',
  'hospital',
  'network',
  'research-centre',
  'university',
  'other',
]);

export const Organisation = z.strictObject({
  ...Named,
  type: OrganisationType,
  country: Label.optional(),
  /** The most specific place id (a city, prefecture or region). */
  place: Id.optional(),
  sectors: Slugs,
  founded: IsoDate.optional(),
  /** The organisation this one belongs to (a centre inside an institute, a department of a university). */
  part_of: Id.optional(),
  website: z.url().optional(),
});

export const Meeting = z.strictObject({
  /** Organisations met. */
  with: z.array(Id).min(1),
  place: Id.optional(),
  date: IsoDate.optional(),
  /** People met, by person id. */
  people: Refs,
});

export const MissionType = z.enum([
  'mission',
  'study-visit',
  'business-mission',
  'fair',
  'conference',
  'matchmaking',
  'assembly',
  'expo',
  'visit',
]);

export const Mission = z.strictObject({
  id: Id,
  name: Label,
  aliases: Aliases,
  type: MissionType,
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  places: Refs,
  organisers: Refs,
  participants: Refs,
  meetings: z.array(Meeting).default([]),
  programmes: Refs,
  themes: Slugs,
  summary: Text.max(400).optional(),
  facts: Facts,
  conflicts: Conflicts,
});

export const ProgrammeType = z.enum([
  'funding',
  'policy',
  'agreement',
  'project',
  'service',
  'platform',
  'strategy',
  'regulation',
  'initiative',
]);

export const Programme = z.strictObject({
  ...Named,
  type: ProgrammeType,
  run_by: Refs,
  /** Who it applies to: "EU", "Japan", "EU–Japan", a country or a region. */
  scope: Label.optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  sectors: Slugs,
});

export const PartnershipForm = z.enum([
  'mou',
  'memorandum-of-cooperation',
  'letter-of-intent',
  'agreement',
  'network-membership',
  'informal',
  'project',
]);

export const Partnership = z.strictObject({
  ...Named,
  /** The organisations that cooperate, by id (two or more). */
  parties: z.array(Id).min(2, { error: 'a partnership needs at least two parties' }),
  since: IsoDate.optional(),
  form: PartnershipForm.optional(),
  programmes: Refs,
  sectors: Slugs,
  status: z.enum(['active', 'dormant', 'planned', 'ended', 'unknown']).default('unknown'),
  /** People to contact, by person id. */
  contacts: Refs,
  places: Refs,
});

export const Market = z.strictObject({
  ...Named,
  sector: Id,
  country: Label,
  /** Companies named as active in the market, by organisation id. */
  players: Refs,
});

export const PlaceType = z.enum(['country', 'region', 'prefecture', 'city', 'district', 'site']);

export const Place = z.strictObject({
  ...Named,
  type: PlaceType,
  /** The larger place this one lies in. */
  within: Id.optional(),
});

export const Person = z.strictObject({
  ...Named,
  role: Label,
  organisation: Id.optional(),
  email: z.email().optional(),
});

/** One knowledge file. Every key is optional; an empty file is reported by the loader. */
export const KnowledgeFile = z.strictObject({
  sources: z.array(Source).optional(),
  organisations: z.array(Organisation).optional(),
  missions: z.array(Mission).optional(),
  programmes: z.array(Programme).optional(),
  partnerships: z.array(Partnership).optional(),
  markets: z.array(Market).optional(),
  places: z.array(Place).optional(),
  people: z.array(Person).optional(),
});

export type Citation = z.output<typeof Citation>;
export type Fact = z.output<typeof Fact>;
export type Source = z.output<typeof Source>;
export type Organisation = z.output<typeof Organisation>;
export type Meeting = z.output<typeof Meeting>;
export type Mission = z.output<typeof Mission>;
export type Programme = z.output<typeof Programme>;
export type Partnership = z.output<typeof Partnership>;
export type Market = z.output<typeof Market>;
export type Place = z.output<typeof Place>;
export type Person = z.output<typeof Person>;
export type KnowledgeFile = z.output<typeof KnowledgeFile>;

/** The top-level keys of a knowledge file and the entity kind each holds. */
export const KIND_BY_KEY = {
  sources: 'source',
  organisations: 'organisation',
  missions: 'mission',
  programmes: 'programme',
  partnerships: 'partnership',
  markets: 'market',
  places: 'place',
  people: 'person',
} as const;

export type KindKey = keyof typeof KIND_BY_KEY;
export type Kind = (typeof KIND_BY_KEY)[KindKey];
export const KINDS = Object.values(KIND_BY_KEY) as Kind[];

/** Any entity that carries facts (every kind but `source`). */
export type Entity =
  | ({ kind: 'organisation' } & Organisation)
  | ({ kind: 'mission' } & Mission)
  | ({ kind: 'programme' } & Programme)
  | ({ kind: 'partnership' } & Partnership)
  | ({ kind: 'market' } & Market)
  | ({ kind: 'place' } & Place)
  | ({ kind: 'person' } & Person);

export type EntityKind = Entity['kind'];

/** JSON Schema for editors (yaml-language-server), generated from the zod schema. */
export function knowledgeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(KnowledgeFile, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://cluster-bot.local/knowledge.schema.json',
    title: 'cluster-bot knowledge file',
  };
}
