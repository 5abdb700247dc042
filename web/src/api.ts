// The JSON API of `jamlik serve` (src/server/openapi.json). Every state-changing request carries
// the session's CSRF token in X-CSRF-Token; errors arrive as application/problem+json and are
// thrown as ApiError with the problem's fields (line, column, field, value for CSV errors).

export interface Organisation {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface Membership {
  organisation: Organisation;
  role: 'reader' | 'analyst' | 'admin';
}

export interface User {
  id: number;
  email: string;
  name: string;
  site_admin: boolean;
  // An initial password (printed by --demo or set by an administrator): until it is changed,
  // every API call but the session, log-out and password change answers 403
  // password_change_required.
  must_change_password?: boolean;
}

// One of the signed-in user's live sessions (GET /api/auth/sessions); times in Unix seconds.
export interface SessionInfo {
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string;
  current: boolean;
}

export interface Session {
  user: User;
  memberships: Membership[];
  csrf_token: string;
  expires_at: number;
}

export interface DatasetColumn {
  name: string;
  type: 'int64' | 'double' | 'categorical' | 'string' | string;
  role: string;
  ordered: boolean;
  advantaged: 'none' | 'first' | 'last';
  categories: string[];
  distinct_count: number;
  null_count: number;
}

export interface Dataset {
  id: number;
  organisation_id: number;
  name: string;
  file_name: string;
  bytes: number;
  row_count: number;
  delimiter: string;
  encoding: string;
  decimal_comma: boolean;
  notes: string[];
  created_at: number;
  columns?: DatasetColumn[];
}

export interface ColumnMarks {
  name: string;
  role?: string;
  ordered?: boolean;
  advantaged?: 'none' | 'first' | 'last';
  categories?: string[];
}

export interface IndicatorType {
  id: string;
  label_sv: string;
  label_en: string;
  description_sv: string;
  description_en: string;
  reference: string;
  methods: string[];
  default_multiplier: number;
  needs_age: boolean;
  needs_value_column: boolean;
}

export interface IndicatorDefinition {
  id: string;
  name_sv: string;
  name_en?: string;
  type: string;
  method?: string;
  numerator?: string;
  numerator_where?: string;
  denominator?: string;
  value?: string;
  filter?: string;
  age?: string;
  multiplier?: number;
  unit_sv?: string;
  unit_en?: string;
  higher_is_favourable: boolean;
  period?: string;
  areas?: string[];
  dimensions?: (string | string[])[];
  confidence?: number[];
}

export interface Analysis {
  id: number;
  organisation_id: number;
  dataset_id: number | null;
  name: string;
  indicators?: IndicatorDefinition[];
  result_count: number;
  created_at: number;
}

export interface ResultRow {
  indicator: string;
  indicator_name: string;
  indicator_type: string;
  area_level: string;
  area: string;
  period: string;
  dimension: string;
  subgroup: string;
  subgroup_order: number;
  ordered_dimension: boolean;
  reference_subgroup: boolean;
  favourable_indicator: boolean;
  indicator_scale: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  lower_2: number | null;
  upper_2: number | null;
  confidence_2: number | null;
  numerator: number | null;
  denominator: number | null;
  population: number | null;
  method: string;
  flag: string;
  suppressed: boolean;
  suppression_reason: string;
}

// What an inequality measure is (the engine's registry), in the requested language.
export interface InequalityMeasure {
  id: string;
  label: string;
  interpretation: string;
  scale: 'absolute' | 'relative';
  no_inequality: number;
  applicability: { binary: boolean; ordered: boolean; unordered: boolean };
  se_on_log_scale: boolean;
}

// One measure of one indicator × area × period × dimension; undefined values are null and
// `reason` says why.
export interface InequalityRow {
  indicator: string;
  area_level: string;
  area: string;
  period: string;
  dimension: string;
  measure: string;
  measure_label: string;
  estimate: number | null;
  se: number | null;
  se_scale: 'estimate' | 'log';
  lower: number | null;
  upper: number | null;
  confidence: number | null;
  reason: string | null;
}

export interface InequalityResult {
  analysis_id: number;
  language: 'sv' | 'en';
  measures: InequalityMeasure[];
  rows: InequalityRow[];
}

export interface Problem {
  type?: string;
  code: string;
  title: string;
  status: number;
  detail?: string;
  line?: number;
  column?: number;
  field?: string;
  value?: string;
  // Seconds from the Retry-After header (429 throttled).
  retry_after?: number;
}

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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
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
  exportUrl: (org: number, id: number, format: 'csv' | 'xlsx') =>
    `/api/organisations/${org}/analyses/${id}/export?format=${format}`,
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
