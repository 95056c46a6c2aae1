import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { slackToken } from './slack-token.ts';

const scan = scanWith(slackToken);

const BOT = 'xoxb-569664303568-1204790794884-DPyIWxqZfwrpRL6zWemzGDQ3';
const USER = 'xoxp-89743304113-526990987847-98314007024-3eb5f5498fd0dfc073802d228e7ee500';
const CONFIG =
  'xoxe.xoxp-1-c71dfsvYEpKIeiAP9jw2pa0cvYFzJHNOyBhViGFCtQRpjRdYK4Svdp12Tvjp9xmXAy3yQkfQWZ65iuWiFKqVisLtB8gXkuYpbMWbHMkrUFv6IjIuKzX9ckTeni3IHWHEYAk6l8DoR2tDK9vtxa5oaktnH624Rq4bcae';
const REFRESH =
  'xoxe-1-lVf5KjEWhi8vvqcw2dJR2iv7dUbmAdmKSiFhhIKltQasGXQr2hfLhxT7jQi359vGXtxNCyRKgI0TkxqtOZz3SVoDk4UjPuQLJTqggNuybMUgsHi7gk5l3vGB5oS8I747JFaugiegotuthZS8fH';
const APP = 'xapp-1-A49JNCSQHWO-9469053090716-0f63493301cd5deb3a018434c3c395b8d3673dab80fc4ac5427ee389755d9eb8';
const LEGACY_BOT = 'xoxb-385608013630-VtPLcveQivXv8gQ7McqYSPqY';

describe('slack_token', () => {
  it.each([
    [`SLACK_BOT_TOKEN=${BOT}`, BOT],
    [`"user_token": "${USER}"`, USER],
    [`config token ${CONFIG}`, CONFIG],
    [`refresh: ${REFRESH}`, REFRESH],
    [`SLACK_APP_TOKEN=${APP}`, APP],
    [`bot = '${LEGACY_BOT}'`, LEGACY_BOT],
    [`https://files.slack.com/files-pri/T04MCQMEXQ9-F04MAA1PKE3/image.png?t=${USER.replace('xoxp', 'xoxe')}`, USER.replace('xoxp', 'xoxe')],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['mask', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx'],
    ['words', 'xoxb-xoxb-my-bot-token'],
    ['short ids', 'xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d'],
    ['hash-masked tail', 'xoxp-572370529330-573807301142-572331691188-####################'],
    ['config placeholder', 'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere'],
    ['refresh placeholder', 'xoxe-1-xxx'],
    ['sequence ids', 'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx'],
    ['glued', `a${BOT}`],
    ['truncated', `${BOT.slice(0, 40)}...`],
    ['url that merely contains xoxo', 'https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg'],
    ['template', 'SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`xoxb- xoxb-1-2- ${BOT.slice(0, 31)} xoxp-${'1-'.repeat(20)} xoxe.xoxe.xoxb-abcdabcd `, 200_000))).toEqual(
      [],
    );
  });
});
