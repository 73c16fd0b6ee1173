/**
 * "Helpful" / "Not helpful": recorded in the journal with the question and the answers shown; thanked privately.
 */
import { ACTION, FeedbackState } from '../../../render/actions.ts';
import { renderThanks } from '../../../render/help.ts';
import { respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordFeedback } from '../../record.ts';
import { buttonListener } from './button.ts';

/** The `feedback_helpful` and `feedback_not_helpful` listener. */
export function feedback(deps: ListenerDeps) {
  return buttonListener(deps, 'feedback', FeedbackState, async (state, click, { action, respond }) => {
    const helpful = action.action_id === ACTION.helpful;
    await recordFeedback(deps.journal, helpful, state, { channelType: state.k, userId: click.userId, channelId: click.channelId });
    await respondPrivately(respond, renderThanks(helpful));
  });
}
