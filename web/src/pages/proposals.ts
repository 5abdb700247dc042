// Förslag: the members' proposals — "what should the meeting place do that is not already done
// elsewhere?" — by votes or newest first, filtered by status; the choice is kept in the address
// (?ordning=nyast&status=planned). Members and coordinators only.
import { api } from '../api';
import type { Proposal, ProposalStatus } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { formatDate } from './news';
import { isMember, proposalsPath, refuseUnlessAllowed } from './members-parts';

export const proposalStatuses: ProposalStatus[] = ['open', 'planned', 'done', 'declined'];

export function votesText(votes: number): string {
  return votes === 1 ? t('proposals.votesOne') : t('proposals.votes', { count: votes });
}

export function commentsText(comments: number): string {
  return comments === 1 ? t('proposals.commentsOne') : t('proposals.comments', { count: comments });
}

function proposalItem(proposal: Proposal): HTMLElement {
  return h(
    'li',
    { class: 'proposal-item', 'data-status': proposal.status },
    h('p', { class: `proposal-status status-${proposal.status}` }, proposal.status_label),
    h('h2', {}, h('a', { href: `${proposalsPath}/${proposal.id}`, 'data-link': true }, proposal.title)),
    h('p', { class: 'activity-meta' }, t('proposals.by', { name: proposal.author_name, date: formatDate(proposal.created_at) })),
    h(
      'p',
      { class: 'proposal-counts' },
      h('strong', {}, votesText(proposal.votes)),
      ` · ${commentsText(proposal.comments)}`,
      proposal.voted ? ` · ${t('proposals.youVoted')}` : null,
    ),
  );
}

export async function renderProposals(context: PageContext): Promise<void> {
  const { main, query } = context;
  const title = t('proposals.title');
  if (refuseUnlessAllowed(context, title, isMember(context))) return;
  const heading = pageHeading(context, title);
  replace(main, ...heading, loading());
  const recent = query.get('ordning') === 'nyast';
  const chosenStatus = proposalStatuses.find((s) => s === query.get('status')) ?? '';
  const proposals = await api.proposals(recent ? 'recent' : 'votes');
  if (!context.current()) return;

  const order = h(
    'select',
    { name: 'ordning' },
    option('', t('proposals.byVotes'), !recent),
    option('nyast', t('proposals.byRecent'), recent),
  );
  const status = h(
    'select',
    { name: 'status' },
    option('', t('proposals.anyStatus')),
    proposalStatuses.map((s) => option(s, t(`proposals.status.${s}`), s === chosenStatus)),
  );
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('proposals.filters') },
    h('div', { class: 'form-grid' }, field(t('proposals.order'), order), field(t('proposals.statusLabel'), status)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('activities.show'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const select of [order, status]) if (select.value) next.set(select.name, select.value);
    const text = next.toString();
    context.navigate(proposalsPath + (text ? `?${text}` : ''));
  });
  const shown = chosenStatus ? proposals.filter((p) => p.status === chosenStatus) : proposals;
  const count = shown.length === 1 ? t('proposals.countOne') : t('proposals.count', { count: shown.length });
  replace(
    main,
    ...heading,
    h('p', {}, t('proposals.intro')),
    h('p', {}, h('a', { href: `${proposalsPath}/nytt`, 'data-link': true, class: 'button' }, t('proposals.new'))),
    form,
    h('p', { class: 'result-count', role: 'status' }, count),
    shown.length === 0
      ? h('p', { class: 'empty' }, chosenStatus ? t('proposals.empty') : t('proposals.none'))
      : h('ol', { class: 'proposal-list' }, shown.map(proposalItem)),
  );
}
