// Charts of results as the server computed them: bars per subgroup with error bars for the
// confidence interval, or lines over periods with error bars when there are several periods.
// ECharts draws SVG; the chart's container is one image with a text alternative, and the table
// beside it holds every value. Tooltip text is escaped (ECharts writes tooltips as HTML).
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

// Colours with at least 4.5:1 contrast against white, told apart also by line style.
export const palette = ['#1f5fa8', '#b3411a', '#2e7031', '#6a3d9a', '#7a5c00', '#00707a', '#a3236b', '#4d4d4d'];

export interface BarDatum {
  label: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  note: string;
}

export interface SeriesDatum {
  name: string;
  points: (BarDatum & { period: string })[];
}

export interface ChartTexts {
  estimate: string;
  interval: string;
  axis: string;
  format: (value: number | null) => string;
  axisFormat: (value: number) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

type ErrorBar = [number, number | null, number | null, number];

// A custom series drawing an interval as a vertical line with caps at category x (shifted by
// `offset` pixels so several series at one period do not overlap).
function errorBars(data: ErrorBar[], colour: string, name: string, offset = 0) {
  return {
    type: 'custom' as const,
    name,
    silent: true,
    z: 10,
    tooltip: { show: false },
    encode: { x: 0, y: [1, 2] },
    data,
    renderItem: (_params: unknown, api: any) => {
      const lower = api.value(1);
      const upper = api.value(2);
      if (lower === null || upper === null || Number.isNaN(lower) || Number.isNaN(upper) || lower === '' || upper === '') {
        return { type: 'group', children: [] };
      }
      const x = api.value(0);
      const low = api.coord([x, lower]);
      const high = api.coord([x, upper]);
      const px = low[0] + offset;
      const cap = Math.max(3, Math.min(10, api.size([1, 0])[0] * 0.08));
      const style = { stroke: colour, lineWidth: 2 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: px, y1: low[1], x2: px, y2: high[1] }, style },
          { type: 'line', shape: { x1: px - cap, y1: high[1], x2: px + cap, y2: high[1] }, style },
          { type: 'line', shape: { x1: px - cap, y1: low[1], x2: px + cap, y2: low[1] }, style },
        ],
      };
    },
  };
}

function tooltipLine(label: string, datum: BarDatum, texts: ChartTexts): string {
  const interval =
    datum.lower !== null && datum.upper !== null
      ? ` (${escapeHtml(texts.interval)} ${escapeHtml(texts.format(datum.lower))}–${escapeHtml(texts.format(datum.upper))})`
      : '';
  const note = datum.note ? ` – ${escapeHtml(datum.note)}` : '';
  return `${escapeHtml(label)}: <strong>${escapeHtml(texts.format(datum.estimate))}</strong>${interval}${note}`;
}

export class ResultChart {
  private chart: echarts.ECharts;
  private observer: ResizeObserver;

  constructor(private readonly container: HTMLElement) {
    this.chart = echarts.init(container, undefined, { renderer: 'svg' });
    this.observer = new ResizeObserver(() => this.chart.resize());
    this.observer.observe(container);
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart.dispose();
  }

  bars(data: BarDatum[], texts: ChartTexts): void {
    const narrow = this.container.clientWidth < 500;
    this.chart.setOption(
      {
        animation: false,
        aria: { enabled: false },
        textStyle: { fontFamily: 'inherit', color: '#1a1a1a' },
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (params: any) => {
            const datum = data[params.dataIndex];
            return datum ? tooltipLine(datum.label, datum, texts) : '';
          },
        },
        xAxis: {
          type: 'category',
          data: data.map((d) => d.label),
          axisLabel: { interval: 0, rotate: narrow && data.length > 3 ? 40 : 0, color: '#1a1a1a', fontSize: 13, width: narrow ? 80 : 140, overflow: 'truncate' },
          axisLine: { lineStyle: { color: '#595959' } },
        },
        yAxis: {
          type: 'value',
          name: texts.axis,
          nameTextStyle: { color: '#1a1a1a', align: 'left' },
          axisLabel: { color: '#1a1a1a', fontSize: 13, formatter: (v: number) => texts.axisFormat(v) },
          splitLine: { lineStyle: { color: '#d9d9d9' } },
        },
        series: [
          {
            type: 'bar',
            name: texts.estimate,
            data: data.map((d) => d.estimate),
            itemStyle: { color: palette[0] },
            barMaxWidth: 64,
          },
          errorBars(
            data.map((d, i) => [i, d.lower, d.upper, 0]),
            '#1a1a1a',
            texts.interval,
          ),
        ],
      },
      true,
    );
  }

  lines(series: SeriesDatum[], periods: string[], texts: ChartTexts): void {
    const dashes: ('solid' | 'dashed' | 'dotted')[] = ['solid', 'dashed', 'dotted'];
    this.chart.setOption(
      {
        animation: false,
        aria: { enabled: false },
        textStyle: { fontFamily: 'inherit', color: '#1a1a1a' },
        grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
        legend: { top: 0, type: 'scroll', itemGap: 24, data: series.map((s) => s.name), textStyle: { color: '#1a1a1a' } },
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (params: any) => {
            const s = series[params.seriesIndex / 2];
            const point = s?.points.find((p) => p.period === periods[params.dataIndex]);
            return s && point ? tooltipLine(`${s.name}, ${point.period}`, point, texts) : '';
          },
        },
        xAxis: { type: 'category', data: periods, axisLabel: { color: '#1a1a1a', fontSize: 13 }, axisLine: { lineStyle: { color: '#595959' } } },
        yAxis: {
          type: 'value',
          scale: true,
          name: texts.axis,
          nameTextStyle: { color: '#1a1a1a', align: 'left' },
          axisLabel: { color: '#1a1a1a', fontSize: 13, formatter: (v: number) => texts.axisFormat(v) },
          splitLine: { lineStyle: { color: '#d9d9d9' } },
        },
        series: series.flatMap((s, i) => {
          const colour = palette[i % palette.length];
          const byPeriod = new Map(s.points.map((p) => [p.period, p]));
          return [
            {
              type: 'line',
              name: s.name,
              data: periods.map((p) => byPeriod.get(p)?.estimate ?? null),
              connectNulls: false,
              symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
              symbolSize: 8,
              itemStyle: { color: colour },
              lineStyle: { color: colour, width: 2, type: dashes[i % dashes.length] },
            },
            errorBars(
              periods.map((p, x) => [x, byPeriod.get(p)?.lower ?? null, byPeriod.get(p)?.upper ?? null, 0]),
              colour,
              `${s.name} ${texts.interval}`,
            ),
          ];
        }),
      },
      true,
    );
  }
}
