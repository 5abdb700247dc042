// What every page gets: the session, the organisation it works in, navigation, and the page's
// own main element. Pages are functions of this context; they never reach for globals.
import type { IndicatorType, Membership, Session } from './api';

export interface AppContext {
  session: Session;
  membership: Membership;
  // The organisation's id, used in every API path.
  org: number;
  canWrite: boolean;
  navigate(path: string, flash?: string): void;
  indicatorTypes(): Promise<IndicatorType[]>;
}

export interface PageContext {
  main: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  app: AppContext;
  // Set the page's heading text into document.title.
  setTitle(title: string): void;
  // Whether the page is still the one shown (a slow request must not draw over a newer page).
  current(): boolean;
  // A message carried over from the previous page (e.g. "deleted"), shown once.
  flash?: string;
  // The signed-in session, also without an organisation (the account page needs no membership).
  session: Session | null;
  // After log-in: keep the session (and its CSRF token) for the pages that follow; null forgets it
  // (a password change ends every session).
  signIn(session: Session | null): void;
  navigate(path: string, flash?: string): void;
}

export type Page = (context: PageContext) => Promise<void> | void;
