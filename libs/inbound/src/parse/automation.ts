import { AutomationSignal } from '../inbound.types';

/** Header name (lower case) → its values, as strings. */
export type HeaderReader = (name: string) => string[];

// Subject prefixes of vacation/out-of-office responders (Exchange/Outlook localises its
// "Automatic reply:", Gmail and others use the user's text). Anchored at the start: calendar answers
// start with their own verb ("Accepted:", "Acceptée :", "Antwort Termineinladung:"), and an event
// titled "Out of office party" only ever appears after it.
const OUT_OF_OFFICE_PREFIXES = [
  'out of (?:the )?office',
  'automatic reply',
  'auto[- ]?reply',
  'auto[- ]?response',
  'away from (?:the )?office',
  'on vacation',
  'vacation (?:reply|response|message)',
  'ooo\\b',
  'abwesenheitsnotiz', // de
  'automatische antwort',
  'abwesend',
  'réponse automatique', // fr
  'absence du bureau',
  "message d['’]absence",
  'respuesta automática', // es
  'fuera de la oficina',
  'risposta automatica', // it
  'fuori (?:sede|ufficio)',
  'resposta automática', // pt
  'fora do escritório',
  'automatisch antwoord', // nl
  'afwezig',
  'automatiskt svar', // sv
  'automatisk svar', // da, no
  'autosvar',
  'automaattinen vastaus', // fi
  'automatyczna odpowiedź', // pl
  'автоматический ответ', // ru
  '自動応答', // ja
  '自动答复', // zh-CN (Outlook)
  '自动回复',
  '自動回覆', // zh-TW
];
const OUT_OF_OFFICE_SUBJECT = new RegExp(`^\\s*(?:${OUT_OF_OFFICE_PREFIXES.join('|')})`, 'iu');

/**
 * Signs that a message was sent by a program rather than by the person (RFC 3834). Calendar answers
 * are themselves machine-written, so only some signs are decisive:
 * - `Auto-Submitted: auto-generated` is on every Google Calendar RSVP in the corpus: not decisive.
 *   `auto-replied` (RFC 3834 §5.2: a response to a message, i.e. vacation) and unknown values are.
 * - `Precedence: bulk|junk|list` marks server notifications (tine20's iMIP mail carries `bulk`):
 *   not decisive. `Precedence: auto_reply` is.
 * - `X-Autoreply` / `X-Autorespond` are only written by responders: decisive.
 * - `X-Auto-Response-Suppress` asks *others* not to respond; Exchange puts it on OOF notices and on
 *   ordinary meeting mail alike: not decisive.
 * - An out-of-office subject is a heuristic: not decisive.
 */
export function detectAutomation(header: HeaderReader, subject: string | null): AutomationSignal[] {
  const signals: AutomationSignal[] = [];
  for (const value of header('auto-submitted')) {
    const token = firstToken(value);
    if (token === '' || token === 'no') continue;
    signals.push({ source: 'auto-submitted', value: short(value), decisive: token !== 'auto-generated' });
  }
  for (const value of header('precedence')) {
    const token = firstToken(value);
    if (token === 'auto_reply') signals.push({ source: 'precedence', value: short(value), decisive: true });
    else if (token === 'bulk' || token === 'junk' || token === 'list')
      signals.push({ source: 'precedence', value: short(value), decisive: false });
  }
  for (const value of header('x-autoreply')) {
    const token = firstToken(value);
    if (token !== 'no' && token !== 'false')
      signals.push({ source: 'x-autoreply', value: short(value), decisive: true });
  }
  for (const value of header('x-autorespond')) {
    signals.push({ source: 'x-autorespond', value: short(value), decisive: true });
  }
  for (const value of header('x-auto-response-suppress')) {
    if (/\b(all|oof|autoreply)\b/i.test(value))
      signals.push({ source: 'x-auto-response-suppress', value: short(value), decisive: false });
  }
  if (subject !== null && OUT_OF_OFFICE_SUBJECT.test(subject)) {
    signals.push({ source: 'subject', value: short(subject), decisive: false });
  }
  return signals;
}

function firstToken(value: string): string {
  return value.split(/[;(]/)[0].trim().toLowerCase();
}

function short(value: string): string {
  const v = value.trim();
  return v.length > 80 ? `${v.slice(0, 79)}…` : v;
}
