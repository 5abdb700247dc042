// Konto: change one's password, see where one is signed in and end the other sessions. An
// initial password (printed by --demo or set by an administrator) leads here and nowhere else
// until it is changed; the change ends every session, so the page logs in again with the new
// password itself.
import { api, ApiError } from '../api';
import type { SessionInfo } from '../api';
import type { PageContext } from '../app';
import { field, h, replace, uid } from '../dom';
import { describeError } from '../errors';
import { formatDate, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';

export const accountPath = '/konto';

// A browser's name, major version and system from its User-Agent, e.g. "Firefox 128 på Windows";
// a string that says neither is shown shortened.
export function shortUserAgent(userAgent: string): string {
  const ua = userAgent.trim();
  if (!ua) return t('account.unknownBrowser');
  // The order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  const browsers: [RegExp, string][] = [
    [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/\bOPR\/(\d+)/, 'Opera'],
    [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
    [/\bCriOS\/(\d+)/, 'Chrome'],
    [/\bChromium\/(\d+)/, 'Chromium'],
    [/(?:\b|Headless)Chrome\/(\d+)/, 'Chrome'],
    [/\bVersion\/(\d+)[\d.]*(?: Mobile\/\S+)? Safari\//, 'Safari'],
  ];
  // iPhones say "like Mac OS X", Android says Linux: the specific ones first.
  const systems: [RegExp, string][] = [
    [/Windows/, 'Windows'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Android/, 'Android'],
    [/CrOS/, 'ChromeOS'],
    [/Macintosh|Mac OS X/, 'macOS'],
    [/Linux|X11/, 'Linux'],
  ];
  let browser = '';
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1] ?? '';
  if (browser && system) return t('account.browserOn', { browser, system });
  if (browser) return browser;
  return ua.length > 48 ? `${ua.slice(0, 47)}…` : ua;
}

// "in 15 seconds" / "in 3 minutes" for a Retry-After.
function waitText(seconds: number | undefined): string {
  if (!seconds || seconds <= 0) return t('account.waitAWhile');
  if (seconds < 60) return t('account.waitSeconds', { count: Math.ceil(seconds) });
  return t('account.waitMinutes', { count: Math.ceil(seconds / 60) });
}

function passwordForm(context: PageContext, forced: boolean, headingId: string): HTMLFormElement {
  const session = context.session!;
  // For password managers: the account the new password belongs to.
  const username = h('input', {
    type: 'text',
    name: 'username',
    autocomplete: 'username',
    value: session.user.email,
    readonly: true,
    hidden: true,
  });
  const current = h('input', {
    type: 'password',
    name: 'current_password',
    autocomplete: 'current-password',
    required: true,
  });
  const fresh = h('input', {
    type: 'password',
    name: 'new_password',
    autocomplete: 'new-password',
    required: true,
  });
  const repeat = h('input', {
    type: 'password',
    name: 'repeat_password',
    autocomplete: 'new-password',
    required: true,
  });
  const message = h('div', { class: 'form-message', 'aria-live': 'assertive', id: uid('password-message') });
  const submit = h('button', { type: 'submit', class: 'button' }, t('account.change'));
  const fields = [current, fresh, repeat];

  function fail(text: string, at: HTMLInputElement): void {
    replace(message, h('p', { class: 'error' }, text));
    at.setAttribute('aria-invalid', 'true');
    at.setAttribute('aria-describedby', [at.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' '));
    at.focus();
  }

  function reset(): void {
    replace(message);
    for (const input of fields) {
      input.removeAttribute('aria-invalid');
      const described = (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && id !== message.id)
        .join(' ');
      if (described) input.setAttribute('aria-describedby', described);
      else input.removeAttribute('aria-describedby');
    }
  }

  const form = h(
    'form',
    { class: 'card narrow', novalidate: true, 'aria-labelledby': headingId },
    username,
    field(t('account.current'), current, forced ? t('account.currentHintForced') : undefined),
    field(t('account.new'), fresh, t('account.newHint')),
    field(t('account.repeat'), repeat),
    message,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset();
    const empty = fields.find((input) => !input.value);
    if (empty) {
      fail(t('account.required'), empty);
      return;
    }
    if (fresh.value !== repeat.value) {
      fail(t('account.mismatch'), repeat);
      repeat.value = '';
      return;
    }
    if (fresh.value === current.value) {
      fail(t('account.same'), fresh);
      return;
    }
    submit.disabled = true;
    submit.textContent = t('account.busy');
    const email = session.user.email;
    const newPassword = fresh.value;
    try {
      await api.changePassword(current.value, newPassword);
    } catch (error) {
      submit.disabled = false;
      submit.textContent = t('account.change');
      if (!context.current()) return;
      if (error instanceof ApiError && error.problem.code === 'bad_credentials') {
        current.value = '';
        fail(t('account.badCurrent'), current);
      } else if (error instanceof ApiError && error.problem.code === 'throttled') {
        current.value = '';
        fail(t('account.throttled', { wait: waitText(error.problem.retry_after) }), current);
      } else if (error instanceof ApiError && error.problem.code === 'invalid_argument') {
        // The server's rule (length, not the e-mail address, not a common one), in its words.
        fail(error.problem.detail || describeError(error), fresh);
      } else {
        fail(describeError(error), current);
      }
      return;
    }
    // The change ended every session, this one too: sign in again with the new password.
    context.signIn(null);
    try {
      const next = await api.login(email, newPassword);
      context.signIn(next);
      context.navigate(forced ? '/datamangder' : accountPath, t('account.changed'));
    } catch {
      context.navigate('/logga-in', t('account.changedLogIn'));
    }
  });
  return form;
}

async function sessionsSection(context: PageContext): Promise<HTMLElement> {
  const headingId = uid('sessions-heading');
  const body = h('div', {}, loading());
  const status = h('p', { class: 'form-message', role: 'status' });
  const button = h('button', { type: 'button', class: 'button secondary' }, t('account.logoutOthers'));

  async function load(): Promise<void> {
    let sessions: SessionInfo[];
    try {
      sessions = await api.sessions();
    } catch (error) {
      if (context.current()) replace(body, h('p', { class: 'error' }, describeError(error)));
      return;
    }
    if (!context.current()) return;
    replace(
      body,
      dataTable<SessionInfo>(
        t('account.sessionsCaption', { count: sessions.length }),
        [
          {
            header: t('account.col.browser'),
            rowHeader: true,
            cell: (s) =>
              h(
                'span',
                {},
                shortUserAgent(s.user_agent),
                s.current ? [' ', h('span', { class: 'badge current-session' }, t('account.thisSession'))] : null,
              ),
          },
          { header: t('account.col.created'), cell: (s) => formatDate(s.created_at) },
          { header: t('account.col.lastSeen'), cell: (s) => formatDate(s.last_seen_at) },
          { header: t('account.col.expires'), cell: (s) => formatDate(s.expires_at) },
        ],
        sessions,
      ),
    );
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(status);
    try {
      const { ended } = await api.logoutOthers();
      replace(
        status,
        h(
          'span',
          { class: 'success' },
          ended === 0
            ? t('account.endedNone')
            : ended === 1
              ? t('account.endedOne')
              : t('account.endedMany', { count: ended }),
        ),
      );
      await load();
    } catch (error) {
      replace(status, h('span', { class: 'error' }, describeError(error)));
    } finally {
      button.disabled = false;
    }
  });

  await load();
  return h(
    'section',
    { 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('account.sessions')),
    h('p', {}, t('account.sessionsIntro')),
    body,
    h('p', { class: 'actions' }, button),
    status,
  );
}

export async function renderAccount(context: PageContext): Promise<void> {
  const { main } = context;
  const session = context.session!;
  if (session.user.must_change_password) {
    // The forced change: only the form, with why.
    const heading = pageHeading(context, t('account.forcedTitle'));
    (heading[0] as HTMLElement).id = 'password-heading';
    replace(
      main,
      ...heading,
      h('p', { class: 'notice' }, t('account.forcedText')),
      passwordForm(context, true, 'password-heading'),
    );
    return;
  }
  const heading = pageHeading(context, t('account.title'));
  const who = session.user.name
    ? t('account.signedInAs', { name: session.user.name, email: session.user.email })
    : t('account.signedInAsEmail', { email: session.user.email });
  replace(main, ...heading, h('p', {}, who), loading());
  const sessions = await sessionsSection(context);
  if (!context.current()) return;
  replace(
    main,
    ...heading,
    h('p', {}, who),
    h(
      'section',
      { 'aria-labelledby': 'password-heading' },
      h('h2', { id: 'password-heading' }, t('account.changeHeading')),
      h('p', {}, t('account.changeIntro')),
      passwordForm(context, false, 'password-heading'),
    ),
    sessions,
  );
}
