/** Block actions: the buttons of answers and of App Home. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { exampleQuestion } from './example-question.ts';
import { feedback } from './feedback.ts';
import { moreResults } from './more-results.ts';
import { relatedEntity } from './related-entity.ts';
import { shareAnswer } from './share.ts';
import { showSource } from './show-source.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>('share_answer', shareAnswer(deps));
  app.action<BlockAction<ButtonAction>>('more_results', moreResults(deps));
  app.action<BlockAction<ButtonAction>>('show_source', showSource(deps));
  app.action<BlockAction<ButtonAction>>('feedback_helpful', feedback(deps));
  app.action<BlockAction<ButtonAction>>('feedback_not_helpful', feedback(deps));
  app.action<BlockAction<ButtonAction>>(/^related_entity_\d+$/, relatedEntity(deps));
  app.action<BlockAction<ButtonAction>>(/^example_question_\d+$/, exampleQuestion(deps));
}
