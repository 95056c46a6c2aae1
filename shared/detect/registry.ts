import type { DocumentClassifier, Recognizer } from './recognizer.ts';
import { confidentialMarking } from './detectors/document/confidential-marking.ts';
import { sourceCode } from './detectors/document/source-code.ts';
import { abaRouting } from './detectors/pii/aba-routing.ts';
import { brCpf } from './detectors/pii/br-cpf.ts';
import { caSin } from './detectors/pii/ca-sin.ts';
import { creditCard } from './detectors/pii/credit-card.ts';
import { esDni } from './detectors/pii/es-dni.ts';
import { iban } from './detectors/pii/iban.ts';
import { inAadhaar } from './detectors/pii/in-aadhaar.ts';
import { nlBsn } from './detectors/pii/nl-bsn.ts';
import { phone } from './detectors/pii/phone.ts';
import { ukNino } from './detectors/pii/uk-nino.ts';
import { usNpi } from './detectors/pii/us-npi.ts';
import { usSsn } from './detectors/pii/us-ssn.ts';
import { email } from './detectors/pii/email.ts';
import { anthropicKey } from './detectors/secrets/anthropic-key.ts';
import { awsAccessKey } from './detectors/secrets/aws-access-key.ts';
import { awsSecretKey } from './detectors/secrets/aws-secret-key.ts';
import { connectionString } from './detectors/secrets/connection-string.ts';
import { githubToken } from './detectors/secrets/github-token.ts';
import { gitlabToken } from './detectors/secrets/gitlab-token.ts';
import { googleApiKey } from './detectors/secrets/google-api-key.ts';
import { huggingfaceToken } from './detectors/secrets/huggingface-token.ts';
import { jwt } from './detectors/secrets/jwt.ts';
import { npmToken } from './detectors/secrets/npm-token.ts';
import { openaiKey } from './detectors/secrets/openai-key.ts';
import { password } from './detectors/secrets/password.ts';
import { privateKey } from './detectors/secrets/private-key.ts';
import { sendgridKey } from './detectors/secrets/sendgrid-key.ts';
import { slackToken } from './detectors/secrets/slack-token.ts';
import { slackWebhook } from './detectors/secrets/slack-webhook.ts';
import { stripeKey } from './detectors/secrets/stripe-key.ts';

/**
 * The one list of built-in recognizers. Adding a detector: one file under `detectors/<group>/`,
 * a table test beside it, one line here (see docs/classifier.md). Every recognizer sees every
 * anchor hit of its own anchors, whatever the order here.
 */
export const RECOGNIZERS: readonly Recognizer[] = [
  // PII and financial identifiers
  email,
  creditCard,
  iban,
  usSsn,
  phone,
  ukNino,
  caSin,
  inAadhaar,
  brCpf,
  nlBsn,
  esDni,
  usNpi,
  abaRouting,
  // Secrets
  awsAccessKey,
  awsSecretKey,
  connectionString,
  password,
  githubToken,
  gitlabToken,
  slackToken,
  slackWebhook,
  stripeKey,
  openaiKey,
  anthropicKey,
  googleApiKey,
  huggingfaceToken,
  npmToken,
  sendgridKey,
  jwt,
  privateKey,
];

/** Whole-text classifiers. */
export const CLASSIFIERS: readonly DocumentClassifier[] = [sourceCode, confidentialMarking];
