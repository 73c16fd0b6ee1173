/**
 * The interactive parts of a rendered answer: action ids and the values buttons carry. Values hold everything a
 * click needs (the question, the page, the thread's context), so any replica can answer any click.
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';

/** Action ids of the buttons we render. Listeners register these same strings. */
export const ACTION = {
  share: 'share_answer',
  more: 'more_results',
  source: 'show_source',
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  /** Followed by `_<n>`: one per related entity in a block. */
  related: 'related_entity',
  /** Followed by `_<n>`: one per example question in App Home. */
  example: 'example_question',
} as const;

/** Where a question was asked; carried in button values so feedback can say where it came from. */
export type Origin = 'console' | 'slash' | 'mention' | 'dm' | 'thread' | 'home';
const ORIGINS = ['console', 'slash', 'mention', 'dm', 'thread', 'home'] as const;

/** Longest question a button carries (the engine reads 500 characters at most). */
const MAX_QUESTION = 1000;

const Id = z.string().regex(/^[a-z0-9-]{1,80}$/);

/** A question and its page: enough to ask it again (More results, Share in channel). */
export const AnswerState = z.object({
  q: z.string().max(MAX_QUESTION),
  o: z.number().int().min(0).max(10_000).default(0),
  c: z.array(Id).max(10).default([]),
  k: z.enum(ORIGINS).default('slash'),
});
export type AnswerState = z.output<typeof AnswerState>;

/** What feedback is about: the question and the entity ids shown. */
export const FeedbackState = z.object({
  q: z.string().max(MAX_QUESTION),
  t: z.array(Id).max(3).default([]),
  k: z.enum(ORIGINS).default('slash'),
});
export type FeedbackState = z.output<typeof FeedbackState>;

/** The citations of one answer: source id and section id pairs. */
export const SourceState = z.object({
  s: z
    .array(z.tuple([Id, Id.or(z.literal(''))]))
    .min(1)
    .max(10),
});
export type SourceState = z.output<typeof SourceState>;

export const RelatedState = z.object({ id: Id });
export type RelatedState = z.output<typeof RelatedState>;

/** Why a button value could not be read. */
export class ActionValueError extends Error {
  readonly code = 'bad-action-value';
}

/** Encodes a value as JSON within Slack's limit, shortening the question (`q`) when it has to. */
export function encodeValue(input: { q?: string } & Record<string, unknown>): string {
  const value = input.q !== undefined && input.q.length > MAX_QUESTION ? { ...input, q: input.q.slice(0, MAX_QUESTION) } : input;
  let encoded = JSON.stringify(value);
  if (encoded.length <= LIMITS.buttonValue || value.q === undefined) return encoded.slice(0, LIMITS.buttonValue);
  let q = value.q;
  while (encoded.length > LIMITS.buttonValue && q.length > 0) {
    q = q.slice(0, Math.max(0, q.length - (encoded.length - LIMITS.buttonValue) - 1));
    encoded = JSON.stringify({ ...value, q });
  }
  return encoded;
}

/** Reads a button value with its schema; a value we did not write comes back as an error, never a throw. */
export function decodeValue<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> | ActionValueError {
  let json: unknown;
  try {
    json = JSON.parse(String(raw ?? ''));
  } catch {
    return new ActionValueError('button value is not JSON');
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : new ActionValueError('button value has an unexpected shape');
}
