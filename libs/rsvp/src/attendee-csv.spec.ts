import { attendeesCsv, csvCell } from './attendee-csv';

describe('attendee CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
  ])('escapes %p', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes a header, a column per question and CRLF line ends', () => {
    const csv = attendeesCsv(
      [
        {
          displayName: 'Ana',
          pronouns: 'she/her',
          status: 'going',
          mode: 'in_person',
          guests: 1,
          answers: { diet: 'vegan' },
          checkedInAt: null,
          waitlistPosition: null,
        },
      ],
      [{ id: 'diet', label: 'Dietary needs', required: false }],
    );
    expect(csv).toBe(
      'Display name,Pronouns,Status,Waitlist position,Mode,Guests,Dietary needs,Checked in at\r\nAna,she/her,going,,in_person,1,vegan,\r\n',
    );
  });
});
