// One proposal: what is proposed, by whom, the measured gap it cites, its status (and the
// coordinator's reason), the votes — one per person, given and withdrawn here — and the comments
// with a form to add one. Coordinators mark it planned, done or declined with a reason (or open
// again). Members and coordinators only.
import { api, ApiError } from '../api';
import type { Proposal, ProposalStatus } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { formatDate } from './news';
import { isCoordinator, isMember, plainParagraphs, proposalsPath, refuseUnlessAllowed } from './members-parts';
import { commentsText, proposalStatuses, votesText } from './proposals';

function voteSection(context: PageContext, initial: Proposal): HTMLElement {
  let proposal = initial;
  const count = h('p', { class: 'vote-count', role: 'status' });
  const button = h('button', { type: 'button', class: 'button' });
  const message = h('div', { class: 'form-message' });
  const show = () => {
    replace(count, h('strong', {}, votesText(proposal.votes)), proposal.voted ? ` · ${t('proposals.youVoted')}` : null);
    button.textContent = proposal.voted ? t('proposal.withdraw') : t('proposal.vote');
    button.classList.toggle('secondary', proposal.voted);
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(message);
    try {
      proposal = proposal.voted ? await api.withdrawVote(proposal.id) : await api.vote(proposal.id);
      if (!context.current()) return;
      show();
    } catch (error) {
      replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    } finally {
      button.disabled = false;
    }
  });
  show();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'votes-heading' },
    h('h2', { id: 'votes-heading' }, t('proposal.votesHeading')),
    h('p', { class: 'hint' }, t('proposal.oneVote')),
    count,
    h('div', { class: 'actions' }, button),
    message,
  );
}

function commentSection(context: PageContext, proposal: Proposal): HTMLElement {
  const comments = proposal.comment_list ?? [];
  const body = h('textarea', { name: 'body', rows: '4', maxlength: '2000', required: true, 'data-field': 'body' });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('proposal.commentSubmit'));
  const form = h(
    'form',
    { novalidate: true, 'aria-label': t('proposal.commentLabel') },
    field(t('proposal.comment'), body, t('proposal.commentHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!body.value.trim()) {
      markInvalid(body, t('proposal.commentRequired'));
      body.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.commentOnProposal(proposal.id, body.value.trim());
      context.navigate(`${proposalsPath}/${proposal.id}`, t('proposal.commented'));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, t('proposal.commentsHeading'), ` (${commentsText(comments.length)})`),
    comments.length === 0
      ? h('p', { class: 'empty' }, t('proposal.noComments'))
      : h(
          'ol',
          { class: 'comment-list' },
          comments.map((c) =>
            h('li', { class: 'comment' }, h('p', { class: 'activity-meta' }, t('proposals.by', { name: c.author_name, date: formatDate(c.created_at) })), ...plainParagraphs(c.body)),
          ),
        ),
    form,
  );
}

function statusForm(context: PageContext, proposal: Proposal): HTMLElement {
  const status = h(
    'select',
    { name: 'status', 'data-field': 'status' },
    proposalStatuses.map((s) => option(s, t(`proposals.status.${s}`), s === proposal.status)),
  );
  const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '2000', 'data-field': 'reason' });
  reason.value = proposal.status_reason;
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('proposal.statusSubmit'));
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-labelledby': 'status-heading' },
    h('h2', { id: 'status-heading' }, t('proposal.statusHeading')),
    field(t('proposals.statusLabel'), status),
    field(t('proposal.reason'), reason, t('proposal.reasonHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (status.value !== 'open' && !reason.value.trim()) {
      markInvalid(reason, t('proposal.reasonRequired'));
      reason.focus();
      return;
    }
    submit.disabled = true;
    try {
      const marked = await api.setProposalStatus(proposal.id, status.value as ProposalStatus, reason.value.trim());
      context.navigate(`${proposalsPath}/${proposal.id}`, t('proposal.statusSaved', { status: marked.status_label }));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}

export async function renderProposal(context: PageContext): Promise<void> {
  const { main } = context;
  const title = t('proposals.title');
  if (refuseUnlessAllowed(context, title, isMember(context))) return;
  replace(main, loading());
  let proposal: Proposal;
  try {
    proposal = await api.proposal(Number(context.params.id));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    if (!context.current()) return;
    replace(main, ...pageHeading(context, t('proposal.notFound')), h('p', {}, h('a', { href: proposalsPath, 'data-link': true }, t('proposal.back'))));
    return;
  }
  if (!context.current()) return;
  const cited = proposal.analysis_id
    ? h(
        'p',
        { class: 'cited-gap' },
        t('proposal.cites'),
        ' ',
        // Only the proposer's organisation may open the analysis: named, not linked.
        t('proposal.analysis', { id: proposal.analysis_id }),
        proposal.indicator ? ` · ${t('proposal.indicator', { indicator: proposal.indicator })}` : null,
      )
    : null;
  replace(
    main,
    h('p', { class: `proposal-status status-${proposal.status}`, 'data-status': proposal.status }, proposal.status_label),
    ...pageHeading(context, proposal.title),
    h('p', { class: 'activity-meta' }, t('proposals.by', { name: proposal.author_name, date: formatDate(proposal.created_at) })),
    proposal.status !== 'open' && proposal.status_reason
      ? h(
          'p',
          { class: 'notice status-reason' },
          t('proposal.statusReason', { status: proposal.status_label, date: proposal.status_at ? formatDate(proposal.status_at) : '' }),
          ' ',
          proposal.status_reason,
        )
      : null,
    ...plainParagraphs(proposal.body),
    cited,
    voteSection(context, proposal),
    isCoordinator(context) ? statusForm(context, proposal) : null,
    commentSection(context, proposal),
    h('p', {}, h('a', { href: proposalsPath, 'data-link': true }, t('proposal.back'))),
  );
}
