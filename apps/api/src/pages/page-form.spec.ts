import { DomainError } from '@app/core';
import { PageForm } from './page-form';
import { AccountDeletePageForm, RsvpLinkPageForm, RsvpPageForm, SignInPageForm } from './page-forms.dto';

describe('page forms', () => {
  it('converts the event page form: guests as a number, the yes box, answer_<id> fields as answers', () => {
    const body = {
      status: 'going',
      guests: '2',
      mode: 'online',
      coc: 'yes',
      answer_diet: 'none',
      extra: 'x',
    };
    const form = new PageForm(RsvpPageForm, body).value();
    expect(form).toEqual({
      status: 'going',
      guests: 2,
      mode: 'online',
      coc: true,
      answers: { diet: 'none' },
    });
  });

  it('ignores what the page always ignored: guests out of range, an unknown mode, a box not ticked', () => {
    const form = new PageForm(RsvpPageForm, {
      status: 'maybe',
      guests: '99',
      mode: 'moon',
      coc: 'no',
    }).value();
    expect(form).toEqual({ status: 'maybe' });
  });

  it('refuses a missing answer with a VALIDATION_FAILED naming the field', () => {
    const attempt = () => new PageForm(RsvpPageForm, { status: 'sure' }).value();
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow('Choose Going, Maybe or Can’t go');
  });

  it('reads a body of another shape (text, array, null) as an empty form, and never a prototype key', () => {
    for (const body of ['status=going', ['going'], null, undefined]) {
      expect(new PageForm(RsvpLinkPageForm, body).check().invalid).toEqual(['answer']);
    }
    const polluted = JSON.parse('{"answer":"going","__proto__":{"admin":true}}') as unknown;
    const form = new PageForm(RsvpLinkPageForm, polluted).value();
    expect(form).toEqual({ answer: 'going' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('keeps the sign-in language and return path even when the address is invalid', () => {
    const { form, invalid } = new PageForm(SignInPageForm, {
      email: 'nope',
      lang: 'ar',
      next: '/events',
    }).check();
    expect(invalid).toEqual(['email']);
    expect(form).toMatchObject({ lang: 'ar', next: '/events' });
    expect(new PageForm(SignInPageForm, { email: ' a@b.c ', lang: 'fr' }).value()).toEqual({
      email: 'a@b.c',
    });
  });

  it('treats a missing confirmation as an empty one (the erasure service refuses it)', () => {
    expect(new PageForm(AccountDeletePageForm, {}).value()).toEqual({ confirm: '' });
  });
});
