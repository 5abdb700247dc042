// Pieces the members' space shares: its paths, who may enter (members of an approved member
// organisation and coordinators; the session says so), the membership form's choices (kinds and
// counties, labelled in the interface language, fetched once per language), and plain text shown
// as paragraphs.
import { api } from '../api';
import type { MembershipForm } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { lang, t } from '../i18n';
import { pageHeading } from './common';

export const membershipPath = '/bli-medlem';
export const applicationsPath = '/samordnare/ansokningar';
export const directoryPath = '/medlemmar';
export const proposalsPath = '/forslag';

export function isMember(context: PageContext): boolean {
  return Boolean(context.session?.meeting_place?.member);
}

export function isCoordinator(context: PageContext): boolean {
  return Boolean(context.session?.meeting_place?.coordinator);
}

// The page for a signed-in person who may not enter: what it is for and the way in. Returns true
// when it was shown (the caller stops).
export function refuseUnlessAllowed(context: PageContext, title: string, allowed: boolean, coordinatorsOnly = false): boolean {
  if (allowed) return false;
  replace(
    context.main,
    ...pageHeading(context, title),
    h('p', { class: 'notice' }, coordinatorsOnly ? t('members.coordinatorsOnly') : t('members.membersOnly')),
    coordinatorsOnly ? null : h('p', {}, h('a', { href: membershipPath, 'data-link': true }, t('members.applyLink'))),
  );
  return true;
}

const formCache = new Map<string, Promise<MembershipForm>>();
export function membershipForm(): Promise<MembershipForm> {
  const key = lang();
  let form = formCache.get(key);
  if (!form) {
    form = api.membershipForm().catch((error: unknown) => {
      formCache.delete(key);
      throw error;
    });
    formCache.set(key, form);
  }
  return form;
}

// A member's plain text: one paragraph per blank-line-separated part, line breaks kept by CSS.
export function plainParagraphs(text: string): HTMLElement[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => h('p', { class: 'plain-text' }, part));
}
