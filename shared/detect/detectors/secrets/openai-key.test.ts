import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import type { Recognizer } from '../../recognizer.ts';
import { scanWith } from '../../testing.ts';
import { openaiKey } from './openai-key.ts';

const scan = scanWith(openaiKey);
const raw = createScanner({ recognizers: [openaiKey], classifiers: [] });

const LEGACY = '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';
const PROJ =
  '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';
const SVC =
  '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';
const ADMIN =
  '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';
// Marker at a layout not seen so far (after 40 characters): found through the dash anchor.
const PROJ_OTHER_LAYOUT = 'sk-proj-ZwKz34WHE-bLWUWIimLefZtQytaP9A2JkZEXjbymSu-T3BlbkFJoHMqiB1aFBMc3C1XCv4VCq7l-DshLPEsH_qqCngsYC';
const PROJ_NO_MARKER = 'sk-proj-ZwKz34WHE-bLWUWIimLefZtQytaP9A2JkZEXjbymSuWx5pu_3RXVQTvbpWzLe9qr5BR';
const ANTHROPIC = 'sk-ant-api03-JxTnyN67gqkEg-kMihJxTIEnO8IJzrH3rZSRZMnkl-efjzUMmAai4ta930N8PiU0Rd541SMv1EmDQiGP1JotWVaocPW25AA';

describe('openai_key', () => {
  it.each([
    [`OPENAI_API_KEY=${LEGACY}`, LEGACY],
    [`openai.api_key = "${PROJ}"`, PROJ],
    [`Authorization: Bearer ${SVC}`, SVC],
    [`admin key ${ADMIN}.`, ADMIN],
    [`key: ${PROJ_NO_MARKER}`, PROJ_NO_MARKER],
    [`key: ${PROJ_OTHER_LAYOUT}`, PROJ_OTHER_LAYOUT],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([LEGACY, PROJ, SVC, ADMIN, PROJ_NO_MARKER, PROJ_OTHER_LAYOUT])('reports %s once, from one anchor', (key) => {
    expect(raw.scanRaw(` ${key} `)).toHaveLength(1);
  });

  it('still finds keys when another anchor claims the dash of sk-proj-', () => {
    // The engine hands each position to the first anchor that matches there; a `-p` anchor
    // registered first (as for `mysql -pSecret`) takes the dash of `sk-proj-`.
    const dashP: Recognizer = { type: 'password', anchors: ['-p[^=:\\r\\n-]'], match: () => undefined };
    const scanner = createScanner({ recognizers: [dashP, openaiKey], classifiers: [] });
    const text = `OPENAI_API_KEY=${PROJ}`;
    expect(scanner.scan(text).map((f) => text.slice(f.start, f.end))).toEqual([PROJ]);
  });

  it('scores typed keys without the marker lower', () => {
    expect(raw.scanRaw(PROJ)[0]?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(raw.scanRaw(PROJ_NO_MARKER)[0]?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['Anthropic key', ANTHROPIC],
    ['Stripe key', 'sk_live_51sKoTsnbnEaWLhLA61LtuJRhT35CaWRtHd6AHhXSwdP1KW'],
    ['other vendor sk- key without marker', 'sk-8LTlG62KoYsqdhYugUl7aOtgRtpfVhIeyqnNxZ0nQ2'],
    ['OpenRouter-style key', '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'],
    ['legacy mask', 'sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx'],
    ['project placeholder', 'sk-proj-your-api-key-here-your-api-key-here-your-api-key'],
    ['truncated', `${PROJ.slice(0, 30)}...`],
    ['elided after a full key', `${LEGACY}...`],
    ['glued', `task-${LEGACY.slice(3)}`],
    ['template', 'OPENAI_API_KEY=${OPENAI_API_KEY}'],
    ['angle placeholder', 'OPENAI_API_KEY=<your-openai-key>'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(
      scan(
        adversarialText(`sk- sk-ant- sk-proj- ${LEGACY.slice(0, -1)} sk-${'ab'.repeat(10)}T3BlbkFJ sk-proj-${'a-'.repeat(20)} `, 200_000),
      ),
    ).toEqual([]);
  });
});
