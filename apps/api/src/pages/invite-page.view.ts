import type { InviteDescription } from '@app/community';
import { isolate } from '@app/i18n';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';

export type InviteState =
  | { kind: 'ask'; invite: InviteDescription }
  | { kind: 'sign-in'; invite: InviteDescription }
  | { kind: 'accepted'; groupSlug: string; groupName: string }
  | { kind: 'invalid' | 'expired' | 'used' | 'revoked' }
  | { kind: 'wrong-address'; invite: InviteDescription | null };

/** Who invited them, to which group, and the group's code of conduct when it has one. */
function about(viewer: Viewer, invite: InviteDescription): SafeHtml {
  const { t } = viewer;
  const coc = invite.codeOfConduct.trim();
  return html`<p>
      ${
        invite.inviterName
          ? t('invite.from', { inviter: isolate(invite.inviterName), group: isolate(invite.groupName) })
          : t('invite.fromGroup', { group: isolate(invite.groupName) })
      }
    </p>
    ${
      coc
        ? html`<details open>
            <summary>${t('invite.codeOfConduct')}</summary>
            <p class="prewrap" dir="auto">${coc}</p>
          </details>`
        : ''
    }`;
}

const SIGN_OUT = (viewer: Viewer): SafeHtml =>
  html`<form method="post" action="/sign-out">
    <button type="submit" class="secondary">${viewer.t('invite.signOut')}</button>
  </form>`;

/**
 * The page a group invitation email links to. GET only shows it; the one button POSTs back to the
 * same address, which joins (signing a signed-out person in only when the address had no account).
 * 'sign-in': the address has an account, so the button emails it a sign-in link (POST /sign-in)
 * that comes back here.
 */
export function renderInvitePage(viewer: Viewer, token: string, state: InviteState): SafeHtml {
  const { t, user } = viewer;
  const body = (() => {
    switch (state.kind) {
      case 'ask':
        return html`${about(viewer, state.invite)}
          <p>${t('invite.oneClick', { email: isolate(state.invite.email) })}</p>
          <form method="post" action="/invites/${encodeURIComponent(token)}">
            <button type="submit">${t('invite.accept')}</button>
          </form>`;
      case 'sign-in':
        return html`${about(viewer, state.invite)}
          <div class="banner" role="status">
            <p>${t('invite.signInToAccept', { email: isolate(state.invite.email) })}</p>
          </div>
          <form method="post" action="/sign-in">
            <input type="hidden" name="email" value="${state.invite.email}" />
            <input type="hidden" name="next" value="/invites/${encodeURIComponent(token)}" />
            <input type="hidden" name="lang" value="${viewer.locale}" />
            <button type="submit">${t('invite.emailSignIn')}</button>
          </form>`;
      case 'accepted':
        return html`<div class="banner ok" role="status">
            <p>${t('invite.accepted', { group: isolate(state.groupName) })}</p>
          </div>
          <p>
            <a class="button" href="/groups/${encodeURIComponent(state.groupSlug)}"
              >${t('invite.openGroup')}</a
            >
          </p>`;
      case 'invalid':
      case 'expired':
      case 'used':
      case 'revoked':
        return html`<div class="banner danger" role="alert"><p>${t(`invite.${state.kind}`)}</p></div>`;
      case 'wrong-address':
        return html`${state.invite ? about(viewer, state.invite) : ''}
          <div class="banner danger" role="alert">
            <p>${t('invite.wrongAddress', { email: isolate(user?.email ?? '') })}</p>
          </div>
          ${SIGN_OUT(viewer)}`;
    }
  })();
  return html`<h1>${t('invite.title')}</h1>
    <section class="card">${body}</section>`;
}
