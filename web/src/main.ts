// The application shell: skip link, header with navigation, language switch and log-out, one
// main element the pages draw into, and a history-API router over Swedish paths
// (/datamangder, /analyser/12). `jamlik serve` answers index.html for these paths.
import './styles.css';

import {
  api,
  ApiError,
  setCsrfToken,
  setPasswordChangeRequiredHandler,
  setUnauthenticatedHandler,
} from './api';
import type { IndicatorType, Membership, Session } from './api';
import type { AppContext, Page, PageContext } from './app';
import { h, option, replace } from './dom';
import { describeError } from './errors';
import { lang, otherLang, setLang, t } from './i18n';
import { accountPath, renderAccount } from './pages/account';
import { activitiesPath, renderActivities } from './pages/activities';
import { renderActivity } from './pages/activity';
import { renderCancelRegistration } from './pages/cancel-registration';
import { renderAnalysis } from './pages/analysis';
import { renderAnalyses } from './pages/analyses';
import { renderDataset } from './pages/dataset';
import { renderDatasets } from './pages/datasets';
import { renderLogin } from './pages/login';
import { renderNewActivity } from './pages/new-activity';
import { renderNewAnalysis } from './pages/new-analysis';
import { renderNotFound } from './pages/not-found';
import { organiserPath, renderOrganiserActivities } from './pages/organiser-activities';
import { renderParticipants } from './pages/participants';
import { renderUpload } from './pages/upload';
import { newsPath, renderNews } from './pages/news';
import { renderNewsItem } from './pages/news-item';
import { renderNewsEditor } from './pages/news-editor';
import { examplesPath, renderExamples } from './pages/examples';
import { renderExample } from './pages/example';
import { renderExampleForm } from './pages/example-form';
import { renderMembership } from './pages/membership';
import { renderApplications } from './pages/applications';
import { renderDirectory } from './pages/directory';
import { renderProposals } from './pages/proposals';
import { renderProposal } from './pages/proposal';
import { renderProposalForm } from './pages/proposal-form';
import { applicationsPath, directoryPath, membershipPath, proposalsPath } from './pages/members-parts';
import { plansPath, renderPlans } from './pages/plan-list';
import { renderPlanOverview } from './pages/plan-overview';
import { renderPlanScorecard } from './pages/plan-scorecard';
import { renderPlanTarget } from './pages/plan-target';
import { renderPlanMeasures } from './pages/plan-measures';
import { renderPlanFollowUp } from './pages/plan-follow-up';
import { renderPlanAudit } from './pages/plan-audit';
import { renderPlanEffect } from './pages/plan-effect';
import { renderImpactAssessment, renderImpactAssessments } from './pages/impact-assessment';
import { renderImpactForm } from './pages/impact-form';
import { renderCompare } from './pages/compare-page';
import { renderAreaProfile } from './pages/area-profile';
import { renderComparisonGroups } from './pages/comparison-groups';
import { renderPublishedUpload } from './pages/published-upload';

interface Route {
  pattern: RegExp;
  names: string[];
  page: Page;
  public?: boolean;
  // Signed in, but no organisation needed (the account page).
  personal?: boolean;
}

const routes: Route[] = [
  { pattern: /^\/logga-in\/?$/, names: [], page: renderLogin, public: true },
  { pattern: /^\/datamangder\/?$/, names: [], page: renderDatasets },
  { pattern: /^\/datamangder\/ny\/?$/, names: [], page: renderUpload },
  { pattern: /^\/datamangder\/(\d+)\/?$/, names: ['id'], page: renderDataset },
  { pattern: /^\/analyser\/?$/, names: [], page: renderAnalyses },
  { pattern: /^\/analyser\/ny\/?$/, names: [], page: renderNewAnalysis },
  { pattern: /^\/analyser\/(\d+)\/?$/, names: ['id'], page: renderAnalysis },
  { pattern: /^\/konto\/?$/, names: [], page: renderAccount, personal: true },
  // The meeting place: public pages anyone may open, and the organiser's pages.
  { pattern: /^\/aktiviteter\/?$/, names: [], page: renderActivities, public: true },
  { pattern: /^\/aktiviteter\/(\d+)\/?$/, names: ['id'], page: renderActivity, public: true },
  { pattern: /^\/avanmalan\/([^/]+)\/?$/, names: ['token'], page: renderCancelRegistration, public: true },
  { pattern: /^\/arrangor\/aktiviteter\/?$/, names: [], page: renderOrganiserActivities },
  { pattern: /^\/arrangor\/aktiviteter\/ny\/?$/, names: [], page: renderNewActivity },
  { pattern: /^\/arrangor\/aktiviteter\/(\d+)\/?$/, names: ['id'], page: renderParticipants },
  // News and learning examples: public reading; coordinators write news, members examples.
  { pattern: /^\/nyheter\/?$/, names: [], page: renderNews, public: true },
  { pattern: /^\/nyheter\/(\d+)\/?$/, names: ['id'], page: renderNewsItem, public: true },
  { pattern: /^\/nyheter\/redigera\/?$/, names: [], page: renderNewsEditor, personal: true },
  { pattern: /^\/nyheter\/redigera\/(\d+)\/?$/, names: ['id'], page: renderNewsEditor, personal: true },
  { pattern: /^\/exempel\/?$/, names: [], page: renderExamples, public: true },
  { pattern: /^\/exempel\/nytt\/?$/, names: [], page: renderExampleForm },
  { pattern: /^\/exempel\/(\d+)\/?$/, names: ['id'], page: renderExample, public: true },
  { pattern: /^\/exempel\/(\d+)\/redigera\/?$/, names: ['id'], page: renderExampleForm },
  // The members' space: applying is public; the directory and proposals are for members, the
  // applications for coordinators (the pages say so to others); no organisation needed.
  { pattern: /^\/bli-medlem\/?$/, names: [], page: renderMembership, public: true },
  { pattern: /^\/samordnare\/ansokningar\/?$/, names: [], page: renderApplications, personal: true },
  { pattern: /^\/medlemmar\/?$/, names: [], page: renderDirectory, personal: true },
  { pattern: /^\/forslag\/?$/, names: [], page: renderProposals, personal: true },
  { pattern: /^\/forslag\/nytt\/?$/, names: [], page: renderProposalForm, personal: true },
  { pattern: /^\/forslag\/(\d+)\/?$/, names: ['id'], page: renderProposal, personal: true },
  // The approval mail links /login: the log-in page under its Swedish path.
  {
    pattern: /^\/login\/?$/,
    names: [],
    page: (context) => {
      history.replaceState(null, '', '/logga-in');
      context.navigate('/logga-in');
    },
    public: true,
  },
  // Goal-and-budget plans: the year's plan, its scorecard, targets, measures, follow-up, changes.
  { pattern: /^\/planer\/?$/, names: [], page: renderPlans },
  { pattern: /^\/planer\/(\d+)\/?$/, names: ['id'], page: renderPlanOverview },
  { pattern: /^\/planer\/(\d+)\/styrkort\/?$/, names: ['id'], page: renderPlanScorecard },
  { pattern: /^\/planer\/(\d+)\/malvarden\/([^/]+)\/?$/, names: ['id', 'target'], page: renderPlanTarget },
  { pattern: /^\/planer\/(\d+)\/insatser\/?$/, names: ['id'], page: renderPlanMeasures },
  { pattern: /^\/planer\/(\d+)\/uppfoljning\/?$/, names: ['id'], page: renderPlanFollowUp },
  { pattern: /^\/planer\/(\d+)\/andringar\/?$/, names: ['id'], page: renderPlanAudit },
  { pattern: /^\/planer\/(\d+)\/insatser\/([^/]+)\/effekt\/?$/, names: ['id', 'measure'], page: renderPlanEffect },
  // A plan's equality impact assessments: list, new, view (with the decision), edit.
  { pattern: /^\/planer\/(\d+)\/konsekvensanalyser\/?$/, names: ['plan'], page: renderImpactAssessments },
  { pattern: /^\/planer\/(\d+)\/konsekvensanalyser\/ny\/?$/, names: ['plan'], page: renderImpactForm },
  { pattern: /^\/planer\/(\d+)\/konsekvensanalyser\/(\d+)\/?$/, names: ['plan', 'id'], page: renderImpactAssessment },
  { pattern: /^\/planer\/(\d+)\/konsekvensanalyser\/(\d+)\/andra\/?$/, names: ['plan', 'id'], page: renderImpactForm },
  // An analysis' comparisons with the county and the nation, and one area's profile.
  { pattern: /^\/analyser\/(\d+)\/jamforelse\/?$/, names: ['id'], page: renderCompare },
  { pattern: /^\/analyser\/(\d+)\/omradesprofil\/?$/, names: ['id'], page: renderAreaProfile },
  // The organisation's comparison groups (similar municipalities).
  { pattern: /^\/jamforelsegrupper\/?$/, names: [], page: renderComparisonGroups },
  // Published statistics (Kolada, SCB, HEAT Plus) imported as an analysis.
  { pattern: /^\/analyser\/publicerad\/?$/, names: [], page: renderPublishedUpload },
];

// The members' space in the menu by role: members see the proposals and the directory,
// coordinators also the applications.
function memberLinks(current: Session): [string, string][] {
  const links: [string, string][] = [];
  if (current.meeting_place?.member) links.push([proposalsPath, t('nav.proposals')], [directoryPath, t('nav.directory')]);
  if (current.meeting_place?.coordinator) links.push([applicationsPath, t('nav.applications')]);
  return links;
}

const orgKey = 'jamlik.organisation';
let session: Session | null = null;
let membership: Membership | null = null;
let indicatorTypes: Promise<IndicatorType[]> | null = null;
let renderCount = 0;
let pendingFlash: string | undefined;
let firstRender = true;

const root = document.getElementById('app') as HTMLElement;

function chooseMembership(current: Session): Membership | null {
  if (current.memberships.length === 0) return null;
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(orgKey);
  } catch {
    // no storage: the first organisation
  }
  return (
    current.memberships.find((m) => String(m.organisation.id) === stored) ?? current.memberships[0]
  );
}

// An initial password must be changed before anything else: the account page only.
function mustChangePassword(): boolean {
  return Boolean(session && session.user.must_change_password);
}

function setSession(next: Session | null): void {
  session = next;
  setCsrfToken(next ? next.csrf_token : '');
  membership = next ? chooseMembership(next) : null;
}

export function navigate(path: string, flash?: string): void {
  pendingFlash = flash;
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  void render();
}

function appContext(): AppContext {
  const current = membership as Membership;
  return {
    session: session as Session,
    membership: current,
    org: current.organisation.id,
    canWrite: current.role === 'analyst' || current.role === 'admin',
    navigate,
    indicatorTypes: () => {
      if (!indicatorTypes) {
        indicatorTypes = api.indicatorTypes().catch((error: unknown) => {
          indicatorTypes = null;
          throw error;
        });
      }
      return indicatorTypes;
    },
  };
}

async function logOut(): Promise<void> {
  try {
    await api.logout();
  } catch (error) {
    // An ended session is logged out already.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  setSession(null);
  navigate('/logga-in', t('login.loggedOut'));
}

function navigation(links: [string, string][], active: string): HTMLElement {
  return h(
    'nav',
    { 'aria-label': t('nav.label'), class: 'site-nav' },
    h(
      'ul',
      {},
      links.map(([href, label]) =>
        h('li', {}, h('a', { href, 'data-link': true, 'aria-current': active.startsWith(href) ? 'page' : null }, label)),
      ),
    ),
  );
}

function header(active: string): HTMLElement {
  const other = otherLang();
  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'link-button lang-switch',
      lang: other,
      onclick: () => {
        setLang(other);
        void render();
      },
    },
    other === 'en' ? 'English' : 'Svenska',
  );
  const bar = h(
    'div',
    { class: 'header-bar' },
    h('a', { href: '/', class: 'brand', 'data-link': true }, h('span', { 'aria-hidden': 'true', class: 'brand-mark' }, '≈'), ' Jämlik'),
  );
  const tools = h('div', { class: 'header-tools' }, langButton);
  bar.append(tools);
  const element = h('header', { class: 'site-header' }, bar);
  if (!session) {
    // Visitors without an account: the meeting place's public activities, and the way in.
    const links: [string, string][] = [
      [activitiesPath, t('nav.activities')],
      [newsPath, t('nav.news')],
      [examplesPath, t('nav.examples')],
      [membershipPath, t('nav.membership')],
      ['/logga-in', t('nav.login')],
    ];
    element.append(navigation(links, active));
  } else if (session && mustChangePassword()) {
    tools.append(
      h('span', { class: 'user-name' }, t('header.signedInAs', { name: session.user.name || session.user.email })),
      h('button', { type: 'button', class: 'button secondary', onclick: () => void logOut() }, t('header.logout')),
    );
  } else if (session && !membership) {
    // A coordinator without an organisation: the news (to write them) and the members' space.
    const news: [string, string][] = session.meeting_place?.member ? [[newsPath, t('nav.news')]] : [];
    element.append(navigation([...news, ...memberLinks(session), [accountPath, t('nav.account')]], active));
    tools.append(
      h('span', { class: 'user-name' }, t('header.signedInAs', { name: session.user.name || session.user.email })),
      h('button', { type: 'button', class: 'button secondary', onclick: () => void logOut() }, t('header.logout')),
    );
  } else if (session && membership) {
    const links: [string, string][] = [
      ['/datamangder', t('nav.datasets')],
      ['/analyser', t('nav.analyses')],
      [plansPath, t('nav.plans')],
      [organiserPath, t('nav.activities')],
      [newsPath, t('nav.news')],
      [examplesPath, t('nav.examples')],
      ...memberLinks(session),
      [accountPath, t('nav.account')],
    ];
    const nav = navigation(links, active);
    element.append(nav);
    if (session.memberships.length > 1) {
      const select = h(
        'select',
        {
          id: 'org-select',
          onchange: (event: Event) => {
            const id = (event.target as HTMLSelectElement).value;
            try {
              localStorage.setItem(orgKey, id);
            } catch {
              // not remembered
            }
            membership = session!.memberships.find((m) => String(m.organisation.id) === id) ?? membership;
            navigate('/datamangder');
          },
        },
        session.memberships.map((m) =>
          option(String(m.organisation.id), m.organisation.name, m === membership),
        ),
      );
      tools.prepend(h('div', { class: 'org-select' }, h('label', { for: 'org-select' }, t('header.organisation')), select));
    } else {
      tools.prepend(
        h('span', { class: 'org-name' }, membership.organisation.name),
      );
    }
    tools.append(
      h('span', { class: 'user-name' }, t('header.signedInAs', { name: session.user.name || session.user.email }), ' (', t(`role.${membership.role}`), ')'),
      h('button', { type: 'button', class: 'button secondary', onclick: () => void logOut() }, t('header.logout')),
    );
  }
  return element;
}

function shell(active: string): HTMLElement {
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(
    root,
    h('a', { href: '#main', class: 'skip-link', onclick: (event: Event) => {
      event.preventDefault();
      main.focus();
    } }, t('skip')),
    header(active),
    main,
    h('footer', { class: 'site-footer' }, h('p', {}, t('footer.text'))),
  );
  return main;
}

function matchRoute(path: string): { route: Route | null; params: Record<string, string> } {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = match[i + 1]));
      return { route, params };
    }
  }
  return { route: null, params: {} };
}

async function render(): Promise<void> {
  const id = ++renderCount;
  document.documentElement.lang = lang();
  const path = location.pathname;
  if (path === '/' || path === '') {
    history.replaceState(null, '', session ? '/datamangder' : '/logga-in');
    return render();
  }
  const { route, params } = matchRoute(path);
  if (route && !route.public && !session) {
    const next = path + location.search;
    history.replaceState(null, '', '/logga-in' + (next !== '/datamangder' ? '?next=' + encodeURIComponent(next) : ''));
    return render();
  }
  if (route && route.public && session && path.startsWith('/logga-in')) {
    history.replaceState(null, '', '/datamangder');
    return render();
  }
  // Until the initial password is changed, every other page leads to the account page.
  if (mustChangePassword() && !(route && route.public) && route?.page !== renderAccount) {
    history.replaceState(null, '', accountPath);
    return render();
  }
  const main = shell(path);
  const flash = pendingFlash;
  pendingFlash = undefined;
  const context: PageContext = {
    main,
    params,
    query: new URLSearchParams(location.search),
    app: session && membership ? appContext() : (null as unknown as AppContext),
    session,
    setTitle: (title) => {
      document.title = `${title} – Jämlik`;
    },
    current: () => id === renderCount,
    flash,
    signIn: (next) => setSession(next),
    navigate,
  };
  const focusHeading = !firstRender;
  firstRender = false;
  try {
    if (!route) {
      renderNotFound(context);
    } else if (session && !membership && !route.public && !route.personal) {
      context.setTitle(t('noOrganisation.title'));
      replace(main, h('h1', { tabindex: '-1' }, t('noOrganisation.title')), h('p', {}, t('noOrganisation.text')));
    } else {
      await route.page(context);
    }
  } catch (error) {
    if (id !== renderCount) return;
    replace(
      main,
      h('h1', { tabindex: '-1' }, t('error.title')),
      h('p', { role: 'alert' }, describeError(error)),
    );
    context.setTitle(t('error.title'));
  }
  if (id !== renderCount) return;
  if (focusHeading) {
    const heading = main.querySelector('h1') as HTMLElement | null;
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
}

// Links inside the application navigate without reloading.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (!link || link.origin !== location.origin) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', () => void render());

setUnauthenticatedHandler(() => {
  if (!session) return;
  setSession(null);
  navigate('/logga-in?next=' + encodeURIComponent(location.pathname + location.search), t('login.expired'));
});

// An answer saying the password must be changed first (e.g. an administrator reset it): the
// account page, with the explanation.
setPasswordChangeRequiredHandler(() => {
  if (!session || mustChangePassword()) return;
  session.user.must_change_password = true;
  navigate(accountPath);
});

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  try {
    setSession(await api.session());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      // The server is unreachable: the log-in page says so when it is tried.
      console.error(error);
    }
    setSession(null);
  }
  await render();
}

void start();
