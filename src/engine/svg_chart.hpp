#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sigtrader::engine {

// One point of a chart: x is a time in seconds, y the value.
struct ChartPoint {
  double x = 0;
  double y = 0;
};

// A marker drawn over a chart (a trade's entry or exit).
struct ChartMarker {
  double x = 0;
  double y = 0;
  std::string shape;  // "up", "down" or "dot"
  std::string color;  // a CSS colour
  std::string title;  // shown on hover
};

struct ChartStyle {
  int width = 960;
  int height = 260;
  std::string line_color = "#2563eb";
  bool fill_to_zero = false;  // an area down (or up) to y = 0, for drawdowns
};

// At most `max_points` points that keep the shape of the series: each bucket of consecutive points
// contributes its first, lowest, highest and last point, so spikes survive the thinning.
std::vector<ChartPoint> thin_series(const std::vector<ChartPoint>& points, std::size_t max_points);

// A self-contained <svg> line chart with axes labelled by the y range and the first and last
// dates, and the markers on top. Deterministic: numbers are printed with fixed precision.
std::string svg_line_chart(const std::vector<ChartPoint>& points,
                           const std::vector<ChartMarker>& markers, const ChartStyle& style);

// Text made safe inside HTML and SVG.
std::string escape_html(std::string_view text);

}  // namespace sigtrader::engine
