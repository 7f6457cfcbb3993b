/** The one mail a mutual "stay in touch" sends to each side: the other's chosen contact and message. */
export interface StayInTouchMailInput {
  eventTitle: string;
  otherShownName: string;
  otherContact: string;
  otherMessage: string | null;
}

export function stayInTouchMail(m: StayInTouchMailInput): { subject: string; text: string } {
  const lines = [
    `You and ${m.otherShownName} both said you would like to stay in touch after "${m.eventTitle}".`,
    '',
    `How to reach ${m.otherShownName}: ${m.otherContact}`,
  ];
  if (m.otherMessage) lines.push('', `Their message: ${m.otherMessage}`);
  lines.push(
    '',
    'They received your contact and message in the same way. Nobody else was told, and nobody hears about a "yes" that was not returned.',
  );
  return { subject: `Stay in touch: ${m.otherShownName} (${m.eventTitle})`, text: lines.join('\n') };
}
