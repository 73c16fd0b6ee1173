/**
 * "Helpful" / "Not helpful": recorded in the journal with the question and the answers shown; thanked privately.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION, ActionValueError, decodeValue, FeedbackState } from '../../../render/actions.ts';
import { renderThanks } from '../../../render/help.ts';
import { clickFailed, clickOf, respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordFeedback } from '../../record.ts';

/** The `feedback_helpful` and `feedback_not_helpful` listener. */
export function feedback(deps: ListenerDeps) {
  return async function onFeedback({
    ack,
    action,
    body,
    respond,
    client,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const click = clickOf(body);
    try {
      const state = decodeValue(FeedbackState, action.value);
      if (state instanceof ActionValueError) throw state;
      const helpful = action.action_id === ACTION.helpful;
      await recordFeedback(deps.journal, helpful, state, { channelType: state.k, userId: click.userId, channelId: click.channelId });
      await respondPrivately(respond, renderThanks(helpful));
    } catch (error) {
      await clickFailed(deps, 'feedback', error, click, respond, client);
    }
  };
}
