import { detectAutomation, HeaderReader } from './automation';

const headers =
  (h: Record<string, string[]>): HeaderReader =>
  (name) =>
    h[name] ?? [];
const none = headers({});

// The interop corpus (../shared/interop) case is in test/interop/automation.interop-spec.ts.
describe('detectAutomation', () => {
  it.each([
    'Out of Office: Community meetup',
    'Automatic reply: Invitation: Meetup',
    'Autoreply: Invitation',
    'Abwesenheitsnotiz: Einladung',
    'Automatische Antwort: Einladung',
    'Réponse automatique : Invitation',
    "Message d'absence",
    'Respuesta automática: Invitación',
    'Risposta automatica: Invito',
    'Resposta automática: Convite',
    'Automatisch antwoord: Uitnodiging',
    'Automatiskt svar: Inbjudan',
    'Autosvar: Invitasjon',
    'Automaattinen vastaus: Kutsu',
    'Automatyczna odpowiedź: Zaproszenie',
    'Автоматический ответ: Приглашение',
    '自動応答: 招待',
    '自动答复: 邀请',
  ])('recognises the out-of-office subject %s', (subject) => {
    expect(detectAutomation(none, subject)).toEqual([
      expect.objectContaining({ source: 'subject', decisive: false }),
    ]);
  });

  it.each([
    ['auto-submitted', 'auto-generated', false],
    ['auto-submitted', 'auto-replied', true],
    ['auto-submitted', 'auto-notified; owner-email="x@y"', true],
    ['precedence', 'bulk', false],
    ['precedence', 'list', false],
    ['precedence', 'junk', false],
    ['precedence', 'auto_reply', true],
    ['x-autoreply', 'yes', true],
    ['x-autorespond', 'on', true],
    ['x-auto-response-suppress', 'All', false],
    ['x-auto-response-suppress', 'DR, OOF, AutoReply', false],
  ])('reads %s: %s as decisive=%s', (name, value, decisive) => {
    expect(detectAutomation(headers({ [name]: [value] }), 'Accepted: x')).toEqual([
      { source: name, value, decisive },
    ]);
  });

  it.each([
    ['auto-submitted', 'no'],
    ['auto-submitted', 'No (manual)'],
    ['precedence', 'first-class'],
    ['x-autoreply', 'no'],
    ['x-auto-response-suppress', 'DR, RN, NRN'],
  ])('ignores %s: %s', (name, value) => {
    expect(detectAutomation(headers({ [name]: [value] }), 'Accepted: x')).toEqual([]);
  });
});
