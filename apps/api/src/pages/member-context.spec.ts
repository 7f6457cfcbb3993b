import { acceptLanguage, pageLanguage, visitorZone } from './member-context';

describe('page language and visitor zone', () => {
  it('picks the best Accept-Language match by q-value, then order', () => {
    expect(acceptLanguage('fr-CH, fr;q=0.9, ar;q=0.8, en;q=0.5')).toBe('ar');
    expect(acceptLanguage('en;q=0.2, ar-EG;q=0.7')).toBe('ar');
    expect(acceptLanguage('ar;q=0, en')).toBe('en');
    expect(acceptLanguage('de, *;q=0.5')).toBeNull();
    expect(acceptLanguage('ar;q=2')).toBeNull();
    expect(acceptLanguage(undefined)).toBeNull();
    expect(acceptLanguage(';;;,,,q=')).toBeNull();
  });

  it('orders ?lang, the cookie, the account, Accept-Language, English', () => {
    const base = { asked: undefined, cookie: undefined, account: undefined, acceptLanguage: undefined };
    expect(pageLanguage(base)).toBe('en');
    expect(pageLanguage({ ...base, acceptLanguage: 'ar' })).toBe('ar');
    expect(pageLanguage({ ...base, acceptLanguage: 'ar', account: 'en' })).toBe('en');
    expect(pageLanguage({ ...base, acceptLanguage: 'en', account: 'en', cookie: 'ar' })).toBe('ar');
    expect(pageLanguage({ ...base, cookie: 'ar', asked: 'en' })).toBe('en');
    expect(pageLanguage({ ...base, asked: 'xx', cookie: 'zz', acceptLanguage: 'ar' })).toBe('ar');
  });

  it('accepts known IANA zones only', () => {
    expect(visitorZone('America/New_York')).toBe('America/New_York');
    expect(visitorZone('UTC')).toBe('UTC');
    expect(visitorZone('Mars/Base')).toBeNull();
    expect(visitorZone('EST')).toBeNull();
    expect(visitorZone(['Europe/London'])).toBeNull();
  });
});
