// The organisation's comparison groups (issue 11 item 3): "similar municipalities" that the
// comparison page and the area profile compare with, each the unweighted mean of its members as
// Kolada computes a group's value. Readers see them; analysts and admins create and edit them
// (members picked from the code lists' municipalities and counties), delete them, and import
// Kolada's municipality groups from its JSON file.
import type { PageContext } from '../app';
import { field, h, replace, uid } from '../dom';
import { describeError } from '../errors';
import { formatInteger, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid } from './form-errors';
import { groupsApi } from './groups-api';
import type { ComparisonGroup } from './groups-api';

export async function renderComparisonGroups(context: PageContext): Promise<void> {
  const { main, app } = context;
  context.setTitle(t('groups.title'));
  replace(main, h('h1', { tabindex: '-1' }, t('groups.title')), loading());
  const [groups, areas] = await Promise.all([groupsApi.list(app.org), groupsApi.areas()]);
  if (!context.current()) return;
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const areaLabel = (code: string) => `${byCode.get(code)?.name ?? code} (${code})`;
  const status = h('p', { role: 'status', class: 'visually-hidden' });
  const reload = (message: string) => context.navigate(location.pathname, message);

  // ---- The list ----
  const list = groups.length
    ? dataTable<ComparisonGroup>(t('groups.caption', { count: formatInteger(groups.length) }), [
        { header: t('groups.col.title'), rowHeader: true, cell: (g) => g.title },
        { header: t('groups.col.source'), cell: (g) => (g.source === 'kolada' ? t('groups.source.kolada', { id: g.source_id }) : t('groups.source.user')) },
        { header: t('groups.col.members'), cell: (g) => `${formatInteger(g.members.length)}: ${g.members.map((m) => m.name).join(', ')}` },
        ...(app.canWrite
          ? [
              {
                header: t('groups.col.actions'),
                cell: (g: ComparisonGroup) =>
                  h(
                    'span',
                    { class: 'actions' },
                    h('button', { type: 'button', class: 'button secondary small', 'aria-label': t('groups.editNamed', { title: g.title }), onclick: () => edit(g) }, t('groups.edit')),
                    ' ',
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'button danger small',
                        'aria-label': t('groups.deleteNamed', { title: g.title }),
                        onclick: async () => {
                          if (!window.confirm(t('groups.confirmDelete', { title: g.title }))) return;
                          try {
                            await groupsApi.remove(app.org, g.id);
                            reload(t('groups.deleted', { title: g.title }));
                          } catch (error) {
                            status.textContent = describeError(error);
                          }
                        },
                      },
                      t('groups.delete'),
                    ),
                  ),
              },
            ]
          : []),
      ], groups)
    : h('p', { class: 'empty' }, t('groups.none'));
  if (groups.length) {
    list.querySelectorAll('tbody tr').forEach((tr, i) => {
      Object.assign((tr as HTMLElement).dataset, { group: String(groups[i].id), against: groups[i].against, members: groups[i].members.map((m) => m.code).join(',') });
    });
  }

  if (!app.canWrite) {
    replace(main, ...pageHeading(context, t('groups.title')), h('p', {}, t('groups.intro')), status, list, h('p', { class: 'hint' }, t('groups.readOnly')));
    return;
  }

  // ---- Create or edit: a title and members picked from the code lists ----
  let editing: ComparisonGroup | null = null;
  let members: string[] = [];
  const formHeading = h('h2', { id: 'group-form-heading' }, t('groups.new'));
  const title = h('input', { type: 'text', name: 'title', 'data-field': 'title', maxlength: 200, required: true, autocomplete: 'off' });
  const listId = uid('areas');
  const picker = h('input', { type: 'text', name: 'area', list: listId, autocomplete: 'off' });
  const datalist = h('datalist', { id: listId }, areas.map((a) => h('option', { value: areaLabel(a.code) })));
  const chosen = h('ul', { class: 'chosen-members', 'aria-live': 'polite' });
  const membersSet = h('fieldset', { 'data-field': 'members', class: 'members' }, h('legend', {}, t('groups.members')));
  const drawMembers = () => {
    replace(
      chosen,
      members.length
        ? members.map((code, i) =>
            h(
              'li',
              { 'data-code': code },
              areaLabel(code),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  'aria-label': t('groups.removeMember', { area: areaLabel(code) }),
                  onclick: () => {
                    members.splice(i, 1);
                    drawMembers();
                    picker.focus();
                  },
                },
                t('groups.remove'),
              ),
            ),
          )
        : h('li', { class: 'empty' }, t('groups.noMembers')),
    );
  };
  const addMember = () => {
    clearInvalid(membersSet);
    const text = picker.value.trim();
    const code = /\((\d{2}|\d{4})\)\s*$/.exec(text)?.[1] ?? (byCode.has(text) ? text : areas.find((a) => a.name.toLowerCase() === text.toLowerCase())?.code);
    if (!code || !byCode.has(code)) {
      markInvalid(picker, t('groups.unknownArea', { text }));
      picker.focus();
      return;
    }
    if (!members.includes(code)) members.push(code);
    picker.value = '';
    drawMembers();
    status.textContent = t('groups.added', { area: areaLabel(code) });
    picker.focus();
  };
  picker.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addMember();
    }
  });
  membersSet.append(
    field(t('groups.pick'), picker, t('groups.pickHint')),
    datalist,
    h('button', { type: 'button', class: 'button secondary', onclick: addMember }, t('groups.add')),
    chosen,
  );
  const cancel = h('button', { type: 'button', class: 'button secondary', hidden: true, onclick: () => edit(null) }, t('groups.cancel'));
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'group-form-heading',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        clearInvalid(form);
        const draft = { title: title.value.trim(), members };
        try {
          const saved = editing ? await groupsApi.update(app.org, editing.id, draft) : await groupsApi.create(app.org, draft);
          reload(t(editing ? 'groups.saved' : 'groups.created', { title: saved.title }));
        } catch (error) {
          const at = (error as { problem?: { field?: string } }).problem?.field ?? '';
          const control = at === 'title' ? title : at.startsWith('members') ? picker : null;
          if (control) {
            markInvalid(control, fieldMessage(error));
            control.focus();
          } else {
            status.textContent = describeError(error);
            markInvalid(title, describeError(error));
          }
        }
      },
    },
    formHeading,
    field(t('groups.col.title'), title),
    membersSet,
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('groups.save')), ' ', cancel),
  );
  function edit(group: ComparisonGroup | null): void {
    editing = group;
    clearInvalid(form);
    title.value = group?.title ?? '';
    members = group ? group.members.map((m) => m.code) : [];
    formHeading.textContent = group ? t('groups.editing', { title: group.title }) : t('groups.new');
    cancel.hidden = !group;
    drawMembers();
    title.focus();
  }
  drawMembers();

  // ---- Import Kolada's municipality groups ----
  const file = h('input', { type: 'file', name: 'file', accept: '.json,application/json', 'data-field': 'file' });
  const importForm = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'group-import-heading',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        clearInvalid(importForm);
        const chosenFile = file.files?.[0];
        if (!chosenFile) {
          markInvalid(file, t('groups.import.noFile'));
          file.focus();
          return;
        }
        try {
          const result = await groupsApi.importKolada(app.org, chosenFile, app.session.csrf_token);
          reload(t('groups.import.done', { created: formatInteger(result.created.length), updated: formatInteger(result.updated.length) }));
        } catch (error) {
          markInvalid(file, fieldMessage(error));
          file.focus();
        }
      },
    },
    h('h2', { id: 'group-import-heading' }, t('groups.import.heading')),
    h('p', {}, t('groups.import.intro')),
    field(t('groups.import.file'), file, t('groups.import.hint')),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('groups.import.submit'))),
  );

  replace(main, ...pageHeading(context, t('groups.title')), h('p', {}, t('groups.intro')), status, list, form, importForm);
}
