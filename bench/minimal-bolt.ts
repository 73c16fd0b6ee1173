/**
 * The yardstick for `npm run load`: the smallest Bolt app that answers a signed `/cluster` request, with a fixed
 * string. Whatever it does per request, cluster-bot does too; the difference is what cluster-bot adds.
 */
import { App, HTTPReceiver } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  botId: 'BBOT0001',
  botUserId: 'UBOT0001',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/cluster', async ({ ack }) => {
  await ack('A fixed answer.');
});
const server = await receiver.start(0);
const address = server.address();
process.stderr.write(`HTTP mode on port ${typeof address === 'object' && address ? address.port : 0}\n`);
