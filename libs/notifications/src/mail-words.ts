import { MAIL_MESSAGES, translator } from '@app/i18n';
import type { Language, MessageKey, Translate } from '@app/i18n';

/** The mail catalogue (libs/i18n/messages/mail) in one language. */
export type MailTranslate = Translate<MessageKey<typeof MAIL_MESSAGES>>;

export const mailWords = (language: Language): MailTranslate => translator(MAIL_MESSAGES, language);
