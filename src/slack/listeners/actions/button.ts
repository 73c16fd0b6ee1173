/**
 * What every button listener does the same way: acknowledge at once, read where the click happened, decode the
 * button's value, and — whatever fails — log it once and tell the clicker. Each listener supplies only its own work.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import { ActionValueError, decodeValue } from '../../../render/actions.ts';
import { clickFailed, clickOf, type Click } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** One button's work, given its decoded value and where it was clicked. */
export type ButtonWork<S> = (state: S, click: Click, args: ButtonArgs) => Promise<void>;

/** A Bolt listener for a button whose value `schema` describes; `what` names it in logs. */
export function buttonListener<T extends z.ZodType>(deps: ListenerDeps, what: string, schema: T, work: ButtonWork<z.output<T>>) {
  return async function onButton(args: ButtonArgs): Promise<void> {
    await args.ack();
    const click = clickOf(args.body);
    try {
      const state = decodeValue(schema, args.action.value);
      if (state instanceof ActionValueError) throw state;
      await work(state, click, args);
    } catch (error) {
      await clickFailed(deps, what, error, click, args.respond, args.client);
    }
  };
}
