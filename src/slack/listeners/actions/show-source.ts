/**
 * "Show source": the details of an answer's sources (title, publisher, date and why, section, link), privately.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ActionValueError, decodeValue, SourceState } from '../../../render/actions.ts';
import { renderSourceDetails } from '../../../render/lists.ts';
import { clickFailed, clickOf, respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';

/** The `show_source` listener. */
export function showSource(deps: ListenerDeps) {
  return async function onShowSource({
    ack,
    action,
    body,
    respond,
    client,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const click = clickOf(body);
    try {
      const state = decodeValue(SourceState, action.value);
      if (state instanceof ActionValueError) throw state;
      await respondPrivately(respond, renderSourceDetails(deps.engine().knowledge, state.s));
    } catch (error) {
      await clickFailed(deps, 'show source', error, click, respond, client);
    }
  };
}
