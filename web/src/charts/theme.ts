// Chart colours and options shared by every chart, matching the dashboard's dark palette
// (styles/base.css).
import { ColorType, CrosshairMode, type ChartOptions, type DeepPartial } from 'lightweight-charts';

export const kColors = {
  background: '#131922',
  text: '#8b97a8',
  grid: '#1e2733',
  border: '#263142',
  up: '#26c6a0',
  down: '#ef5a6f',
  up_fill_top: 'rgba(38, 198, 160, 0.28)',
  up_fill_bottom: 'rgba(38, 198, 160, 0.02)',
  down_fill_top: 'rgba(239, 90, 111, 0.02)',
  down_fill_bottom: 'rgba(239, 90, 111, 0.28)',
  accent: '#5b9cff',
} as const;

export function chart_options(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: kColors.background },
      textColor: kColors.text,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      fontSize: 11,
    },
    grid: {
      vertLines: { color: kColors.grid },
      horzLines: { color: kColors.grid },
    },
    rightPriceScale: { borderColor: kColors.border },
    timeScale: { borderColor: kColors.border, timeVisible: true, secondsVisible: false },
    crosshair: { mode: CrosshairMode.Normal },
    // A phone scrolls the page with one finger; the chart pans with two.
    handleScroll: { vertTouchDrag: false },
  };
}
