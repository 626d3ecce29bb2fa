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
  private last_time = -Infinity;

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

  private base: number | null = null;
  private first_value = 0;

  set_points(points: readonly EquityPoint[]): void {
    const data = by_second(points.map((p) => ({ time: to_chart_time(p.ts), value: Number(p.equity) })))
      .filter((p) => Number.isFinite(p.value));
    this.empty.hidden = data.length > 0;
    this.first_value = data[0]?.value ?? 0;
    this.apply_base();
    this.series.setData(data);
    this.last_time = data[data.length - 1]?.time ?? -Infinity;
    this.chart.timeScale().fitContent();
  }

  // The line turns red below this; the starting equity when known, else the first point.
  set_base(base: number | null): void {
    this.base = base !== null && Number.isFinite(base) ? base : null;
    this.apply_base();
  }

  private apply_base(): void {
    this.series.applyOptions({ baseValue: { type: 'price', price: this.base ?? this.first_value } });
  }

  // A live point from the stream. False when it cannot go at the end (older than the last
  // point, or not a number); the caller then reloads the whole curve.
  add_point(point: EquityPoint): boolean {
    const time = to_chart_time(point.ts);
    const value = Number(point.equity);
    if (!Number.isFinite(value) || time < this.last_time) return false;
    this.series.update({ time, value });
    this.last_time = time;
    this.empty.hidden = true;
    return true;
  }

  dispose(): void {
    this.chart.remove();
  }
}
