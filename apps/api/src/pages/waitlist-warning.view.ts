import type { WaitlistWarning } from '@app/rsvp';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';

/**
 * "You will join the waitlist (position N)": one line per full mode, shown before Going is pressed.
 * Without a position (the viewer may not see attendee counts) it says so without the number.
 */
export function waitlistWarnings(viewer: Viewer, warnings: WaitlistWarning[]): SafeHtml {
  const { t } = viewer;
  return html`${warnings.map(
    (w) =>
      html`<div
        class="banner warn"
        role="note"
        data-testid="waitlist-warning"
        ${w.position === null ? '' : html`data-position="${w.position}"`}
        ${w.mode ? html`data-mode="${w.mode}"` : ''}
      >
        <p>
          ${
            w.position === null
              ? t('rsvp.waitlistWarningNoPosition', { mode: w.mode ?? 'any' })
              : t('rsvp.waitlistWarning', { mode: w.mode ?? 'any', position: w.position })
          }
        </p>
      </div>`,
  )}`;
}

/** "Position N on the waitlist.", carrying N for tests and scripts. */
export function waitlistPlace(viewer: Viewer, position: number | null): SafeHtml | string {
  if (position === null) return '';
  // prettier-ignore
  return html`<span data-testid="waitlist-position" data-position="${position}">${viewer.t('rsvp.waitlistPosition', { position })}</span>`;
}
