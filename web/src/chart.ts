// Charts of results as the server computed them: bars per subgroup with error bars for the
// confidence interval (lying down, labels at the left, when the groups are many or their names
// long, as crossed groups are), or lines over periods with error bars when there are several
// periods. ECharts draws SVG; the chart's container is one image with a text alternative, and the
// table beside it holds every value. Tooltip text is escaped (ECharts writes tooltips as HTML).
// A chart saves itself as a standalone SVG (its styles are attributes) or a PNG drawn from it.
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, CustomChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

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
  // The value axis's title: the unit ("%", "per 100 000").
  axis: string;
  format: (value: number | null) => string;
  axisFormat: (value: number) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

type ErrorBar = [number, number | null, number | null, number];

// A custom series drawing an interval as a line with caps at category x (shifted by `offset`
// pixels so several series at one period do not overlap); across the bar when `lying`.
function errorBars(data: ErrorBar[], colour: string, name: string, offset = 0, lying = false) {
  return {
    type: 'custom' as const,
    name,
    silent: true,
    z: 10,
    tooltip: { show: false },
    encode: lying ? { y: 0, x: [1, 2] } : { x: 0, y: [1, 2] },
    data,
    renderItem: (_params: unknown, api: any) => {
      const lower = api.value(1);
      const upper = api.value(2);
      if (lower === null || upper === null || Number.isNaN(lower) || Number.isNaN(upper) || lower === '' || upper === '') {
        return { type: 'group', children: [] };
      }
      const category = api.value(0);
      const style = { stroke: colour, lineWidth: 2 };
      if (lying) {
        const low = api.coord([lower, category]);
        const high = api.coord([upper, category]);
        const py = low[1] + offset;
        const cap = Math.max(3, Math.min(8, api.size([0, 1])[1] * 0.15));
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: low[0], y1: py, x2: high[0], y2: py }, style },
            { type: 'line', shape: { x1: low[0], y1: py - cap, x2: low[0], y2: py + cap }, style },
            { type: 'line', shape: { x1: high[0], y1: py - cap, x2: high[0], y2: py + cap }, style },
          ],
        };
      }
      const low = api.coord([category, lower]);
      const high = api.coord([category, upper]);
      const px = low[0] + offset;
      const cap = Math.max(3, Math.min(10, api.size([1, 0])[0] * 0.08));
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

// Bars lie down when standing ones would need slanted or cut labels: many groups, long names
// (crossed groups, "K × eftergymnasial"), or a narrow screen with more than a few.
export function barsLieDown(labels: string[], width: number): boolean {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const perBar = width / Math.max(1, labels.length);
  return labels.length > 8 || (labels.length > 4 && longest > 12) || longest * 7.5 > perBar - 8 || (width < 500 && labels.length > 3);
}

// The height a lying chart needs for its bars (and wrapped labels) to be read.
export function lyingHeight(count: number): number {
  return Math.max(240, 72 + count * 40);
}

const axisColour = '#595959';
const textColour = '#1a1a1a';

function valueAxis(texts: ChartTexts, lying: boolean, scale = false) {
  return {
    type: 'value' as const,
    scale,
    name: texts.axis,
    nameLocation: lying ? ('middle' as const) : ('end' as const),
    nameGap: lying ? 28 : 12,
    nameTextStyle: { color: textColour, fontSize: 13, fontWeight: 'bold' as const, align: lying ? ('center' as const) : ('left' as const) },
    axisLabel: { color: textColour, fontSize: 13, formatter: (v: number) => texts.axisFormat(v) },
    splitLine: { lineStyle: { color: '#d9d9d9' } },
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
  // The page's font by name: a saved SVG has no page to inherit it from. Its quotes single, as
  // ECharts writes the name into a double-quoted attribute.
  private readonly font: string;

  constructor(private readonly container: HTMLElement) {
    this.font = (getComputedStyle(container).fontFamily || 'sans-serif').replace(/"/g, "'");
    this.chart = echarts.init(container, undefined, { renderer: 'svg' });
    this.observer = new ResizeObserver(() => this.chart.resize());
    this.observer.observe(container);
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart.dispose();
  }

  // The chart as a standalone SVG document: ECharts writes its styles as attributes, so it looks
  // the same outside the page; a white background as on the page.
  svg(): string {
    const markup = this.chart.renderToSVGString();
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    return markup.replace(/^<svg\b([^>]*)>/, (_whole, attributes: string) => {
      const withNamespace = attributes.includes('xmlns=') ? attributes : `${attributes} xmlns="http://www.w3.org/2000/svg"`;
      return `<svg${withNamespace}><rect width="${width}" height="${height}" fill="#ffffff"/>`;
    });
  }

  // The chart as a PNG at twice its size on screen: the SVG drawn on a canvas.
  async png(): Promise<Blob> {
    const scale = 2;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const url = URL.createObjectURL(new Blob([this.svg()], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      image.width = width;
      image.height = height;
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG'))), 'image/png'),
      );
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  // Draw any ECharts option (the comparison page's own charts, pages/compare-charts.ts), with the
  // page's font; `height` in pixels sets the container's height first.
  draw(option: Record<string, unknown>, height?: number): void {
    if (height) {
      this.container.style.height = `${height}px`;
      this.chart.resize();
    }
    this.chart.setOption({ animation: false, aria: { enabled: false }, textStyle: { fontFamily: this.font, color: textColour }, ...option }, true);
  }

  bars(data: BarDatum[], texts: ChartTexts): void {
    const width = this.container.clientWidth;
    const narrow = width < 500;
    const lying = barsLieDown(data.map((d) => d.label), width);
    this.container.dataset.orientation = lying ? 'horizontal' : 'vertical';
    // A lying chart grows with its groups; a standing one keeps the stylesheet's height.
    this.container.style.height = lying ? `${lyingHeight(data.length)}px` : '';
    this.chart.resize();
    const labelWidth = Math.round(Math.min(220, width * 0.4));
    const categories = {
      type: 'category' as const,
      data: data.map((d) => d.label),
      // The first group at the top when lying, as in the table.
      inverse: lying,
      axisLabel: lying
        ? { interval: 0, color: textColour, fontSize: 13, width: labelWidth, overflow: 'break' as const, lineHeight: 15 }
        : { interval: 0, rotate: 0, color: textColour, fontSize: 13, width: narrow ? 80 : 140, overflow: 'break' as const },
      axisLine: { lineStyle: { color: axisColour } },
    };
    this.chart.setOption(
      {
        animation: false,
        aria: { enabled: false },
        textStyle: { fontFamily: this.font, color: textColour },
        grid: { left: 8, right: 24, top: lying ? 16 : 32, bottom: lying ? 36 : 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (params: any) => {
            const datum = data[params.dataIndex];
            return datum ? tooltipLine(datum.label, datum, texts) : '';
          },
        },
        xAxis: lying ? valueAxis(texts, true) : categories,
        yAxis: lying ? categories : valueAxis(texts, false),
        series: [
          {
            type: 'bar',
            name: texts.estimate,
            data: data.map((d) => d.estimate),
            itemStyle: { color: palette[0] },
            barMaxWidth: lying ? 28 : 64,
          },
          errorBars(
            data.map((d, i) => [i, d.lower, d.upper, 0]),
            textColour,
            texts.interval,
            0,
            lying,
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
        textStyle: { fontFamily: this.font, color: textColour },
        grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
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
        yAxis: valueAxis(texts, false, true),
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
