// The comparison rows as the pages look them up: an area's row, its comparator's row, the areas
// of a level, the spine's ranges by the server's quartiles. Nothing here computes a statistic;
// every value is a row's as the API sent it.
import type { ComparisonRow, IndicatorDefinition } from '../api';
import { decimalsFor, formatNumber, lang } from '../i18n';
import { axisUnit } from './analysis-chart';
import type { Formatting, SpineItem } from './compare-charts';

export const totalDimension = 'total';

export class ComparisonIndex {
  private readonly byArea = new Map<string, ComparisonRow>();

  constructor(readonly rows: ComparisonRow[]) {
    for (const row of rows) this.byArea.set(ComparisonIndex.key(row.indicator, row.area, row.period, row.dimension, row.subgroup), row);
  }

  private static key(indicator: string, area: string, period: string, dimension: string, subgroup: string): string {
    return [indicator, area, period, dimension, subgroup].join('\u0000');
  }

  find(indicator: string, area: string, period: string, dimension: string, subgroup: string): ComparisonRow | undefined {
    return this.byArea.get(ComparisonIndex.key(indicator, area, period, dimension, subgroup));
  }

  // The comparator's own row for the same indicator, period and group.
  comparatorOf(row: ComparisonRow): ComparisonRow | undefined {
    return row.comparator_area ? this.find(row.indicator, row.comparator_area, row.period, row.dimension, row.subgroup) : undefined;
  }

  // The total row of every area of a level, for one indicator and period.
  level(indicator: string, level: string, period: string, dimension = totalDimension): ComparisonRow[] {
    return this.rows.filter((r) => r.indicator === indicator && r.area_level === level && r.period === period && r.dimension === dimension);
  }

  // The area's rows of one dimension over the periods, the total's in period order.
  series(indicator: string, area: string, dimension: string, subgroup: string): ComparisonRow[] {
    return this.rows
      .filter((r) => r.indicator === indicator && r.area === area && r.dimension === dimension && r.subgroup === subgroup)
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  }
}

export function unique<T>(values: T[]): T[] {
  return Array.from(new Set(values));
}

export function totalOf(rows: ComparisonRow[]): ComparisonRow | undefined {
  return rows.find((r) => r.dimension === totalDimension);
}

export function indicatorName(definition: IndicatorDefinition | undefined, row?: ComparisonRow): string {
  if (definition) return lang() === 'en' && definition.name_en ? definition.name_en : definition.name_sv;
  return row?.indicator_name ?? '';
}

// Numbers of one chart in one format: decimals from their size, the unit from the definition.
export function formatting(definition: IndicatorDefinition | undefined, rows: ComparisonRow[]): Formatting {
  const digits = decimalsFor(rows.flatMap((r) => [r.estimate, r.lower, r.upper]));
  return {
    unit: rows.length ? axisUnit(definition, rows[0]) : '',
    format: (value) => formatNumber(value, digits),
    axisFormat: (value) => formatNumber(value),
  };
}

// The municipalities of a county share its two first digits (SCB's codes); other levels are
// compared among all their areas.
export function peersOf(rows: ComparisonRow[], chosen: ComparisonRow): ComparisonRow[] {
  if (chosen.area_level !== 'kommun') return rows;
  return rows.filter((r) => r.area.slice(0, 2) === chosen.area.slice(0, 2));
}

// Rank order: the best first (the server's rank), those without one last.
export function byRank(rows: ComparisonRow[]): ComparisonRow[] {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.area < b.area ? -1 : 1));
}

// The spine's line for one indicator: the area's row and the range of its level's areas, banded
// by the quartile the server gave each area (one band when it gave none: fewer than four areas).
export function spineItem(label: string, row: ComparisonRow, ofLevel: ComparisonRow[]): SpineItem | null {
  const values = ofLevel.filter((r) => r.estimate !== null);
  if (row.estimate === null || values.length === 0) return null;
  const estimates = values.map((r) => r.estimate as number);
  const bands: { low: number; high: number }[] = [];
  for (const q of [1, 2, 3, 4]) {
    const inQuartile = values.filter((r) => r.quartile === q).map((r) => r.estimate as number);
    if (inQuartile.length) bands.push({ low: Math.min(...inQuartile), high: Math.max(...inQuartile) });
  }
  // Join the bands so that the range has no gaps between the quartiles.
  for (let k = 1; k < bands.length; ++k) bands[k - 1].high = bands[k].low;
  return {
    label,
    row,
    min: Math.min(...estimates),
    max: Math.max(...estimates),
    quartiles: bands.length ? bands : [{ low: Math.min(...estimates), high: Math.max(...estimates) }],
  };
}
