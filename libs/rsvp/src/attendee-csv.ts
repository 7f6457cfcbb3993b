import { EventQuestion } from '@app/events';

export interface AttendeeRow {
  displayName: string;
  pronouns: string | null;
  status: string;
  mode: string | null;
  guests: number;
  answers: Record<string, string>;
  checkedInAt: Date | null;
  waitlistPosition: number | null;
}

/**
 * RFC 4180 CSV (CRLF, quoted fields, doubled quotes). Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) get a leading apostrophe: attendee names and answers are typed
 * by anyone, and the file is opened by organizers.
 */
export function attendeesCsv(rows: AttendeeRow[], questions: EventQuestion[]): string {
  const header = [
    'Display name',
    'Pronouns',
    'Status',
    'Waitlist position',
    'Mode',
    'Guests',
    ...questions.map((q) => q.label),
    'Checked in at',
  ];
  const lines = [
    header,
    ...rows.map((r) => [
      r.displayName,
      r.pronouns ?? '',
      r.status,
      r.waitlistPosition === null ? '' : String(r.waitlistPosition),
      r.mode ?? '',
      String(r.guests),
      ...questions.map((q) => r.answers[q.id] ?? ''),
      r.checkedInAt ? r.checkedInAt.toISOString() : '',
    ]),
  ];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
