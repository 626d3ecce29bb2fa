#include "engine/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/time.hpp"

namespace sigtrader::engine {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<ChartPoint> thin_series(const std::vector<ChartPoint>& points, std::size_t max_points) {
  if (points.size() <= max_points || max_points < 4) return points;
  const std::size_t buckets = max_points / 4;
  const std::size_t per_bucket = (points.size() + buckets - 1) / buckets;
  std::vector<ChartPoint> out;
  out.reserve(buckets * 4);
  for (std::size_t start = 0; start < points.size(); start += per_bucket) {
    const std::size_t end = std::min(points.size(), start + per_bucket);
    std::size_t low = start;
    std::size_t high = start;
    for (std::size_t i = start; i < end; ++i) {
      if (points[i].y < points[low].y) low = i;
      if (points[i].y > points[high].y) high = i;
    }
    std::vector<std::size_t> keep{start, low, high, end - 1};
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    for (const std::size_t i : keep)
      out.push_back(points[i]);
  }
  return out;
}

std::string svg_line_chart(const std::vector<ChartPoint>& points,
                           const std::vector<ChartMarker>& markers, const ChartStyle& style) {
  constexpr double kLeft = 70;
  constexpr double kRight = 10;
  constexpr double kTop = 10;
  constexpr double kBottom = 24;
  const double width = style.width;
  const double height = style.height;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" "
      "role=\"img\">",
      style.width, style.height);
  if (points.empty()) return svg + "<text x=\"10\" y=\"20\">no data</text></svg>";

  double x_min = points.front().x;
  double x_max = points.back().x;
  double y_min = points.front().y;
  double y_max = points.front().y;
  for (const ChartPoint& point : points) {
    y_min = std::min(y_min, point.y);
    y_max = std::max(y_max, point.y);
  }
  for (const ChartMarker& marker : markers) {
    y_min = std::min(y_min, marker.y);
    y_max = std::max(y_max, marker.y);
  }
  if (style.fill_to_zero) {
    y_min = std::min(y_min, 0.0);
    y_max = std::max(y_max, 0.0);
  }
  if (x_max <= x_min) x_max = x_min + 1;
  if (y_max <= y_min) {
    y_max += 1;
    y_min -= 1;
  }
  const auto sx = [&](double x) {
    return kLeft + (x - x_min) / (x_max - x_min) * (width - kLeft - kRight);
  };
  const auto sy = [&](double y) {
    return kTop + (y_max - y) / (y_max - y_min) * (height - kTop - kBottom);
  };

  svg += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" "
      "stroke=\"#d1d5db\"/>",
      kLeft, kTop, width - kLeft - kRight, height - kTop - kBottom);
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{:.2f}</text>",
      kLeft - 4, kTop + 10, y_max);
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{:.2f}</text>",
      kLeft - 4, height - kBottom, y_min);
  const auto date = [](double seconds) {
    return core::Timestamp::from_seconds(static_cast<std::int64_t>(seconds)).date_string();
  };
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>", kLeft,
                     height - 6, date(x_min));
  svg +=
      fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                  width - kRight, height - 6, date(x_max));

  std::string path;
  path.reserve(points.size() * 16);
  for (std::size_t i = 0; i < points.size(); ++i) {
    path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", sx(points[i].x), sy(points[i].y));
  }
  if (style.fill_to_zero) {
    const std::string area = fmt::format("{} L{:.1f},{:.1f} L{:.1f},{:.1f} Z", path,
                                         sx(points.back().x), sy(0), sx(points.front().x), sy(0));
    svg += fmt::format("<path d=\"{}\" fill=\"{}\" fill-opacity=\"0.25\" stroke=\"none\"/>", area,
                       style.line_color);
  }
  svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"/>", path,
                     style.line_color);

  for (const ChartMarker& marker : markers) {
    const double x = sx(marker.x);
    const double y = sy(marker.y);
    std::string shape;
    if (marker.shape == "up") {
      shape = fmt::format("<path d=\"M{:.1f},{:.1f} L{:.1f},{:.1f} L{:.1f},{:.1f} Z\"", x, y - 5,
                          x - 4, y + 3, x + 4, y + 3);
    } else if (marker.shape == "down") {
      shape = fmt::format("<path d=\"M{:.1f},{:.1f} L{:.1f},{:.1f} L{:.1f},{:.1f} Z\"", x, y + 5,
                          x - 4, y - 3, x + 4, y - 3);
    } else {
      shape = fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\"", x, y);
    }
    svg +=
        fmt::format("{} fill=\"{}\" class=\"marker\"><title>{}</title></{}>", shape, marker.color,
                    escape_html(marker.title), marker.shape == "dot" ? "circle" : "path");
  }
  svg += "</svg>";
  return svg;
}

}  // namespace sigtrader::engine
