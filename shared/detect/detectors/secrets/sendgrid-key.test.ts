import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { sendgridKey } from './sendgrid-key.ts';

const scan = scanWith(sendgridKey);
const KEY = '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';

describe('sendgrid_key', () => {
  it.each([
    [`SENDGRID_API_KEY=${KEY}`, KEY],
    [`sg = SendGridAPIClient('${KEY}')`, KEY],
    [`Authorization: Bearer ${KEY}`, KEY],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['mask', 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['masked secret', 'SG.X0AG4-6vwz7rEJfZzGgFQq.*******************************************'],
    ['short secret', KEY.slice(0, -1)],
    ['no id', 'SG.B9Qp9MB1EIkH0FF2WDz22WQVdn47h8sFC6SsCAC6ecs'],
    ['glued', `MSG.${KEY.slice(3)}`],
    ['truncated', `${KEY.slice(0, 30)}...`],
    ['prose', 'See SG. Smith et al. for details.'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`SG. SG.aaaa. ${KEY.slice(0, -1)} SG.${KEY.slice(3, 25)}. `, 200_000))).toEqual([]);
  });
});
