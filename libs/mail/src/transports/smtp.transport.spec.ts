import { OutboxMessageEntity } from '../outbox/outbox-message.entity';

const message = {
  id: '00000000-0000-4000-8000-000000000001',
  recipient: 'sam@example.org',
  subject: 'Invitation',
  textBody: 'Hi Sam\n',
  htmlBody: null,
  headers: {},
  calendar: null,
  attachments: [],
  messageId: '<m1@hearth.test>',
} as unknown as OutboxMessageEntity;

describe('SmtpTransport', () => {
  afterEach(() => jest.resetModules());

  it('loads nodemailer on the first message, not when made, and opens one pool for sends that race', async () => {
    const loaded = jest.fn();
    const made: string[] = [];
    const sent: string[] = [];
    const closed = jest.fn();
    jest.doMock('nodemailer', () => {
      loaded();
      return {
        createTransport: (url: string) => {
          made.push(url);
          return {
            sendMail: ({ raw }: { raw: string }) => {
              sent.push(raw);
              return Promise.resolve({});
            },
            close: closed,
          };
        },
      };
    });
    const { SmtpTransport } = await import('./smtp.transport');
    const transport = new SmtpTransport('smtp://relay.test:2525', 'Hearth <no-reply@hearth.test>');
    // An api process makes its transport at start and never sends: nodemailer is never loaded there.
    expect(loaded).not.toHaveBeenCalled();
    await Promise.all([transport.send(message), transport.send(message)]);
    expect(loaded).toHaveBeenCalledTimes(1);
    expect(made).toEqual(['smtp://relay.test:2525?pool=true&maxConnections=8']);
    expect(sent).toHaveLength(2);
    await transport.close();
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('closes without loading nodemailer when it sent nothing', async () => {
    const loaded = jest.fn();
    jest.doMock('nodemailer', () => {
      loaded();
      return { createTransport: jest.fn() };
    });
    const { SmtpTransport } = await import('./smtp.transport');
    await new SmtpTransport('smtp://relay.test:2525', 'a@hearth.test').close();
    expect(loaded).not.toHaveBeenCalled();
  });
});
