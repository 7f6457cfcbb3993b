import { renderGroupInviteMail } from './group-invite.template';
import { renderMagicLinkMail } from './magic-link.template';
import { renderStayInTouchMail } from './networking/stay-in-touch.template';

describe('mail templates', () => {
  it('puts the sign-in link in both text and HTML', () => {
    const mail = renderMagicLinkMail({
      link: 'https://h.example/auth/magic?token=abc',
      expiresInMinutes: 15,
    });
    expect(mail.text).toContain('https://h.example/auth/magic?token=abc');
    expect(mail.html).toContain('href="https://h.example/auth/magic?token=abc"');
    expect(mail.html).toContain('dir="ltr"');
    expect(mail.text).toContain('15 minutes');
  });

  it('renders Arabic right-to-left', () => {
    const mail = renderMagicLinkMail({ link: 'https://h.example/x', expiresInMinutes: 15, locale: 'ar-EG' });
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
  });

  it('escapes group and inviter names in HTML', () => {
    const mail = renderGroupInviteMail({
      groupName: '<script>x</script>',
      inviterName: 'A & B',
      link: 'https://h.example/i',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('A &amp; B');
  });
});

describe('stay-in-touch mail', () => {
  it('gives the other person’s contact and message, escaped in HTML, right-to-left in Arabic', () => {
    const en = renderStayInTouchMail({
      locale: 'en',
      eventTitle: 'Evening',
      otherShownName: 'Robin <b>',
      otherContact: 'robin@example.org',
      otherMessage: 'Coffee?',
    });
    expect(en.subject).toBe('Stay in touch: Robin <b> (Evening)');
    expect(en.text).toContain('How to reach Robin <b>: robin@example.org');
    expect(en.text).toContain('Their message: Coffee?');
    expect(en.html).toContain('Robin &lt;b&gt;');
    expect(en.html).not.toContain('Robin <b>');
    const ar = renderStayInTouchMail({
      locale: 'ar',
      eventTitle: 'أمسية',
      otherShownName: 'روبن',
      otherContact: 'r@example.org',
      otherMessage: null,
    });
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.text).not.toContain('رسالتهم');
  });
});
