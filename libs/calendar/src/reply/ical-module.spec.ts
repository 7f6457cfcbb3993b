describe('ical.js loading', () => {
  afterEach(() => jest.resetModules());

  it('is not loaded with @app/calendar, only when the first reply is read', async () => {
    const loaded = jest.fn();
    jest.doMock('ical.js', () => {
      loaded();
      return jest.requireActual<object>('ical.js');
    });
    const calendar = await import('../index');
    // Every process imports the calendar lib at start; most never read a reply.
    expect(loaded).not.toHaveBeenCalled();
    const result = calendar.parseReplyCalendar(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        'UID:u1',
        'DTSTART:20260101T100000Z',
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:member@example.org',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    expect(result.ok).toBe(true);
    expect(loaded).toHaveBeenCalledTimes(1);
  });
});
