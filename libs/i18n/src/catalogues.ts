import adminAr from '../messages/admin/ar.json';
import adminEn from '../messages/admin/en.json';
import mailAr from '../messages/mail/ar.json';
import mailEn from '../messages/mail/en.json';
import pagesAr from '../messages/pages/ar.json';
import pagesEn from '../messages/pages/en.json';

/*
 * One catalogue per area and language, in messages/<area>/<lang>.json. Each area is its own export
 * so a bundle (the admin app) carries only the areas it uses. catalogues.spec.ts checks that every
 * language of an area has the same keys and arguments, and that every message compiles.
 */

/** Member pages (apps/api/src/pages). */
export const PAGE_MESSAGES = { en: pagesEn, ar: pagesAr };
/** Emails. */
export const MAIL_MESSAGES = { en: mailEn, ar: mailAr };
/** The admin app (apps/admin). */
export const ADMIN_MESSAGES = { en: adminEn, ar: adminAr };
