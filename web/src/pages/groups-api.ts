// An organisation's comparison groups through the API (src/server/comparison_group_routes.cpp):
// the types are the OpenAPI document's.
import { ApiError, request } from '../api';
import type { components } from '../generated/api-schema';
import { lang } from '../i18n';

type Schemas = components['schemas'];
export type ComparisonGroup = Schemas['ComparisonGroup'];
export type ComparisonGroupDraft = Schemas['ComparisonGroupDraft'];
export type Area = Schemas['Area'];
export interface GroupImport {
  created: ComparisonGroup[];
  updated: ComparisonGroup[];
}

const base = (org: number) => `/api/organisations/${org}/comparison-groups`;

export const groupsPath = '/jamforelsegrupper';

export const groupsApi = {
  list: (org: number) => request<{ groups: ComparisonGroup[] }>('GET', base(org)).then((r) => r.groups),
  create: (org: number, draft: ComparisonGroupDraft) => request<ComparisonGroup>('POST', base(org), draft),
  update: (org: number, id: number, draft: ComparisonGroupDraft) => request<ComparisonGroup>('PUT', `${base(org)}/${id}`, draft),
  remove: (org: number, id: number) => request<void>('DELETE', `${base(org)}/${id}`),
  areas: () => request<{ areas: Area[] }>('GET', '/api/areas').then((r) => r.areas),
  // Kolada's municipality_groups file as it is: the server reads it and names any fault's place.
  importKolada: async (org: number, file: File, csrfToken: string): Promise<GroupImport> => {
    const response = await fetch(`${base(org)}/import`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Accept-Language': lang(), 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
    const text = await response.text();
    if (!response.ok) {
      let problem = { code: `http_${response.status}`, title: '', status: response.status };
      try {
        problem = { ...problem, ...(JSON.parse(text) as object) };
      } catch {
        // not JSON: the status says it
      }
      throw new ApiError(problem);
    }
    return JSON.parse(text) as GroupImport;
  },
};
