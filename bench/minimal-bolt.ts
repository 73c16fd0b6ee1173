/**
 * The yardstick for `npm run load`: the smallest Bolt app that answers a signed `/cluster` request, with a fixed
 * string — or, with `MINIMAL_BODY_FILE`, with a fixed Block Kit body read from that file, so the cost of sending a
 * real answer can be told apart from the cost of finding it. Whatever it does per request, cluster-bot does too.
 */
import { readFileSync } from 'node:fs';
import { App, HTTPReceiver } from '@slack/bolt';

const bodyFile = process.env.MINIMAL_BODY_FILE;
const answer: string | Record<string, unknown> = bodyFile ? JSON.parse(readFileSync(bodyFile, 'utf8')) : 'A fixed answer.';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  botId: 'BBOT0001',
  botUserId: 'UBOT0001',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/cluster', async ({ ack }) => {
  await ack(answer);
});
const server = await receiver.start(0);
const address = server.address();
process.stderr.write(`HTTP mode on port ${typeof address === 'object' && address ? address.port : 0}\n`);
