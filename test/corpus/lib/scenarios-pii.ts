/**
 * Texts carrying personal and financial identifiers: CSV exports, chat prompts, tickets, e-mails,
 * HR and medical records, invoices, API payloads and logs, in several languages.
 */
import type { Rng } from './prng.ts';
import { type Built, join, L, P, t } from './text.ts';
import * as v from './values.ts';

export type Country = 'US' | 'UK' | 'CA' | 'IN' | 'BR' | 'NL' | 'ES' | 'DE' | 'FR';

interface Profile {
  phone: string;
  id?: { type: string; make: (rng: Rng) => string; header: string };
  iban?: string;
}

export const PROFILES: Record<Country, Profile> = {
  US: { phone: 'US', id: { type: 'us_ssn', make: (r) => v.ssn(r), header: 'ssn' } },
  UK: { phone: 'UK', id: { type: 'uk_nino', make: v.nino, header: 'ni_number' }, iban: 'GB' },
  CA: { phone: 'CA', id: { type: 'ca_sin', make: v.sin, header: 'sin' } },
  IN: { phone: 'IN', id: { type: 'in_aadhaar', make: v.aadhaar, header: 'aadhaar' } },
  BR: { phone: 'BR', id: { type: 'br_cpf', make: v.cpf, header: 'cpf' } },
  NL: { phone: 'NL', id: { type: 'nl_bsn', make: v.bsn, header: 'bsn' }, iban: 'NL' },
  ES: { phone: 'ES', id: { type: 'es_dni', make: v.dni, header: 'dni_nie' }, iban: 'ES' },
  DE: { phone: 'DE', iban: 'DE' },
  FR: { phone: 'FR', iban: 'FR' },
};

const COUNTRIES = Object.keys(PROFILES) as Country[];

export function ph(rng: Rng, country?: string): Built {
  return L('phone', v.phone(rng, country));
}
export function em(rng: Rng, p?: { first: string; last: string }): Built {
  return L('email', v.email(rng, p));
}

/** One labelled national identifier for a country (or an IBAN where the country has none here). */
export function nationalId(rng: Rng, c: Country): Built {
  const p = PROFILES[c];
  if (p.id) return L(p.id.type, p.id.make(rng));
  return L('iban', v.iban(rng, p.iban));
}

function amount(rng: Rng): string {
  return `${rng.int(10, 9999)}.${rng.digits(2)}`;
}

function csvCell(s: string, delim: string): string {
  return s.includes(delim) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV export of customer rows: names, contacts and one or two identifiers per row. */
export function csvExport(rng: Rng): Built {
  const c = rng.pick(COUNTRIES);
  const prof = PROFILES[c];
  const delim = ['DE', 'FR', 'NL', 'ES', 'BR'].includes(c) && rng.chance(0.6) ? ';' : ',';
  const withCard = rng.chance(0.4);
  const withIban = !!prof.iban && rng.chance(0.6);
  const withId = !!prof.id && rng.chance(0.85);
  const withAba = c === 'US' && !withCard && rng.chance(0.5);
  const headers = ['customer_id', 'full_name', 'email', 'phone'];
  if (withId) headers.push(prof.id!.header);
  if (withCard) headers.push(rng.pick(['card_number', 'pan', 'cc']));
  if (withIban) headers.push('iban');
  if (withAba) headers.push('routing_number', 'account_number');
  headers.push(rng.pick(['city', 'signup_date', 'balance', 'plan']));
  const rows: Built[] = [P(headers.join(delim))];
  const n = rng.int(3, 7);
  for (let i = 0; i < n; i++) {
    const who = v.person(rng);
    const cells: Built[] = [P(String(rng.int(10000, 99999))), P(csvCell(who.full, delim)), em(rng, who), ph(rng, prof.phone)];
    if (withId) cells.push(L(prof.id!.type, prof.id!.make(rng)));
    if (withCard) cells.push(L('credit_card', v.formatCard(rng, v.cardDigits(rng), rng.pick(['compact', 'compact', 'space'] as const))));
    if (withIban) cells.push(L('iban', v.ibanCompact(rng, prof.iban)));
    if (withAba) cells.push(L('aba_routing', v.aba(rng)), P(v.accountNumber(rng)));
    const last = headers[headers.length - 1];
    cells.push(
      P(
        last === 'city'
          ? csvCell(rng.pick(v.CITIES), delim)
          : last === 'signup_date'
            ? v.isoDate(rng)
            : last === 'balance'
              ? amount(rng)
              : rng.pick(['free', 'pro', 'enterprise']),
      ),
    );
    rows.push(join(cells, delim));
  }
  const intro = rng.pick([
    '',
    '',
    'Here is the export, can you dedupe it by email?\n\n',
    'Clean up this CSV and find rows with a missing city:\n',
    'Formatiere diese Tabelle bitte als Markdown:\n',
    'Peux-tu trier ce fichier par nom ?\n',
  ]);
  return t`${intro}${join(rows, '\n')}`;
}

type Chat = (rng: Rng) => Built;

/** Chat prompts that paste personal data, in several languages. */
export const CHAT_PII: Chat[] = [
  (r) => {
    const w = v.person(r);
    return t`Can you write a polite reminder to ${w.full} (${em(r, w)}) that invoice ${v.orderNumber(r)} is 30 days overdue? If there's no answer, the mobile number on file is ${ph(r, 'US')}.`;
  },
  (r) =>
    t`Please fill in this form for me: name ${v.person(r).full}, SSN ${L('us_ssn', v.ssn(r, '-'))}, date of birth 04/12/1987, card ${L('credit_card', v.card(r))} exp 09/27.`,
  (r) =>
    t`Kannst du diese Überweisung prüfen? Empfänger: ${v.person(r).full}, IBAN: ${L('iban', v.iban(r, 'DE'))}, Betrag 1.250,00 €, Verwendungszweck Rechnung ${r.digits(6)}.`,
  (r) => {
    const w = v.person(r);
    return t`Peux-tu reformuler ce message pour ${w.first} ? Son numéro : ${ph(r, 'FR')}, e-mail : ${em(r, w)}. Merci !`;
  },
  (r) =>
    t`Necesito una carta para el cliente ${v.person(r).full} con DNI ${L('es_dni', v.dni(r))}, teléfono ${ph(r, 'ES')}. Que suene formal, por favor.`,
  (r) =>
    t`Preciso validar o CPF ${L('br_cpf', v.cpf(r))} do cliente ${v.person(r).full}, telefone ${ph(r, 'BR')}. Pode me ajudar a montar o e-mail?`,
  (r) => t`Kun je deze brief aanpassen voor de gemeente? Mijn BSN is ${L('nl_bsn', v.bsn(r))} en mijn IBAN ${L('iban', v.iban(r, 'NL'))}.`,
  (r) =>
    t`Summarise this KYC record in two lines: ${v.person(r).full}, Aadhaar ${L('in_aadhaar', v.aadhaar(r))}, mobile ${ph(r, 'IN')}, address Flat 4B, Koregaon Park, Pune.`,
  (r) => t`My SIN is ${L('ca_sin', v.sin(r))}, can you help me figure out which box of the T4 I need for my return?`,
  (r) =>
    t`Help me write a letter to HMRC about my tax code. My National Insurance number is ${L('uk_nino', v.nino(r))} and you can reach me on ${ph(r, 'UK')}.`,
  (r) =>
    t`Rewrite this referral so it's clearer: Referring provider Dr. ${v.person(r).last}, NPI ${L('us_npi', v.npi(r))}. Patient callback number ${ph(r, 'US')}. Follow-up in 2 weeks.`,
  (r) =>
    t`Set up my direct deposit letter for payroll: bank routing number ${L('aba_routing', v.aba(r))}, checking account ${v.accountNumber(r)}, effective next pay period.`,
  (r) => t`why is this card getting declined?? ${L('credit_card', v.card(r))} exp 11/26, billing zip ${r.digits(5)}`,
  (r) =>
    t`Translate to English: "Bitte überweisen Sie den Betrag auf das Konto ${L('iban', v.iban(r))} bis zum ${r.int(1, 28)}.${r.int(1, 12)}.2025."`,
  (r) => {
    const a = v.person(r);
    const b = v.person(r);
    return t`Draft an intro email between ${a.full} <${em(r, a)}> and ${b.full} <${em(r, b)}>, they should talk about the Q3 rollout.`;
  },
  (r) => t`Is this a valid format for a Canadian SIN: ${L('ca_sin', v.sin(r))}? My HR system keeps rejecting it.`,
  (r) => t`I need to update my employee profile. SSN: ${L('us_ssn', v.ssn(r))}, new phone ${ph(r, 'US')}, new email ${em(r)}.`,
  (r) =>
    t`Hola, ¿puedes revisar este contrato? Arrendatario: ${v.person(r).full}, NIE ${L('es_dni', v.dni(r))}, cuenta ${L('iban', v.iban(r, 'ES'))}.`,
  (r) =>
    t`Mi serve un riepilogo: cliente ${v.person(r).full}, IBAN ${L('iban', v.iban(r, 'IT'))}, telefono ${L('phone', `+39 02 ${r.digits(4)} ${r.digits(4)}`)}.`,
  (r) =>
    t`Can you check the math on this refund? Customer paid with ${L('credit_card', v.card(r, 'amex'))}, refund 3 x $49.99 minus a $5 fee.`,
  (r) => t`Generate a welcome message for our new hire. Their work email is ${em(r)} and desk phone ${ph(r)}.`,
  (r) =>
    t`Patient: ${v.person(r).full}\nDOB: 1979-02-14\nPhone: ${ph(r, 'US')}\nSSN: ${L('us_ssn', v.ssn(r))}\nPlease turn this into a discharge summary template.`,
  (r) => t`Wie formuliere ich eine Mahnung an ${v.person(r).full}? Tel. ${ph(r, 'DE')}, Mail ${em(r)}.`,
  (r) => t`Cadastro do fornecedor: CPF ${L('br_cpf', v.cpf(r))}, e-mail ${em(r)}, celular ${ph(r, 'BR')}. Gera um JSON com esses dados.`,
  (r) =>
    t`Our vendor's remittance details are routing ${L('aba_routing', v.aba(r))} / account ${v.accountNumber(r)}. Write the ACH instructions email.`,
  (r) => t`Convert to a table: Aadhaar ${L('in_aadhaar', v.aadhaar(r))} / PAN on file / phone ${ph(r, 'IN')} / email ${em(r)}`,
];

/** Support tickets from a help desk, some with full card numbers pasted by customers. */
export function supportTicket(rng: Rng): Built {
  const who = v.person(rng);
  const id = rng.int(10000, 99999);
  const c = rng.pick(COUNTRIES);
  const issue = rng.pick([
    t`Customer says they were charged twice. Card on file: ${L('credit_card', v.card(rng))}.`,
    t`Customer cannot log in after changing phone number to ${ph(rng, PROFILES[c].phone)}.`,
    t`Refund requested to IBAN ${L('iban', v.iban(rng))} instead of the original card.`,
    t`Card ending in ${rng.digits(4)} declined (masked: **** **** **** ${rng.digits(4)}). Asked customer to retry.`,
    t`Identity check: customer read out ${nationalId(rng, c)} for verification, matches the record.`,
    t`Customer wants invoices sent to ${em(rng)} instead of the old address.`,
  ]);
  const lines = [
    P(`Ticket #${id} | Priority: ${rng.pick(['Low', 'Normal', 'High', 'Urgent'])} | Status: ${rng.pick(['Open', 'Pending', 'Escalated'])}`),
    t`Requester: ${who.full} <${em(rng, who)}>`,
    t`Phone: ${ph(rng, PROFILES[c].phone)}`,
    P(`Created: ${v.timestamp(rng)}`),
    P(''),
    issue,
    P(rng.pick(['Agent note: escalate to billing.', 'Next step: call back tomorrow.', 'Macro applied: REFUND_POLICY_V2', ''])),
  ];
  const prompt = rng.pick(['', '', 'Summarise this ticket and propose a reply:\n\n', 'Classify this ticket (billing / access / other):\n']);
  return t`${prompt}${join(lines, '\n')}`;
}

/** E-mails with a signature block (address, phone numbers). */
export function emailWithSignature(rng: Rng): Built {
  const from = v.person(rng);
  const to = v.person(rng);
  const company = rng.pick(v.COMPANIES);
  const lang = rng.pick(['en', 'en', 'de', 'fr', 'es', 'nl']);
  const body: Record<string, string> = {
    en: `Hi ${to.first},\n\nThanks for the call earlier. As discussed, I've attached the revised proposal; let me know if the timeline for phase 2 works for your team.\n\nBest regards,`,
    de: `Hallo ${to.first},\n\nvielen Dank für das Gespräch. Anbei wie besprochen das überarbeitete Angebot. Passt der Zeitplan für Phase 2?\n\nViele Grüße`,
    fr: `Bonjour ${to.first},\n\nMerci pour notre échange. Vous trouverez ci-joint la proposition révisée.\n\nCordialement,`,
    es: `Hola ${to.first}:\n\nGracias por la llamada. Te adjunto la propuesta revisada.\n\nUn saludo,`,
    nl: `Hoi ${to.first},\n\nBedankt voor het gesprek. In de bijlage vind je het aangepaste voorstel.\n\nMet vriendelijke groet,`,
  };
  const country = { en: rng.pick(['US', 'UK']), de: 'DE', fr: 'FR', es: 'ES', nl: 'NL' }[lang] as string;
  const sig = [
    P(from.full),
    P(rng.pick(['Account Executive', 'Head of Procurement', 'Senior Engineer', 'Customer Success Manager', 'CFO'])),
    P(company),
    rng.chance(0.8) ? t`${rng.pick(['T', 'Tel', 'Phone', 'Office'])}: ${ph(rng, country)}` : P(''),
    rng.chance(0.6) ? t`${rng.pick(['M', 'Mobile', 'Mob.', 'Cell'])}: ${ph(rng, country)}` : P(''),
    t`${em(rng, from)}`,
  ];
  const header = t`From: ${from.full} <${em(rng, from)}>\nTo: ${to.full} <${em(rng, to)}>\nSubject: ${{ en: 'Revised proposal', de: 'Überarbeitetes Angebot', fr: 'Proposition révisée', es: 'Propuesta revisada', nl: 'Aangepast voorstel' }[lang] as string}\n\n`;
  return t`${rng.chance(0.7) ? header : P('')}${body[lang] as string}\n\n${join(
    sig.filter((b) => b.text !== ''),
    '\n',
  )}`;
}

/** HR records with SSN or other national ids and bank details. */
export function hrRecord(rng: Rng): Built {
  const c = rng.pick(['US', 'US', 'UK', 'CA', 'IN', 'NL', 'ES', 'BR'] as Country[]);
  const who = v.person(rng);
  const lines: Built[] = [
    P(rng.pick(['EMPLOYEE RECORD', 'New hire onboarding', 'Personnel file', 'Payroll change form'])),
    P(`Name: ${who.full}`),
    P(`Employee ID: E${rng.digits(6)}`),
    P(`Start date: ${v.isoDate(rng)}`),
    t`Personal email: ${em(rng, who)}`,
    t`Mobile: ${ph(rng, PROFILES[c].phone)}`,
  ];
  const id = PROFILES[c].id;
  if (id)
    lines.push(
      t`${{ us_ssn: 'SSN', uk_nino: 'NI number', ca_sin: 'SIN', in_aadhaar: 'Aadhaar No.', nl_bsn: 'BSN', es_dni: 'DNI/NIE', br_cpf: 'CPF' }[id.type] as string}: ${L(id.type, id.make(rng))}`,
    );
  if (c === 'US') lines.push(t`Direct deposit: ABA ${L('aba_routing', v.aba(rng))}, acct ${v.accountNumber(rng)}`);
  else if (PROFILES[c].iban) lines.push(t`Salary account: ${L('iban', v.iban(rng, PROFILES[c].iban))}`);
  lines.push(P(`Salary band: ${rng.pick(['L3', 'L4', 'L5', 'M1'])}`));
  const prompt = rng.pick(['', 'Turn this into a welcome letter:\n', 'Check this record for missing fields:\n\n', '']);
  return t`${prompt}${join(lines, '\n')}`;
}

/** Clinical notes and claims with provider NPIs. */
export function medicalNote(rng: Rng): Built {
  const pt = v.person(rng);
  const dr = v.person(rng);
  const lines: Built[] = [
    P(rng.pick(['Referral', 'Prior authorization request', 'Claim CMS-1500 draft', 'Visit summary'])),
    P(
      `Patient: ${pt.full}, DOB ${String(rng.int(1, 12)).padStart(2, '0')}/${String(rng.int(1, 28)).padStart(2, '0')}/19${rng.int(40, 99)}`,
    ),
    t`Patient phone: ${ph(rng, 'US')}`,
    t`Rendering provider: Dr. ${dr.full}, NPI ${L('us_npi', v.npi(rng))}`,
  ];
  if (rng.chance(0.5)) lines.push(t`Billing provider NPI: ${L('us_npi', v.npi(rng))}`);
  if (rng.chance(0.4)) lines.push(t`Subscriber SSN: ${L('us_ssn', v.ssn(rng))}`);
  lines.push(P(`Dx: ${rng.pick(['J06.9', 'M54.5', 'E11.9', 'I10'])}  CPT: ${rng.pick(['99213', '99214', '97110'])}`));
  lines.push(P(`Member ID: ${rng.str('ABCDEFGHJKLMNPRSTUVWXYZ', 3)}${rng.digits(9)}`));
  const prompt = rng.pick(['', 'Rewrite this for the patient in plain language:\n\n', 'Check the codes on this claim:\n']);
  return t`${prompt}${join(lines, '\n')}`;
}

/** Invoices and payment instructions with IBANs (and BIC, amounts, dates). */
export function invoice(rng: Rng): Built {
  const c = rng.pick(['DE', 'FR', 'NL', 'ES', 'IT', 'BE', 'CH', 'AT', 'GB', 'IE', 'PL', 'SE']);
  const seller = rng.pick(v.COMPANIES);
  const lang = rng.pick(['en', 'de', 'fr']);
  const head = { en: 'INVOICE', de: 'RECHNUNG', fr: 'FACTURE' }[lang] as string;
  const bank = { en: 'Please pay to', de: 'Bitte überweisen an', fr: 'Merci de régler sur' }[lang] as string;
  const lines: Built[] = [
    P(`${head} ${v.orderNumber(rng)}`),
    P(`${seller} · ${rng.pick(v.CITIES)}`),
    P(`Date: ${v.isoDate(rng)}   Due: ${v.isoDate(rng)}`),
    P(`VAT ID: ${c}${rng.digits(9)}`),
    P(''),
    P(`Consulting services  ${rng.int(2, 40)} h x 120.00  = ${amount(rng)}`),
    P(`Total: EUR ${amount(rng)}`),
    P(''),
    t`${bank}: ${L('iban', v.iban(rng, c))}`,
    P(`BIC: ${rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4)}${c}${rng.str('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 2)}`),
  ];
  if (rng.chance(0.4)) lines.push(t`Contact: ${em(rng)} / ${ph(rng, c === 'GB' ? 'UK' : ['DE', 'FR', 'NL', 'ES'].includes(c) ? c : 'DE')}`);
  return join(lines, '\n');
}

/** JSON API payloads carrying customer data. */
export function jsonPayload(rng: Rng): Built {
  const who = v.person(rng);
  const c = rng.pick(COUNTRIES);
  const fields: Built[] = [
    P(`"id": "${v.uuid(rng)}"`),
    P(`"name": "${who.full}"`),
    t`"email": "${em(rng, who)}"`,
    t`"phone": "${ph(rng, PROFILES[c].phone)}"`,
  ];
  if (rng.chance(0.5)) fields.push(t`"national_id": "${nationalId(rng, c)}"`);
  if (rng.chance(0.4))
    fields.push(
      t`"payment": {"type": "card", "number": "${L('credit_card', v.formatCard(rng, v.cardDigits(rng), 'compact'))}", "exp": "0${rng.int(1, 9)}/2${rng.int(6, 9)}"}`,
    );
  if (rng.chance(0.3)) fields.push(t`"iban": "${L('iban', v.ibanCompact(rng))}"`);
  fields.push(P(`"created_at": "${v.timestamp(rng)}"`));
  const body = t`{\n  ${join(fields, ',\n  ')}\n}`;
  const prompt = rng.pick([
    '',
    'Why does this payload fail validation?\n\n',
    'POST /v1/customers\nContent-Type: application/json\n\n',
    'Write a TypeScript type for this:\n',
  ]);
  return t`${prompt}${body}`;
}

/** Application logs that leak personal data. */
export function piiLog(rng: Rng): Built {
  const lines: Built[] = [];
  const n = rng.int(3, 7);
  for (let i = 0; i < n; i++) {
    const ts = v.timestamp(rng);
    const lvl = rng.pick(['INFO', 'WARN', 'DEBUG', 'ERROR']);
    lines.push(
      rng.pick([
        t`${ts} ${lvl} auth: login ok user=${em(rng)} ip=${v.ipv4(rng)}`,
        t`${ts} ${lvl} sms: sent OTP to ${ph(rng)} (provider=twilio, latency=${rng.int(80, 900)}ms)`,
        t`${ts} ${lvl} payments: charge failed pan=${L('credit_card', v.formatCard(rng, v.cardDigits(rng), 'compact'))} reason=insufficient_funds`,
        P(`${ts} ${lvl} http: GET /api/v2/orders/${rng.digits(7)} 200 ${rng.int(3, 400)}ms`),
        P(`${ts} ${lvl} worker: job ${v.uuid(rng)} finished in ${rng.int(1, 90)}s`),
        t`${ts} ${lvl} kyc: verified ssn=${L('us_ssn', v.ssn(rng))} score=0.${rng.digits(2)}`,
        t`${ts} ${lvl} sepa: mandate created iban=${L('iban', v.ibanCompact(rng))}`,
      ]),
    );
  }
  const prompt = rng.pick(['', '', 'What is going wrong here?\n', 'Group these log lines by error type:\n\n']);
  return t`${prompt}${join(lines, '\n')}`;
}
