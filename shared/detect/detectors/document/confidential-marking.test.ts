import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { confidentialMarking } from './confidential-marking.ts';

const scan = scanWith(confidentialMarking);

describe('confidential_marking', () => {
  it.each([
    // Upper-case markings, anywhere.
    ['CONFIDENTIAL', ['CONFIDENTIAL']],
    ['STRICTLY CONFIDENTIAL\nQ3 board deck', ['STRICTLY CONFIDENTIAL']],
    ['*** INTERNAL USE ONLY ***', ['INTERNAL USE ONLY']],
    ['INTERNAL ONLY', ['INTERNAL ONLY']],
    ['COMPANY CONFIDENTIAL', ['COMPANY CONFIDENTIAL']],
    ['PROPRIETARY AND CONFIDENTIAL', ['PROPRIETARY AND CONFIDENTIAL']],
    ['PRIVILEGED & CONFIDENTIAL', ['PRIVILEGED & CONFIDENTIAL']],
    ['ATTORNEY-CLIENT PRIVILEGED', ['ATTORNEY-CLIENT PRIVILEGED']],
    ['TOP SECRET', ['TOP SECRET']],
    ['SECRET//NOFORN', ['SECRET//NOFORN']],
    ['TOP SECRET//REL TO USA, FVEY', ['TOP SECRET//REL TO USA, FVEY']],
    ['NOT FOR DISTRIBUTION', ['NOT FOR DISTRIBUTION']],
    ['DO NOT FORWARD', ['DO NOT FORWARD']],
    ['UNDER NDA', ['UNDER NDA']],
    ['TLP:RED', ['TLP:RED']],
    ['TLP:AMBER', ['TLP:AMBER']],
    ['VERTRAULICH', ['VERTRAULICH']],
    ['STRENG VERTRAULICH', ['STRENG VERTRAULICH']],
    ['CONFIDENTIEL', ['CONFIDENTIEL']],
    ['It is not TOP SECRET, just a draft', ['TOP SECRET']],
    ['The figures below are INTERNAL USE ONLY until Monday.', ['INTERNAL USE ONLY']],
    // Banners, brackets, subjects, headers and footers.
    ['ACME CORP - CONFIDENTIAL', ['CONFIDENTIAL']],
    ['// CONFIDENTIAL - Acme Corp', ['CONFIDENTIAL']],
    ['[CONFIDENTIAL] Q3 plan attached', ['CONFIDENTIAL']],
    ['Report (RESTRICTED) for the board', ['RESTRICTED']],
    ['Subject: CONFIDENTIAL - merger update', ['CONFIDENTIAL']],
    ['Acme Corp Confidential', ['Confidential']],
    ['Page 3 of 10 | Confidential', ['Confidential']],
    ['Confidential | Page 3', ['Confidential']],
    ['Confidential - do not distribute', ['Confidential']],
    ['# Confidential', ['Confidential']],
    ['Restricted', ['Restricted']],
    ['Top Secret', ['Top Secret']],
    ['Internal use only', ['Internal use only']],
    ['Privileged & Confidential', ['Privileged & Confidential']],
    ['Streng vertraulich', ['Streng vertraulich']],
    ['Strictement confidentiel', ['Strictement confidentiel']],
    ['Nur für den internen Gebrauch', ['Nur für den internen Gebrauch']],
    ['Diffusion restreinte', ['Diffusion restreinte']],
    ['Minutes of the board meeting\n\nThe board approved the budget.\n\nAcme Corp · Strictly Confidential', ['Strictly Confidential']],
    // Labels, any case.
    ['Classification: Internal', ['Classification: Internal']],
    ['Data classification: confidential', ['Data classification: confidential']],
    ['Sensitivity: Highly Confidential', ['Sensitivity: Highly Confidential']],
    ['**Classification:** Confidential', ['Classification:** Confidential']],
    ['{\n  "title": "Q3",\n  "classification": "restricted"\n}', ['classification": "restricted']],
    ['Title: Q3 plan | Classification: Confidential', ['Classification: Confidential']],
    ['Klassifizierung: Vertraulich', ['Klassifizierung: Vertraulich']],
  ])('finds the marking in %j', (text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it.each([
    ['please keep this confidential between us'],
    ['is this information confidential?'],
    ['Confidential computing protects data in use.'],
    ['Restricted stock units vest over four years.'],
    ['RESTRICTED STOCK UNIT AGREEMENT'],
    ['The secret sauce is our pipeline.'],
    ['Secret Santa this Friday'],
    ['TRADE SECRETS'],
    ['the area is RESTRICTED to staff'],
    ['This deck is CONFIDENTIAL. Do not share.'],
    ['I think it is Confidential.'],
    ['Classification: Public'],
    ['Confidential Information'],
    ['confidential'],
    ['internal use only'],
    ['Internal'],
    ['Top secret recipe inside!'],
    ['We look forward to the internal review.'],
    ['The distribution list is restricted to managers.'],
    ['This e-mail is confidential and may be legally privileged. If you are not the intended recipient, delete it.'],
    ['CONFIDENTIALITY NOTICE: This message is intended only for the addressee.'],
    ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: db'],
    ['const SECRET = process.env.SECRET;\nRESTRICTED = 2\nclient_secret: abc\nSTRIPE_SECRET_KEY=sk_test_x'],
    ['Die Daten sind streng vertraulich.'],
  ])('ignores %j', (text) => {
    expect(scan(text)).toEqual([]);
  });

  it('reports each marking with a confidence, banners higher than footers', () => {
    const found: [string, number][] = [];
    const text = 'STRICTLY CONFIDENTIAL\nbody\nPage 2 | Confidential';
    confidentialMarking.classify(text, { add: (_t, s, e, c) => found.push([text.slice(s, e), c]) });
    expect(found.map(([v]) => v)).toEqual(['STRICTLY CONFIDENTIAL', 'Confidential']);
    expect((found[0] as [string, number])[1]).toBeGreaterThan((found[1] as [string, number])[1]);
  });

  it('finds a marking inside a long paragraph line', () => {
    const text = `${'The team met to review the plan. '.repeat(30)}[CONFIDENTIAL] ${'More notes follow here. '.repeat(30)}`;
    expect(scan(text)).toEqual(['CONFIDENTIAL']);
  });

  it('finds a footer after more candidate lines than it judges', () => {
    const noise = 'Do not forget the Internal review of the Secret project.\n'.repeat(5_000);
    expect(scan(`${noise}\nAcme Corp | Strictly Confidential\n`)).toEqual(['Strictly Confidential']);
  });

  it('reports at most 32 markings', () => {
    expect(scan('CONFIDENTIAL\n'.repeat(1_000))).toHaveLength(32);
  });

  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('stays bounded on 1 MB of %s', (_name, unit) => {
    const text = adversarialText(unit);
    const found: [number, number][] = [];
    confidentialMarking.classify(text, { add: (_t, s, e) => found.push([s, e]) });
    for (const [s, e] of found) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(text.length);
    }
  });
});
