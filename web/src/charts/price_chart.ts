// Candles of a backtest with its trades as arrows: buys below the bar, sells above.
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type SeriesMarker,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, ReportTrade } from '../api/types';
import { by_second, to_chart_time } from './chart_time';
import { chart_options, kColors } from './theme';

// A marker sits on a bar; a trade inside a bar's interval goes on that bar.
function bar_time(bar_times: readonly UTCTimestamp[], trade_time: UTCTimestamp): UTCTimestamp | null {
  let low = 0;
  let high = bar_times.length - 1;
  let found: UTCTimestamp | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const time = bar_times[mid] as UTCTimestamp;
    if (time <= trade_time) {
      found = time;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function is_buy(side: string): boolean {
  return ['buy', 'long'].includes(side.toLowerCase());
}

export function draw_price_chart(container: HTMLElement, candles: readonly Candle[], trades: readonly ReportTrade[]): IChartApi {
  container.classList.add('chart');
  const chart = createChart(container, chart_options());
  const series = chart.addSeries(CandlestickSeries, {
    upColor: kColors.up,
    downColor: kColors.down,
    borderVisible: false,
    wickUpColor: kColors.up,
    wickDownColor: kColors.down,
  });
  const data = by_second(
    candles.map((c) => ({
      time: to_chart_time(c.ts),
      open: Number(c.open),
      high: Number(c.high),
      low: Number(c.low),
      close: Number(c.close),
    })),
  );
  series.setData(data);

  const bar_times = data.map((bar) => bar.time);
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  for (const trade of trades) {
    const time = bar_time(bar_times, to_chart_time(trade.ts));
    if (time === null) continue;
    const buy = is_buy(trade.side);
    markers.push({
      time,
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? kColors.up : kColors.down,
      text: `${buy ? 'B' : 'S'} ${trade.price}`,
    });
  }
  markers.sort((a, b) => a.time - b.time);
  createSeriesMarkers(series, markers);
  chart.timeScale().fitContent();
  return chart;
}
