// Nyheter: the meeting place's published news, newest first, with the Atom feed to subscribe to.
// Needs no account. Also the rendering of rich text every news and example page shares: the
// server has sanitised it already; here it is rebuilt element by element from the same allow-list
// (never through innerHTML), so a slip on either side cannot put markup that runs on the page.
import { api } from '../api';
import type { LatestItems, NewsItem } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { lang, t } from '../i18n';
import { loading, pageHeading } from './common';

export const newsPath = '/nyheter';
export const newsFeedPath = '/api/public/news.atom';

const allowedTags = new Set(['P', 'BR', 'STRONG', 'EM', 'UL', 'OL', 'LI', 'H2', 'H3', 'BLOCKQUOTE', 'A']);
const droppedTags = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH']);

// Sanitised HTML as DOM nodes: allowed elements copied without attributes (an a keeps an http,
// https or mailto href and gets rel="noopener nofollow"), other elements replaced by their text.
// DOMParser's document runs no script and loads nothing.
export function richText(html: string, headingShift = 0): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const out = document.createDocumentFragment();
  const copy = (from: Node, to: Node): void => {
    for (const child of Array.from(from.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(child.textContent ?? ''));
        continue;
      }
      if (!(child instanceof Element)) continue;
      const tag = child.tagName.toUpperCase();
      if (droppedTags.has(tag)) continue;
      if (!allowedTags.has(tag)) {
        copy(child, to);
        continue;
      }
      // Headings below the page's own: h2 becomes h3 under a section heading.
      let name = tag.toLowerCase();
      if (headingShift && (tag === 'H2' || tag === 'H3')) name = `h${Math.min(6, Number(tag[1]) + headingShift)}`;
      const element = document.createElement(name);
      if (tag === 'A') {
        const href = (child.getAttribute('href') ?? '').trim();
        if (/^(https?:|mailto:)/i.test(href)) {
          element.setAttribute('href', href);
          element.setAttribute('rel', 'noopener nofollow');
        }
      }
      copy(child, element);
      to.appendChild(element);
    }
  };
  copy(parsed.body, out);
  return out;
}

export function formatDate(seconds: number): string {
  return new Intl.DateTimeFormat(lang() === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(seconds * 1000));
}

function newsEntry(item: NewsItem): HTMLElement {
  return h(
    'li',
    { class: 'news-item' },
    h('h2', {}, h('a', { href: `${newsPath}/${item.id}`, 'data-link': true }, item.title)),
    h('p', { class: 'news-meta' }, item.published_at ? formatDate(item.published_at) : '', ' · ', item.author),
    item.summary ? h('p', {}, item.summary) : null,
  );
}

// "The latest" for members: news, learning examples and the activities of their own counties.
function latestSection(latest: LatestItems): HTMLElement {
  const kinds: Record<string, string> = {
    news: t('latest.news'),
    example: t('latest.example'),
    activity: t('latest.activity'),
  };
  return h(
    'section',
    { 'aria-labelledby': 'latest-heading', class: 'card' },
    h('h2', { id: 'latest-heading' }, t('latest.title')),
    latest.items.length === 0
      ? h('p', { class: 'empty' }, t('latest.none'))
      : h(
          'ul',
          { class: 'latest-list' },
          latest.items.map((item) =>
            h('li', {}, `${kinds[item.kind] ?? item.kind}: `, h('a', { href: item.path, 'data-link': true }, item.title), ` · ${formatDate(item.at)}`),
          ),
        ),
  );
}

export async function renderNews(context: PageContext): Promise<void> {
  const { main } = context;
  const heading = pageHeading(context, t('news.title'));
  replace(main, ...heading, loading());
  const member = Boolean(context.session?.meeting_place?.member);
  const [news, latest] = await Promise.all([api.publicNews(), member ? api.latest() : Promise.resolve(null)]);
  if (!context.current()) return;
  const coordinator = Boolean(context.session?.meeting_place?.coordinator);
  replace(
    main,
    ...heading,
    h(
      'p',
      {},
      t('news.intro'),
      ' ',
      h('a', { href: newsFeedPath, type: 'application/atom+xml' }, t('news.feed')),
      coordinator ? [' · ', h('a', { href: `${newsPath}/redigera`, 'data-link': true }, t('news.edit'))] : null,
    ),
    latest ? latestSection(latest) : null,
    news.length === 0 ? h('p', { class: 'empty' }, t('news.none')) : h('ul', { class: 'news-list' }, news.map(newsEntry)),
  );
}
