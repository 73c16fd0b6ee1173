/**
 * Which messages are questions. Slack marks messages that are not plain new messages with a `subtype`; each subtype
 * it documents (docs.slack.dev/reference/events/message) is decided here once, for direct messages and mentions
 * alike: answered (a person wrote it to us), ignored (not a question: system notices, edits, other bots), or logged
 * (a question we cannot read, or a subtype Slack added since this table was written). docs/slack.md shows this table;
 * a test keeps the two the same.
 */
import type { Logger } from '@slack/bolt';

export type SubtypeDecision = 'answer' | 'ignore' | 'log';

export interface SubtypeRule {
  readonly decision: SubtypeDecision;
  /** Why, in a few words (shown in docs/slack.md). */
  readonly why: string;
}

const SYSTEM = 'a notice Slack writes, not a person';

/** Every message subtype Slack documents, and what cluster-bot does with it. */
export const MESSAGE_SUBTYPES: Readonly<Record<string, SubtypeRule>> = {
  assistant_app_thread: { decision: 'ignore', why: 'the title message of an AI-assistant thread; cluster-bot is not an assistant app' },
  bot_message: { decision: 'ignore', why: 'another app or integration wrote it; answering bots can loop' },
  channel_archive: { decision: 'ignore', why: SYSTEM },
  channel_convert_to_private: { decision: 'ignore', why: SYSTEM },
  channel_convert_to_public: { decision: 'ignore', why: SYSTEM },
  channel_join: { decision: 'ignore', why: SYSTEM },
  channel_leave: { decision: 'ignore', why: SYSTEM },
  channel_name: { decision: 'ignore', why: SYSTEM },
  channel_posting_permissions: { decision: 'ignore', why: SYSTEM },
  channel_purpose: { decision: 'ignore', why: SYSTEM },
  channel_topic: { decision: 'ignore', why: SYSTEM },
  channel_unarchive: { decision: 'ignore', why: SYSTEM },
  ekm_access_denied: { decision: 'log', why: 'the text was withheld by Enterprise Key Management: a question nobody can read' },
  file_comment: { decision: 'ignore', why: 'a comment on a file (no longer sent by Slack)' },
  file_mention: { decision: 'ignore', why: 'a file shared by reference, with no text of its own' },
  file_share: { decision: 'answer', why: 'a message with files (a screenshot with the question): its text is answered' },
  group_archive: { decision: 'ignore', why: SYSTEM },
  group_join: { decision: 'ignore', why: SYSTEM },
  group_leave: { decision: 'ignore', why: SYSTEM },
  group_name: { decision: 'ignore', why: SYSTEM },
  group_purpose: { decision: 'ignore', why: SYSTEM },
  group_topic: { decision: 'ignore', why: SYSTEM },
  group_unarchive: { decision: 'ignore', why: SYSTEM },
  me_message: { decision: 'answer', why: 'a person wrote it with /me; it is still their text' },
  message_changed: { decision: 'ignore', why: 'an edit; the message was answered when it was written' },
  message_deleted: { decision: 'ignore', why: 'a deletion' },
  message_replied: { decision: 'ignore', why: 'a thread got a reply; the reply arrives as a message of its own' },
  pinned_item: { decision: 'ignore', why: SYSTEM },
  reminder_add: { decision: 'ignore', why: SYSTEM },
  reply_broadcast: { decision: 'answer', why: 'the former name of thread_broadcast (no longer sent by Slack)' },
  thread_broadcast: { decision: 'answer', why: 'a thread reply also sent to the channel: answered in the thread, with its context' },
  unpinned_item: { decision: 'ignore', why: SYSTEM },
};

/** What to do with a message of this subtype (none: a plain new message, answered). */
export function subtypeDecision(subtype: string | undefined): SubtypeDecision {
  if (subtype === undefined) return 'answer';
  return Object.hasOwn(MESSAGE_SUBTYPES, subtype) ? MESSAGE_SUBTYPES[subtype]!.decision : 'log';
}

/**
 * True when a message of this subtype is to be answered. The `log` decisions write one line saying why a message
 * went unanswered (the subtype only, never the text); `ignore` leaves a debug line.
 */
export function isQuestion(subtype: string | undefined, where: string, logger: Logger): boolean {
  const decision = subtypeDecision(subtype);
  if (decision === 'answer') return true;
  const name = String(subtype).replace(/[^a-z0-9_]/gi, '?').slice(0, 60);
  if (decision === 'ignore') {
    logger.debug(`${where}: a ${name} message is not a question; ignored`);
  } else if (Object.hasOwn(MESSAGE_SUBTYPES, name)) {
    logger.warn(`${where}: a message could not be answered: ${MESSAGE_SUBTYPES[name]!.why} (${name})`);
  } else {
    logger.info(`${where}: a message of subtype ${name}, which cluster-bot does not know, was not answered`);
  }
  return false;
}
