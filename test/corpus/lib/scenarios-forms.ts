/**
 * Forms and records built around one national identifier each, in the language of the country that
 * issues it, so every identifier type gets many positives in varied formats and contexts.
 */
import type { Rng } from './prng.ts';
import { em, ph } from './scenarios-pii.ts';
import { type Built, L, P, t } from './text.ts';
import * as v from './values.ts';

export const NATIONAL_ID_TYPES = ['us_ssn', 'uk_nino', 'ca_sin', 'in_aadhaar', 'br_cpf', 'nl_bsn', 'es_dni', 'us_npi', 'aba_routing'];

function dob(rng: Rng, style: 'us' | 'eu' | 'iso'): string {
  const y = rng.int(1950, 2003);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  return style === 'us' ? `${m}/${d}/${y}` : style === 'eu' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
}

export function nationalIdForm(rng: Rng, type: string): Built {
  const who = v.person(rng);
  switch (type) {
    case 'us_ssn': {
      const s = L('us_ssn', v.ssn(rng));
      return rng.pick([
        () =>
          t`Form W-9 (Rev. March 2024)\n1 Name: ${who.full}\n3 Federal tax classification: Individual\n5 Address: ${rng.int(10, 9999)} Oak St, ${rng.pick(['Austin, TX', 'Denver, CO', 'Columbus, OH'])}\nPart I Taxpayer Identification Number\nSocial security number: ${s}`,
        () =>
          t`Hi, I'm applying for the apartment. My SSN is ${s} and my date of birth is ${dob(rng, 'us')}. Let me know if you need pay stubs.`,
        () =>
          t`I-9 Section 1: ${who.last}, ${who.first} | DOB ${dob(rng, 'us')} | U.S. Social Security Number ${s} | Email ${em(rng, who)}`,
        () => t`{"applicant": {"name": "${who.full}", "ssn": "${s}", "income": ${rng.int(30, 250)}000}}`,
        () => t`Background check request\nCandidate: ${who.full}\nSSN (last 4 not enough, full please): ${s}\nPhone: ${ph(rng, 'US')}`,
      ])();
    }
    case 'uk_nino': {
      const n = L('uk_nino', v.nino(rng));
      return rng.pick([
        () =>
          t`P60 End of Year Certificate, tax year to 5 April 2025\nEmployee: ${who.full}\nNational Insurance number: ${n}\nTotal pay in this employment: £${rng.int(20, 90)},${rng.digits(3)}.${rng.digits(2)}`,
        () => t`Payslip – ${rng.pick(['March', 'April', 'May'])}\nName ${who.full}   NI No ${n}   Tax code 1257L`,
        () =>
          t`Can you check my maternity pay claim? NINO ${n}, employer PAYE ref ${rng.digits(3)}/${rng.str('ABCDEFGHJK', 2)}${rng.digits(5)}.`,
        () => t`New starter checklist: ${who.full}, NI number ${n}, student loan plan 2, mobile ${ph(rng, 'UK')}`,
      ])();
    }
    case 'ca_sin': {
      const s = L('ca_sin', v.sin(rng));
      return rng.pick([
        () =>
          t`T4 Statement of Remuneration Paid – ${who.full}\nSocial insurance number: ${s}\nBox 14 Employment income: ${rng.int(30, 120)},${rng.digits(3)}.00`,
        () => t`Formulaire d'embauche\nNom : ${who.full}\nNuméro d'assurance sociale (NAS) : ${s}\nCourriel : ${em(rng, who)}`,
        () => t`My SIN is ${s} — can you explain what my employer needs it for on the TD1?`,
        () => t`Employee: ${who.full} | SIN ${s} | Province: ${rng.pick(['ON', 'QC', 'BC', 'AB'])} | Start ${dob(rng, 'iso')}`,
      ])();
    }
    case 'in_aadhaar': {
      const a = L('in_aadhaar', v.aadhaar(rng));
      return rng.pick([
        () =>
          t`KYC Form\nName: ${who.full}\nAadhaar Number: ${a}\nPAN: ${rng.str('ABCDEFGHJKLMNPQRSTUVWXYZ', 5)}${rng.digits(4)}${rng.str('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}\nMobile: ${ph(rng, 'IN')}`,
        () => t`आधार संख्या / Aadhaar No.: ${a}\nनाम / Name: ${who.full}\nजन्म तिथि / DOB: ${dob(rng, 'eu').replace(/\./g, '/')}`,
        () => t`Please link my Aadhaar ${a} with my bank account, the branch says the name doesn't match.`,
        () => t`UIDAI e-KYC response: uid=${a} status=verified name="${who.full}"`,
      ])();
    }
    case 'br_cpf': {
      const c = L('br_cpf', v.cpf(rng));
      return rng.pick([
        () =>
          t`Ficha cadastral\nNome: ${who.full}\nCPF: ${c}\nData de nascimento: ${dob(rng, 'eu').replace(/\./g, '/')}\nCelular: ${ph(rng, 'BR')}`,
        () => t`Nota fiscal – consumidor CPF ${c} – total R$ ${rng.int(10, 900)},${rng.digits(2)}`,
        () => t`Oi, preciso emitir o boleto para o CPF ${c}, pode gerar o texto do e-mail?`,
        () => t`{"cliente": "${who.full}", "cpf": "${c}", "email": "${em(rng, who)}"}`,
      ])();
    }
    case 'nl_bsn': {
      const b = L('nl_bsn', v.bsn(rng));
      return rng.pick([
        () => t`Loonstrook ${rng.pick(['januari', 'februari', 'maart'])}\nNaam: ${who.full}\nBSN: ${b}\nLoonheffingskorting: ja`,
        () => t`Aanvraagformulier zorgtoeslag\nBurgerservicenummer: ${b}\nIBAN: ${L('iban', v.iban(rng, 'NL'))}`,
        () => t`Kun je een mail opstellen naar de gemeente? Mijn burgerservicenummer is ${b}, het gaat om de parkeervergunning.`,
        () => t`patient: ${who.full}; bsn=${b}; huisarts: dr. ${v.person(rng).last}`,
      ])();
    }
    case 'es_dni': {
      const d = L('es_dni', v.dni(rng));
      return rng.pick([
        () =>
          t`Contrato de arrendamiento\nArrendatario: ${who.full}, mayor de edad, con DNI ${d}, y domicilio en ${rng.pick(['Madrid', 'Sevilla', 'Valencia'])}.`,
        () => t`Solicitud de alta\nNombre: ${who.full}\nNIF/NIE: ${d}\nTeléfono: ${ph(rng, 'ES')}`,
        () => t`Hola, ¿me ayudas a rellenar el modelo 030? Mi NIE es ${d}.`,
        () => t`Datos del cliente: ${who.full} – documento ${d} – correo ${em(rng, who)}`,
      ])();
    }
    case 'us_npi': {
      const n = L('us_npi', v.npi(rng));
      return rng.pick([
        () =>
          t`Provider directory update\nDr. ${who.full}, ${rng.pick(['MD', 'DO', 'NP'])}\nNPI: ${n}\nTaxonomy: ${rng.pick(['207Q00000X', '208D00000X', '363L00000X'])}\nPhone: ${ph(rng, 'US')}`,
        () => t`Please add the rendering provider NPI ${n} to box 24J of the claim.`,
        () =>
          t`npi,provider_name,specialty\n${n},"${who.last}, ${who.first}",${rng.pick(['Cardiology', 'Family Medicine', 'Dermatology'])}`,
        () => t`The national provider identifier for the clinic is ${n}; the individual NPI is ${L('us_npi', v.npi(rng))}.`,
      ])();
    }
    case 'aba_routing': {
      const a = L('aba_routing', v.aba(rng));
      const acct = v.accountNumber(rng);
      return rng.pick([
        () =>
          t`Direct Deposit Authorization\nEmployee: ${who.full}\nBank routing number (ABA): ${a}\nAccount number: ${acct}\nAccount type: Checking`,
        () =>
          t`Wire instructions\nBeneficiary: ${rng.pick(v.COMPANIES)} LLC\nABA/RTN: ${a}\nAccount: ${acct}\nReference: ${v.orderNumber(rng)}`,
        () => t`For ACH payments use routing ${a} and account ${acct}. Do not send checks to the old address.`,
        () => t`vendor_id,routing_number,account_number\nV-${rng.digits(4)},${a},${acct}`,
      ])();
    }
    default:
      return P('');
  }
}
