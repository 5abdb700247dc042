// A target binds an indicator and an area by their codes; people read names. The indicator's name
// comes from its analysis' definition (in the interface's language), the area's from the code
// lists; a published analysis without definitions, or an area outside the lists, keeps its code.
import { api } from '../api';
import type { Analysis } from '../api';
import { lang } from '../i18n';
import { groupsApi } from './groups-api';
import type { PlanTarget } from './plan-common';

export interface TargetNames {
  indicator: (target: PlanTarget) => string;
  area: (target: PlanTarget) => string;
  // "Andel med hemtjänst, 65 år och äldre · Örebro (1880)"
  heading: (target: PlanTarget) => string;
}

export async function targetNames(org: number, targets: PlanTarget[]): Promise<TargetNames> {
  const analysisIds = [...new Set(targets.map((x) => x.analysis))];
  const [analyses, areas] = await Promise.all([
    Promise.all(analysisIds.map((id) => api.analysis(org, id).catch(() => null as Analysis | null))),
    targets.length ? groupsApi.areas().catch(() => []) : Promise.resolve([]),
  ]);
  const indicatorNames = new Map<string, string>();
  for (const analysis of analyses) {
    for (const definition of analysis?.indicators ?? []) {
      const name = lang() === 'en' ? definition.name_en || definition.name_sv : definition.name_sv || definition.name_en;
      if (name) indicatorNames.set(`${analysis!.id}/${definition.id}`, name);
    }
  }
  const areaNames = new Map(areas.map((a) => [a.code, a.name]));
  const indicator = (target: PlanTarget) => indicatorNames.get(`${target.analysis}/${target.indicator}`) ?? target.indicator;
  const area = (target: PlanTarget) => {
    const name = areaNames.get(target.area);
    return name ? `${name} (${target.area})` : target.area;
  };
  return { indicator, area, heading: (target) => `${indicator(target)} · ${area(target)}` };
}
