// Equality impact assessments of a plan through the API (src/server/impact_routes.cpp): the types
// are the OpenAPI document's, the paths the pages' own (/planer/12/konsekvensanalyser/3).
import { request } from '../api';
import type { components } from '../generated/api-schema';

type Schemas = components['schemas'];
export type ImpactAssessment = Schemas['ImpactAssessment'];
export type ImpactDocument = Schemas['ImpactAssessmentDocument'];
export type ImpactDecision = Schemas['ImpactDecision'];
export type ImpactOptions = Schemas['ImpactOptions'];
export type ImpactOutcome = ImpactAssessment['outcomes'][number];
export type Plan = Schemas['Plan'];

const base = (org: number, plan: number) => `/api/organisations/${org}/plans/${plan}/impact-assessments`;

export const impactApi = {
  plan: (org: number, plan: number) => request<Plan>('GET', `/api/organisations/${org}/plans/${plan}`),
  options: () => request<ImpactOptions>('GET', '/api/impact-options'),
  list: (org: number, plan: number) =>
    request<{ impact_assessments: ImpactAssessment[] }>('GET', base(org, plan)).then((r) => r.impact_assessments),
  get: (org: number, plan: number, id: number) => request<ImpactAssessment>('GET', `${base(org, plan)}/${id}`),
  create: (org: number, plan: number, document: ImpactDocument) =>
    request<ImpactAssessment>('POST', base(org, plan), { document }),
  update: (org: number, plan: number, id: number, version: number, document: ImpactDocument) =>
    request<ImpactAssessment>('PUT', `${base(org, plan)}/${id}`, { version, document }),
  decide: (org: number, plan: number, id: number, version: number, decision: ImpactDecision) =>
    request<ImpactAssessment>('POST', `${base(org, plan)}/${id}/decision`, { version, decision }),
  // The printable record (HTML) in the interface language: opened as a page, printed to PDF.
  recordUrl: (org: number, plan: number, id: number, lang: string) => `${base(org, plan)}/${id}/record?lang=${lang}`,
};

export const impactPath = (plan: number | string, id?: number | string) =>
  `/planer/${plan}/konsekvensanalyser${id !== undefined ? `/${id}` : ''}`;
