import { renderGroupInviteMail } from './group-invite.template';
import { renderMagicLinkMail } from './magic-link.template';

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
