import { modernTimeZone, timeZoneChoices } from '@app/i18n';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';

export type WelcomeField = 'displayName' | 'language' | 'timezone' | 'password' | 'pronouns';
type Errors = Partial<Record<WelcomeField, string>>;

export interface WelcomeFormValues {
  displayName: string;
  language: string;
  /** The zone to show selected; `chosen` says whether the person picked it (else the browser may fill it). */
  timezone: string;
  chosen: boolean;
  pronouns: string;
  next: string;
}

/** A field's label, hint and (when refused) message; the control is described by the one shown. */
function field(viewer: Viewer, name: WelcomeField, errors: Errors, control: (a11y: SafeHtml) => SafeHtml) {
  const { t } = viewer;
  const labels = {
    displayName: ['welcome.displayName', 'welcome.displayNameHint'],
    pronouns: ['welcome.pronouns', 'welcome.pronounsHint'],
    language: ['welcome.language', 'welcome.languageHint'],
    timezone: ['welcome.timezone', 'welcome.timezoneHint'],
    password: ['welcome.password', 'welcome.passwordHint'],
  } as const;
  const [label, hint] = labels[name];
  const error = errors[name];
  const a11y = error
    ? new SafeHtml(` aria-invalid="true" aria-describedby="${name}-error"`)
    : new SafeHtml(` aria-describedby="${name}-hint"`);
  return html`<div class="field">
    <label for="${name}">${t(label)}</label>
    <p class="muted" id="${name}-hint">${t(hint)}</p>
    ${error ? html`<p class="banner danger" id="${name}-error">${error}</p>` : ''} ${control(a11y)}
  </div>`;
}

const selected = (yes: boolean): SafeHtml | string => (yes ? new SafeHtml('selected') : '');

function zoneSelect(values: WelcomeFormValues, a11y: SafeHtml): SafeHtml {
  const chosen = modernTimeZone(values.timezone);
  const zones = timeZoneChoices();
  return html`<select
    id="timezone"
    name="timezone"
    dir="ltr"
    data-chosen="${values.chosen ? '1' : '0'}"
    ${a11y}
  >
    ${zones.includes(chosen) ? '' : html`<option value="${chosen}" selected>${chosen}</option>`}
    ${zones.map((z) => html`<option value="${z}" ${selected(z === chosen)}>${z.replace(/_/g, ' ')}</option>`)}
  </select>`;
}

/** The first sign-in step's form; `errors` maps each refused field to its message. */
export function renderWelcomePage(viewer: Viewer, values: WelcomeFormValues, errors: Errors): SafeHtml {
  const { t } = viewer;
  const problems = Object.entries(errors) as Array<[WelcomeField, string]>;
  return html`<h1>${t('welcome.title')}</h1>
    <p class="lede">${t('welcome.intro')}</p>
    ${
      problems.length > 0
        ? html`<div class="banner danger" role="alert" data-testid="welcome-errors">
            <p>${t('welcome.errors')}</p>
            <ul>
              ${problems.map(([name, text]) => html`<li><a href="#${name}">${text}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/welcome" class="card">
      <input type="hidden" name="next" value="${values.next}" />
      ${field(
        viewer,
        'displayName',
        errors,
        (a11y) =>
          html`<input
            id="displayName"
            name="displayName"
            type="text"
            required
            maxlength="100"
            autocomplete="name"
            dir="auto"
            value="${values.displayName}"
            ${a11y}
          />`,
      )}
      ${field(
        viewer,
        'pronouns',
        errors,
        (a11y) =>
          html`<input
            id="pronouns"
            name="pronouns"
            type="text"
            maxlength="40"
            dir="auto"
            value="${values.pronouns}"
            ${a11y}
          />`,
      )}
      ${field(
        viewer,
        'language',
        errors,
        (a11y) =>
          html`<select id="language" name="language" ${a11y}>
            <option value="en" lang="en" ${selected(values.language === 'en')}>English</option>
            <option value="ar" lang="ar" ${selected(values.language === 'ar')}>العربية</option>
          </select>`,
      )}
      ${field(viewer, 'timezone', errors, (a11y) => zoneSelect(values, a11y))}
      ${field(
        viewer,
        'password',
        errors,
        (a11y) =>
          html`<input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            maxlength="256"
            dir="ltr"
            ${a11y}
          />`,
      )}
      <button type="submit">${t('welcome.submit')}</button>
    </form>
    <script src="/welcome/zone.js" defer></script>`;
}

/**
 * The one script of the member pages, progressive enhancement only: when the person has not chosen
 * a zone, select the browser's (by its modern name) in the list. Served from this origin (the CSP
 * allows no inline script); without it the server's choice stays.
 */
export function welcomeZoneScript(aliases: Readonly<Record<string, string>>): string {
  return `(function () {
  var select = document.getElementById('timezone');
  if (!select || select.getAttribute('data-chosen') === '1') return;
  var aliases = ${JSON.stringify(aliases)};
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (Object.prototype.hasOwnProperty.call(aliases, zone)) zone = aliases[zone];
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; return; }
    }
  } catch (e) {}
})();
`;
}
