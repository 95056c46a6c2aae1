import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { password } from './password.ts';
import { stripeKey } from './stripe-key.ts';

const scan = scanWith(stripeKey);
const raw = createScanner({ recognizers: [stripeKey], classifiers: [] });

const SK_LIVE = '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';
const RK_LIVE = 'rk_live_GIucmK50FuuA5uaBNRNgZhlT';
const SK_TEST = 'sk_test_51gj2Qt3KlC2XAUtl2KIUs2Z6hJTZhhkWh3wPC9bFk1MUuA6EOIeDoFIJWmh9PDzFHlfLke4ol8SvJBcsmbCnDMs9ShwnlpRYaj';
const PK_LIVE = 'pk_live_gZAhJWimsOqYPe3IPKCnS0N0';

describe('stripe_key', () => {
  it.each([
    [`STRIPE_SECRET_KEY=${SK_LIVE}`, SK_LIVE],
    [`stripe.api_key = "${RK_LIVE}"`, RK_LIVE],
    [`curl https://api.stripe.com/v1/charges -u ${SK_TEST}:`, SK_TEST],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('scores test keys lower than live keys, still above the default threshold', () => {
    const live = raw.scanRaw(SK_LIVE)[0]?.confidence ?? 0;
    const test = raw.scanRaw(SK_TEST)[0]?.confidence ?? 0;
    expect(live).toBeGreaterThanOrEqual(0.9);
    expect(test).toBeGreaterThanOrEqual(0.5);
    expect(test).toBeLessThan(0.7);
  });

  it.each([
    ['publishable live key', `STRIPE_PUBLISHABLE_KEY=${PK_LIVE}`],
    ['publishable test key', 'pk_test_TYooMQauvdEDq54NiTphI7jx'],
    ['Stripe docs test key', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['mask', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['filler', 'sk_live_000000000000000000000000'],
    ['too short', 'sk_live_GIucmK50FuuA5uaBNRN'],
    ['truncated', `${SK_LIVE.slice(0, 40)}...`],
    ['glued', `mask_live_${RK_LIVE.slice(8)}`],
    ['unknown mode', `sk_prod_${RK_LIVE.slice(8)}`],
    ['template', 'STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    [`STRIPE_SECRET_KEY="${SK_TEST}"`, SK_TEST],
    [`const STRIPE_SECRET_KEY = '${RK_LIVE}';`, RK_LIVE],
    [`stripe_secret: ${SK_LIVE}`, SK_LIVE],
  ])('is reported as stripe_key, not password, under a secret key name: %j', (text, value) => {
    // The test key (0.6) used to lose the overlap to the password recognizer's generic secret (0.7).
    const both = createScanner({ recognizers: [password, stripeKey], classifiers: [] });
    expect(both.scan(text).map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['stripe_key', value]]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`sk_live_ rk_live_ ${PK_LIVE} sk_live_${RK_LIVE.slice(8, 27)} sk_test_ `, 200_000))).toEqual([]);
  });
});
