/**
 * Slack's Block Kit limits, in one place. A message over any of them is rejected by Slack (`invalid_blocks`), so
 * every renderer clips to these before anything is sent.
 */
export const LIMITS = {
  /** Blocks in a message. */
  messageBlocks: 50,
  /** Blocks in an App Home view. */
  viewBlocks: 100,
  /** Characters of a section's text, and of a mrkdwn text object in general. */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Elements in a context block. */
  contextElements: 10,
  /** Elements in an actions block. */
  actionsElements: 25,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Characters of an action_id or block_id. */
  actionId: 255,
  /** The top-level `text` is cut by Slack after 40,000 characters; notifications show far less. */
  fallbackText: 3000,
} as const;
