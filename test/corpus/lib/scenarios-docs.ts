/**
 * Documents that carry (or merely talk about) classification markings: memos, meeting notes,
 * e-mails, slide text and reports, in several languages.
 */
import type { Rng } from './prng.ts';
import { ph } from './scenarios-pii.ts';
import { type Built, L, P, t, whole } from './text.ts';
import * as v from './values.ts';

/** Marking lines as they appear in headers, footers, banners and subject tags, by language. */
export const MARKINGS: Record<string, string[]> = {
  en: [
    'CONFIDENTIAL',
    'COMPANY CONFIDENTIAL',
    'STRICTLY CONFIDENTIAL',
    'Confidential – Do Not Distribute',
    'INTERNAL USE ONLY',
    'INTERNAL ONLY',
    'For Internal Use Only',
    'Classification: Confidential',
    'Classification: Internal',
    'Sensitivity: Highly Confidential',
    'RESTRICTED',
    'TLP:AMBER',
    'TLP:RED',
    'PRIVILEGED & CONFIDENTIAL – ATTORNEY-CLIENT COMMUNICATION',
    'CONFIDENTIAL – NOT FOR EXTERNAL DISTRIBUTION',
    'Proprietary and Confidential',
  ],
  de: ['VERTRAULICH', 'STRENG VERTRAULICH', 'Nur für den internen Gebrauch', 'Klassifizierung: Intern'],
  fr: ['CONFIDENTIEL', 'Diffusion restreinte', 'Usage interne uniquement'],
  es: ['CONFIDENCIAL', 'Uso interno', 'ESTRICTAMENTE CONFIDENCIAL'],
  nl: ['VERTROUWELIJK', 'Alleen voor intern gebruik'],
  it: ['RISERVATO', 'Uso interno'],
  ja: ['社外秘', '極秘', '関係者外秘'],
};

/** A marking in the document's language, or in English as multinationals often use. */
function marking(rng: Rng, lang = 'en'): string {
  return rng.pick(lang !== 'en' && rng.chance(0.7) ? (MARKINGS[lang] as string[]) : (MARKINGS.en as string[]));
}

/** Meeting notes; with a marking when `marked`. */
export function meetingNotes(rng: Rng, marked: boolean): Built {
  const a = v.person(rng);
  const b = v.person(rng);
  const c = v.person(rng);
  const project = rng.pick(['Project Falcon', 'Atlas migration', 'Q3 pricing', 'Northstar reorg', 'Vendor consolidation', 'Helios launch']);
  const body = t`${project} – weekly sync (${v.isoDate(rng)})\nAttendees: ${a.full}, ${b.full}, ${c.full}\n\n1. Status: ${rng.pick(['on track', 'slipping by two weeks', 'blocked on legal review', 'green'])}\n2. Decisions: ${rng.pick(['move launch to October', 'freeze hiring in EMEA', 'drop the legacy API in v3', 'go with vendor B'])}\n3. Risks: ${rng.pick(['budget overrun of ~12%', 'key engineer leaving', 'regulatory approval pending', 'data migration errors'])}\n\nAction items:\n- ${a.first}: draft the announcement by Friday\n- ${b.first}: ${rng.pick(['update the forecast', 'talk to procurement', 'set up the staging env'])}${rng.chance(0.3) ? t`\n- ${c.first} (${ph(rng)}): coordinate with the vendor` : P('')}`;
  if (!marked) return body;
  const m = marking(rng);
  const place = rng.int(0, 3);
  const b2 =
    place === 0
      ? t`${m}\n\n${body}`
      : place === 1
        ? t`${body}\n\n${m}`
        : place === 2
          ? t`[${m}]\n${body}\n[${m}]`
          : t`${body}\n\n-- ${m} --`;
  return whole(b2, 'confidential_marking');
}

/** Memos, board updates and press drafts with a marking in the header or footer. */
export function markedDocument(rng: Rng): Built {
  const m = marking(rng);
  const company = rng.pick(v.COMPANIES);
  const docs = [
    () =>
      t`${m}\n\nMEMO\nTo: Executive Leadership Team\nFrom: ${v.person(rng).full}, ${rng.pick(['CFO', 'General Counsel', 'VP Engineering'])}\nDate: ${v.isoDate(rng)}\nRe: ${rng.pick(['Proposed acquisition of a competitor', 'Reduction in force – phase 2', 'FY25 budget reallocation', 'Security incident follow-up'])}\n\nSummary: ${company} ${rng.pick(['will announce the deal after market close', 'plans to reduce headcount by 8% in Q4', 'will move 20% of opex to the AI program', 'contained the incident within 36 hours'])}. Please do not forward.`,
    () =>
      t`Subject: [${m}] Q${rng.int(1, 4)} revenue preview\n\nTeam,\n\nPreliminary revenue came in at ${rng.int(40, 400)}.${rng.digits(1)}M, ${rng.int(2, 15)}% above plan. Numbers are not final until the audit committee signs off.\n\nThanks,\n${v.person(rng).first}`,
    () =>
      t`${company} | ${rng.pick(['Board update', 'Strategy 2026', 'Pricing review', 'Roadmap H2'])}\nSlide ${rng.int(3, 40)}/42\n\n• ${rng.pick(['Enter the German market in Q2', 'Sunset the Basic plan', 'Raise prices 7% for enterprise', 'Build vs. buy: buy'])}\n• ${rng.pick(['Headcount +35 in R&D', 'Churn target < 4%', 'Gross margin 71% → 74%'])}\n\n${m}`,
    () =>
      t`Entwurf – ${marking(rng, 'de')}\n\nPressemitteilung: ${company} übernimmt ${rng.pick(v.COMPANIES)}\nDie Transaktion soll im ${rng.pick(['dritten', 'vierten'])} Quartal abgeschlossen werden. Sperrfrist bis zur Veröffentlichung.`,
    () =>
      t`${marking(rng, 'fr')}\n\nCompte rendu du comité de direction du ${rng.int(1, 28)}/${rng.int(1, 12)}/2025\n- Budget marketing réduit de 15 %\n- Lancement du produit repoussé à janvier`,
    () =>
      t`INFORME – ${marking(rng, 'es')}\n\nAuditoría interna ${rng.int(2024, 2026)}: se detectaron ${rng.int(3, 20)} incidencias de control de acceso. Plan de remediación adjunto.`,
    () =>
      t`Notulen directieoverleg\n${marking(rng, 'nl')}\n\n- Reorganisatie afdeling Sales per 1 januari\n- Salarisverhoging 3,5% voor alle medewerkers`,
    () =>
      t`Page ${rng.int(1, 12)} of 12\n${company} Architecture Review\n${rng.pick(['The payments service will be split into three bounded contexts.', 'We will migrate from Oracle to PostgreSQL by Q3.', 'Customer data stays in eu-central-1.'])}\n${m} – ${company}`,
    () => t`報告書（${marking(rng, 'ja')}）\n\n新製品の発売日は${rng.int(1, 12)}月に延期されました。価格は据え置きです。`,
  ];
  return whole(rng.pick(docs)(), 'confidential_marking');
}

/** Marked documents that also contain personal data. */
export function markedWithPii(rng: Rng): Built {
  const who = v.person(rng);
  const m = marking(rng);
  return whole(
    t`${m}\n\nCandidate evaluation – ${who.full}\nContact: ${L('email', v.email(rng, who))}, ${ph(rng)}\nRecommendation: ${rng.pick(['hire', 'no hire', 'second interview'])}\nSalary expectation: ${rng.int(60, 180)}k`,
    'confidential_marking',
  );
}
