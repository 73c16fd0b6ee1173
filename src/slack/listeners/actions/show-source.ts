/**
 * "Show source": the details of an answer's sources (title, publisher, date and why, section, link), privately.
 */
import { SourceState } from '../../../render/actions.ts';
import { renderSourceDetails } from '../../../render/lists.ts';
import { respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { buttonListener } from './button.ts';

/** The `show_source` listener. */
export function showSource(deps: ListenerDeps) {
  return buttonListener(deps, 'show source', SourceState, async (state, _click, { respond }) => {
    await respondPrivately(respond, renderSourceDetails(deps.engine().knowledge, state.s));
  });
}
