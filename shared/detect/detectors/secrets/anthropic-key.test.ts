import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { anthropicKey } from './anthropic-key.ts';

const scan = scanWith(anthropicKey);
const raw = createScanner({ recognizers: [anthropicKey], classifiers: [] });

const API = 'sk-ant-api03-JxTnyN67gqkEg-kMihJxTIEnO8IJzrH3rZSRZMnkl-efjzUMmAai4ta930N8PiU0Rd541SMv1EmDQiGP1JotWVaocPW25AA';
const ADMIN = 'sk-ant-admin01-qNsAOe0oi4L6wut_ZbwyTUzR3_1AhfZUMeprDAT_ix8mq7UPpz1Gnlzn2weKnMRiYOWOvIh1lWERgJlGW09NTU4EW6VHSAA';
// Same body with an unknown kind: still Anthropic-shaped, lower confidence.
const OTHER = API.replace('api03', 'api04');

describe('anthropic_key', () => {
  it.each([
    [`ANTHROPIC_API_KEY=${API}`, API],
    [`-H "x-api-key: ${ADMIN}"`, ADMIN],
    [`key ${OTHER}`, OTHER],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('scores the exact documented shape highest', () => {
    expect(raw.scanRaw(API)[0]?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(raw.scanRaw(OTHER)[0]?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['OpenAI key', 'sk-proj-ZwKz34WHE-bLWUWIimLefZtQytaP9A2JkZEXjbymSuWx5pu_3RXVQTvbpWzLe9qr5BR-i3NFa-T3BlbkFJoHMqiB1aFB'],
    ['too short', 'sk-ant-api03-abc123xyz-456de-klMnopqrstuvwx-3456yza789bcde-1234fghijklmnopAA'],
    ['mask', `sk-ant-api03-${'x'.repeat(93)}AA`],
    ['placeholder', 'ANTHROPIC_API_KEY=sk-ant-api03-...'],
    ['truncated', `${API.slice(0, 60)}...`],
    ['glued', `ask-ant-${API.slice(7)}`],
    ['template', 'ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`sk-ant- sk-ant-api03- ${API.slice(0, 90)} sk-ant-api03-${'a_'.repeat(30)} `, 200_000))).toEqual([]);
  });
});
