// The JSON API of `jamlik serve` (src/server/openapi.json). Every state-changing request carries
// the session's CSRF token in X-CSRF-Token; errors arrive as application/problem+json and are
// thrown as ApiError with the problem's fields (line, column, field, value for CSV errors).

// The API's types are generated from its OpenAPI document (web/CMakeLists.txt runs
// openapi-typescript on `jamlik openapi`), never written by hand.
import type { components, paths } from './generated/api-schema';
import { lang } from './i18n';

type Schemas = components['schemas'];
export type Organisation = Schemas['Organisation'];
export type Membership = Schemas['Membership'];
export type User = Schemas['User'];
export type SessionInfo = Schemas['SessionInfo'];
export type Session = Schemas['Session'];
export type DatasetColumn = Schemas['Column'];
export type Dataset = Schemas['Dataset'];
export type ColumnMarks = Schemas['ColumnMarks'];
export type IndicatorType = Schemas['IndicatorType'];
export type IndicatorDefinition = Schemas['IndicatorDefinition'];
export type Analysis = Schemas['Analysis'];
export type ResultRow = Schemas['ResultRow'];
export type InequalityMeasure = Schemas['InequalityMeasure'];
export type InequalityRow = Schemas['InequalityRow'];
export type InequalityResult = Schemas['InequalityResult'];
export type ComparisonRow = ResultRow & Schemas['Comparison'];
export type DistributionRequest = Schemas['DistributionRequest'];
export type DistributionRow = Schemas['DistributionRow'];
export type DistributionResult = Schemas['DistributionResult'];
export type Activity = Schemas['Activity'];
export type Registration = Schemas['Registration'];
export type NewsItem = Schemas['NewsItem'];
export type NewsDraft = Schemas['NewsDraft'];
export type Example = Schemas['Example'];
export type ExampleDraft = Schemas['ExampleDraft'];
export type ExampleAttachment = Schemas['ExampleAttachment'];
export type LatestItems =
  paths['/api/latest']['get']['responses']['200']['content']['application/json'];
export type ExampleOptions =
  paths['/api/public/example-options']['get']['responses']['200']['content']['application/json'];
export type MemberOrganisation = Schemas['MemberOrganisation'];
export type MemberKind = Schemas['MemberKind'];
export type MemberState = Schemas['MemberState'];
export type MembershipApplication = Schemas['MembershipApplication'];
export type Proposal = Schemas['Proposal'];
export type ProposalComment = Schemas['ProposalComment'];
export type MembershipForm =
  paths['/api/public/membership-form']['get']['responses']['200']['content']['application/json'];
export type MembershipRequest = NonNullable<
  paths['/api/public/membership-applications']['post']['requestBody']
>['content']['application/json'];
export type ProposalDraft = NonNullable<
  paths['/api/proposals']['post']['requestBody']
>['content']['application/json'];
export type ProposalStatus = Proposal['status'];
// The examples' search and filters; empty ones are left out of the query.
export interface ExampleFilter {
  q?: string;
  recommendation?: string;
  welfare_area?: string;
  group?: string;
}

// The labelled choices an activity is described by (kinds, recommendations, counties, themes).
export type ActivityOptions =
  paths['/api/public/activity-options']['get']['responses']['200']['content']['application/json'];
// A members' view of an activity: who the registration will be made as (from the account).
export type MemberActivity =
  paths['/api/members/activities/{activity}']['get']['responses']['200']['content']['application/json'];
export type MemberRegistrationRequest = NonNullable<
  paths['/api/members/activities/{activity}/registrations']['post']['requestBody']
>['content']['application/json'];
// What a registration answers (201) and what an organiser sends to create an activity: inline
// schemas of their operations.
export type RegistrationReceipt =
  paths['/api/public/activities/{activity}/registrations']['post']['responses']['201']['content']['application/json'];
export type RegistrationRequest = NonNullable<
  paths['/api/public/activities/{activity}/registrations']['post']['requestBody']
>['content']['application/json'];
export type ActivityDraft = NonNullable<
  paths['/api/organisations/{org}/activities']['post']['requestBody']
>['content']['application/json'];

// The public list's filters; empty ones are left out of the query.
export interface ActivityFilter {
  kind?: string;
  county?: string;
  theme?: string;
}

// A problem as the client sees it: the server's problem+json, or one made up for a network
// failure (no `type`), with the seconds of a Retry-After header (429 throttled).
export type Problem = Omit<Schemas['Problem'], 'type'> & { type?: string; retry_after?: number };

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

let csrfToken = '';
// Called when any request answers 401: the session ended (expired, logged out elsewhere).
let onUnauthenticated: () => void = () => {};
// Called when any request answers 403 password_change_required: the password is initial.
let onPasswordChangeRequired: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function setPasswordChangeRequiredHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

// The handlers for an answer that says the session ended or the password must change first. A
// wrong current password at a password change (401 bad_credentials) does not end the session.
function signalProblem(path: string, problem: Problem): void {
  if (
    problem.status === 401 &&
    problem.code !== 'bad_credentials' &&
    path !== '/api/auth/login' &&
    path !== '/api/auth/session'
  ) {
    onUnauthenticated();
  }
  if (problem.status === 403 && problem.code === 'password_change_required') {
    onPasswordChangeRequired();
  }
}

function problemFrom(status: number, text: string, contentType: string | null): Problem {
  if (contentType && contentType.includes('json')) {
    try {
      const parsed = JSON.parse(text) as Partial<Problem>;
      return { code: 'unknown', title: '', status, ...parsed } as Problem;
    } catch {
      // fall through
    }
  }
  return { code: status === 0 ? 'network' : 'http_' + status, title: '', status };
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  // The server answers (errors, labels, names) in the interface language, not the browser's.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'network', title: '', status: 0 });
  }
  const text = await response.text();
  if (!response.ok) {
    const problem = problemFrom(response.status, text, response.headers.get('Content-Type'));
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (retryAfter > 0) problem.retry_after = retryAfter;
    signalProblem(path, problem);
    throw new ApiError(problem);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  session: () => request<Session>('GET', '/api/auth/session'),
  login: (email: string, password: string) =>
    request<Session>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  // Ends every session of the user, this one too: log in again with the new password.
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/auth/password', {
      current_password: currentPassword,
      new_password: newPassword,
    }),
  sessions: () =>
    request<{ sessions: SessionInfo[] }>('GET', '/api/auth/sessions').then((r) => r.sessions),
  logoutOthers: () => request<{ ended: number }>('POST', '/api/auth/logout-others'),
  indicatorTypes: () =>
    request<{ indicator_types: IndicatorType[] }>('GET', '/api/indicator-types').then(
      (r) => r.indicator_types,
    ),
  datasets: (org: number) =>
    request<{ datasets: Dataset[] }>('GET', `/api/organisations/${org}/datasets`).then(
      (r) => r.datasets,
    ),
  dataset: (org: number, id: number) =>
    request<Dataset>('GET', `/api/organisations/${org}/datasets/${id}`),
  updateDataset: (org: number, id: number, change: { name?: string; columns?: ColumnMarks[] }) =>
    request<Dataset>('PATCH', `/api/organisations/${org}/datasets/${id}`, change),
  deleteDataset: (org: number, id: number) =>
    request<void>('DELETE', `/api/organisations/${org}/datasets/${id}`),
  analyses: (org: number) =>
    request<{ analyses: Analysis[] }>('GET', `/api/organisations/${org}/analyses`).then(
      (r) => r.analyses,
    ),
  analysis: (org: number, id: number) =>
    request<Analysis>('GET', `/api/organisations/${org}/analyses/${id}`),
  createAnalysis: (
    org: number,
    body: { name: string; dataset_id: number; indicators: IndicatorDefinition[] },
  ) => request<Analysis>('POST', `/api/organisations/${org}/analyses`, body),
  deleteAnalysis: (org: number, id: number) =>
    request<void>('DELETE', `/api/organisations/${org}/analyses/${id}`),
  results: (org: number, id: number) =>
    request<{ analysis_id: number; rows: ResultRow[] }>(
      'GET',
      `/api/organisations/${org}/analyses/${id}/results`,
    ).then((r) => r.rows),
  // The server's default measures (D, R, SII, RII, ACI, RCI), labels and reasons in `language`.
  inequality: (org: number, id: number, language: 'sv' | 'en') =>
    request<InequalityResult>(
      'GET',
      `/api/organisations/${org}/analyses/${id}/inequality?lang=${language}`,
    ),
  // Distribution measures of a numeric column per group (distribution-panel.ts).
  // Fields with a default in the schema are generated as required; the server fills them in.
  distribution: (
    org: number,
    dataset: number,
    body: Pick<DistributionRequest, 'value'> & Partial<DistributionRequest>,
  ) =>
    request<DistributionResult>(
      'POST',
      `/api/organisations/${org}/datasets/${dataset}/distribution`,
      body,
    ),
  // A download link carries no headers: the language goes in the query. CSV in the interface's
  // Excel convention (Swedish: ';' and a decimal comma) unless `decimal` says otherwise; `table`
  // picks the results or the inequality measures (Excel has both).
  exportUrl: (
    org: number,
    id: number,
    format: 'csv' | 'xlsx',
    options: { table?: 'results' | 'inequality'; decimal?: 'comma' | 'point' } = {},
  ) =>
    `/api/organisations/${org}/analyses/${id}/export?format=${format}&lang=${lang()}` +
    (options.table ? `&table=${options.table}` : '') +
    (options.decimal ? `&decimal=${options.decimal}` : ''),

  // The meeting place's public part: no account, no CSRF token (the server checks the origin).
  publicActivities: (filter: ActivityFilter) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const text = query.toString();
    return request<{ activities: Activity[] }>(
      'GET',
      `/api/public/activities${text ? '?' + text : ''}`,
    ).then((r) => r.activities);
  },
  activityOptions: () =>
    request<ActivityOptions>('GET', '/api/public/activity-options'),
  publicActivity: (id: number) => request<Activity>('GET', `/api/public/activities/${id}`),
  // The members' side: members-only activities too, and registering as one's account.
  memberActivities: (filter: ActivityFilter) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const text = query.toString();
    return request<{ activities: Activity[] }>(
      'GET',
      `/api/members/activities${text ? '?' + text : ''}`,
    ).then((r) => r.activities);
  },
  memberActivity: (id: number) => request<MemberActivity>('GET', `/api/members/activities/${id}`),
  registerAsMember: (id: number, body: MemberRegistrationRequest) =>
    request<RegistrationReceipt>('POST', `/api/members/activities/${id}/registrations`, body),
  register: (id: number, body: RegistrationRequest) =>
    request<RegistrationReceipt>('POST', `/api/public/activities/${id}/registrations`, body),
  cancelRegistration: (token: string) =>
    request<{ status: string; status_label: string }>(
      'DELETE',
      `/api/public/registrations/${encodeURIComponent(token)}`,
    ),
  // The organiser's side: the organisation's activities, a new one, its participants and seats.
  activities: (org: number) =>
    request<{ activities: Activity[] }>('GET', `/api/organisations/${org}/activities`).then(
      (r) => r.activities,
    ),
  createActivity: (org: number, draft: ActivityDraft) =>
    request<Activity>('POST', `/api/organisations/${org}/activities`, draft),
  participants: (org: number, id: number) =>
    request<{ activity: Activity; registrations: Registration[] }>(
      'GET',
      `/api/organisations/${org}/activities/${id}/registrations`,
    ),
  changeCapacity: (org: number, id: number, capacity: number) =>
    request<Activity>('PATCH', `/api/organisations/${org}/activities/${id}`, { capacity }),
  // News: the public reads published items; coordinators write, publish and unpublish.
  publicNews: () =>
    request<{ news: NewsItem[] }>('GET', '/api/public/news').then((r) => r.news),
  publicNewsItem: (id: number) => request<NewsItem>('GET', `/api/public/news/${id}`),
  allNews: () => request<{ news: NewsItem[] }>('GET', '/api/news').then((r) => r.news),
  newsItem: (id: number) => request<NewsItem>('GET', `/api/news/${id}`),
  createNews: (draft: NewsDraft) => request<NewsItem>('POST', '/api/news', draft),
  editNews: (id: number, draft: NewsDraft) => request<NewsItem>('PUT', `/api/news/${id}`, draft),
  publishNews: (id: number, published: boolean) =>
    request<NewsItem>('PATCH', `/api/news/${id}`, { published }),
  // The latest for members: news, examples and activities in their own counties.
  latest: () => request<LatestItems>('GET', '/api/latest'),
  // Learning examples: the public searches; members write their own organisation's.
  publicExamples: (filter: ExampleFilter) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const text = query.toString();
    return request<{ examples: Example[] }>(
      'GET',
      `/api/public/examples${text ? '?' + text : ''}`,
    ).then((r) => r.examples);
  },
  publicExample: (id: number) => request<Example>('GET', `/api/public/examples/${id}`),
  exampleOptions: () => request<ExampleOptions>('GET', '/api/public/example-options'),
  createExample: (org: number, draft: ExampleDraft) =>
    request<Example>('POST', `/api/organisations/${org}/examples`, draft),
  // The file as the body; the server reads its type from its bytes.
  attachToExample: async (org: number, id: number, file: File) => {
    const path = `/api/organisations/${org}/examples/${id}/attachments?file_name=${encodeURIComponent(file.name)}`;
    const response = await fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': lang(),
        'X-CSRF-Token': csrfToken,
        'Content-Type': 'application/octet-stream',
      },
      body: file,
      credentials: 'same-origin',
    });
    const text = await response.text();
    if (!response.ok) {
      const problem = problemFrom(response.status, text, response.headers.get('Content-Type'));
      signalProblem(path, problem);
      throw new ApiError(problem);
    }
    return JSON.parse(text) as ExampleAttachment;
  },
  // Each result row against `against` (lan, riket or an area code), as Fingertips marks it.
  comparison: (org: number, id: number, against: string) =>
    request<{ analysis_id: number; against: string; rows: ComparisonRow[] }>(
      'GET',
      `/api/organisations/${org}/analyses/${id}/comparison?against=${encodeURIComponent(against)}&lang=${lang()}`,
    ).then((r) => r.rows),
  // Chosen inequality measures (e.g. "d") of every indicator × area × period × dimension.
  inequalityMeasures: (org: number, id: number, measures: string) =>
    request<InequalityResult>(
      'GET',
      `/api/organisations/${org}/analyses/${id}/inequality?lang=${lang()}&measures=${encodeURIComponent(measures)}`,
    ),
  participantsExportUrl: (org: number, id: number, format: 'csv' | 'xlsx') =>
    `/api/organisations/${org}/activities/${id}/registrations/export?format=${format}&lang=${lang()}`,
  // Membership: the public applies; coordinators decide and set organisations' membership;
  // members read the directory.
  membershipForm: () => request<MembershipForm>('GET', '/api/public/membership-form'),
  applyForMembership: (body: MembershipRequest) =>
    request<{ id: number; state: MemberState }>('POST', '/api/public/membership-applications', body),
  applications: (state: MemberState | 'all') =>
    request<{ applications: MembershipApplication[] }>(
      'GET',
      `/api/membership-applications?state=${state}`,
    ).then((r) => r.applications),
  approveApplication: (id: number) =>
    request<MembershipApplication>('POST', `/api/membership-applications/${id}/approve`),
  declineApplication: (id: number, reason: string) =>
    request<MembershipApplication>('POST', `/api/membership-applications/${id}/decline`, { reason }),
  memberDirectory: () =>
    request<{ organisations: MemberOrganisation[] }>('GET', '/api/members/organisations').then(
      (r) => r.organisations,
    ),
  organisations: () =>
    request<{ organisations: Organisation[] }>('GET', '/api/organisations').then(
      (r) => r.organisations,
    ),
  setMembership: (org: number, body: { state: MemberState; kind?: MemberKind; county?: string }) =>
    request<MemberOrganisation>('PUT', `/api/members/organisations/${org}`, body),
  // Members' proposals: propose, comment, vote once, withdraw; coordinators mark them.
  proposals: (sort: 'votes' | 'recent') =>
    request<{ proposals: Proposal[] }>('GET', `/api/proposals?sort=${sort}`).then((r) => r.proposals),
  proposal: (id: number) => request<Proposal>('GET', `/api/proposals/${id}`),
  propose: (draft: ProposalDraft) => request<Proposal>('POST', '/api/proposals', draft),
  commentOnProposal: (id: number, body: string) =>
    request<ProposalComment>('POST', `/api/proposals/${id}/comments`, { body }),
  vote: (id: number) => request<Proposal>('PUT', `/api/proposals/${id}/vote`),
  withdrawVote: (id: number) => request<Proposal>('DELETE', `/api/proposals/${id}/vote`),
  setProposalStatus: (id: number, status: ProposalStatus, reason: string) =>
    request<Proposal>('POST', `/api/proposals/${id}/status`, { status, reason }),
  // One of the organisation's own examples (hidden ones too), and its replacement.
  ownExample: (org: number, id: number) =>
    request<Example>('GET', `/api/organisations/${org}/examples/${id}`),
  editExample: (org: number, id: number, draft: ExampleDraft) =>
    request<Example>('PUT', `/api/organisations/${org}/examples/${id}`, draft),
};

export interface UploadHandle {
  done: Promise<Dataset>;
  abort: () => void;
}

// Upload a CSV as multipart/form-data with XMLHttpRequest, whose upload events report progress
// (fetch cannot). `onProgress` gets the bytes sent and the total; `onSent` fires once every byte
// is sent and the server reads the file.
export function uploadDataset(
  org: number,
  file: File,
  name: string,
  onProgress: (sent: number, total: number) => void,
  onSent: () => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Dataset>((resolve, reject) => {
    xhr.open('POST', `/api/organisations/${org}/datasets`);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang());
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.upload.addEventListener('load', () => onSent());
    xhr.addEventListener('load', () => {
      if (xhr.status === 201 || xhr.status === 200) {
        resolve(JSON.parse(xhr.responseText) as Dataset);
        return;
      }
      const problem = problemFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('Content-Type'));
      signalProblem(`/api/organisations/${org}/datasets`, problem);
      reject(new ApiError(problem));
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError({ code: 'network', title: '', status: 0 })),
    );
    xhr.addEventListener('abort', () =>
      reject(new ApiError({ code: 'aborted', title: '', status: 0 })),
    );
    const form = new FormData();
    form.append('name', name);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

// The plan pages (web/src/pages/plan-common.ts) call the plans API through the same request.
export { request as apiRequest };

// Published statistics (Kolada pages, an SCB PxWeb response, a HEAT Plus template) saved as an
// analysis of published results; the answer tells what was imported.
export type PublishedImport = Schemas['PublishedImport'];
export async function importPublished(
  org: number,
  files: File[],
  name: string,
  format: string,
): Promise<PublishedImport> {
  const path = `/api/organisations/${org}/published-results`;
  const form = new FormData();
  form.append('name', name);
  form.append('format', format);
  for (const file of files) form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Accept-Language': lang(), 'X-CSRF-Token': csrfToken },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'network', title: '', status: 0 });
  }
  const text = await response.text();
  if (!response.ok) {
    const problem = problemFrom(response.status, text, response.headers.get('Content-Type'));
    signalProblem(path, problem);
    throw new ApiError(problem);
  }
  return JSON.parse(text) as PublishedImport;
}
