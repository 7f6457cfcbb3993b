import { detectAutomation, HeaderReader } from '@app/inbound';
import { simpleParser } from 'mailparser';
import { listInteropReplies } from '../support/readdress';

// Runs under `npm run test:interop` (the corpus lives in ../shared, beside the checkout, not in it).
const none: HeaderReader = () => [];

describe('detectAutomation on the interop corpus', () => {
  it('does not take the subject of any corpus reply for an out-of-office', async () => {
    for (const c of listInteropReplies().filter((x) => !x.bare)) {
      const mail = await simpleParser(c.raw);
      expect({
        file: c.file,
        signals: detectAutomation(none, mail.subject ?? null).filter((s) => s.source === 'subject'),
      }).toEqual({
        file: c.file,
        signals: [],
      });
    }
  });
});
