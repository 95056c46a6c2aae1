import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { slackWebhook } from './slack-webhook.ts';

const scan = scanWith(slackWebhook);

const HOOK = 'https://hooks.slack.com/services/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';
const WORKFLOW = 'https://hooks.slack.com/workflows/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';
const TRIGGER = 'https://hooks.slack.com/triggers/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';

describe('slack_webhook', () => {
  it.each([
    [`SLACK_WEBHOOK_URL=${HOOK}`, HOOK],
    [`curl -X POST -H 'Content-type: application/json' --data '{"text":"hi"}' ${HOOK}`, HOOK],
    [`<${HOOK}>`, HOOK],
    [`webhook: "${WORKFLOW}"`, WORKFLOW],
    [`trigger ${TRIGGER}.`, TRIGGER],
    [`url = http://${HOOK.slice(8)}`, `http://${HOOK.slice(8)}`],
    [`no scheme: ${HOOK.slice(8)}`, HOOK.slice(8)],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['docs placeholder', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['placeholder words', 'https://hooks.slack.com/services/YOUR/WEBHOOK/URL'],
    ['missing secret', 'https://hooks.slack.com/services/TWE02820V/BF9WR0FGMIV/'],
    ['other slack host', 'https://app.slack.com/client/TWE02820V/BF9WR0FGMIV/sppdcAPJAIiMHfjhQRLxUUBY'],
    ['lookalike host', 'https://myhooks.slack.com/services/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'],
    ['truncated', `${HOOK.slice(0, -10)}...`],
    ['template', 'SLACK_WEBHOOK_URL=${SLACK_WEBHOOK_URL}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    const unit = 'https://hooks.slack.com/services/T0000/B0000/ hooks.slack.com/ .slack.com/services/T1234567/B1234567/abc ';
    expect(scan(adversarialText(unit, 200_000))).toEqual([]);
  });
});
