// The equity curve: green above where it started, red below, so a drawdown shows at a glance.
import { BaselineSeries, createChart, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { EquityPoint } from '../api/types';
import { h } from '../ui/dom';
import { by_second, to_chart_time } from './chart_time';
import { chart_options, kColors } from './theme';

export class EquityChart {
  private readonly chart: IChartApi;
  private readonly series: ISeriesApi<'Baseline'>;
  private readonly empty: HTMLElement;

  constructor(container: HTMLElement) {
    container.classList.add('chart');
    this.chart = createChart(container, chart_options());
    this.series = this.chart.addSeries(BaselineSeries, {
      topLineColor: kColors.up,
      topFillColor1: kColors.up_fill_top,
      topFillColor2: kColors.up_fill_bottom,
      bottomLineColor: kColors.down,
      bottomFillColor1: kColors.down_fill_top,
      bottomFillColor2: kColors.down_fill_bottom,
      lineWidth: 2,
      priceLineVisible: false,
    });
    this.empty = h('div', { class: 'chart-empty', hidden: true }, 'No equity points yet.');
    container.appendChild(this.empty);
  }

  // base: the starting equity when known, else the first point.
  set_points(points: readonly EquityPoint[], base?: number): void {
    const data = by_second(points.map((p) => ({ time: to_chart_time(p.ts), value: Number(p.equity) })))
      .filter((p) => Number.isFinite(p.value));
    this.empty.hidden = data.length > 0;
    const base_value = base !== undefined && Number.isFinite(base) ? base : (data[0]?.value ?? 0);
    this.series.applyOptions({ baseValue: { type: 'price', price: base_value } });
    this.series.setData(data);
    this.chart.timeScale().fitContent();
  }

  dispose(): void {
    this.chart.remove();
  }
}
