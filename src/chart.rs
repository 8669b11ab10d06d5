//! plotters lives only here: every chart in the briefing is rendered to a self-contained SVG
//! string by this module, and no other module touches plotters.
//!
//! Text is laid out by plotters' built-in size estimator (no font feature, no font file): the
//! SVG backend emits `<text font-family="sans-serif">` and the viewer draws the glyphs. The
//! backend XML-escapes text and attribute values, so claimant names may contain `<`, `&`, quotes.
//! All drawing happens in pixel space (`backend_coord`), which keeps markers, arrows and legends
//! uniform. Output is deterministic: no hash maps, claimants keep first-appearance order.

use chrono::{Datelike, NaiveDate};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

// ---------------------------------------------------------------- styling (all in one place)
const FONT: &str = "sans-serif";
/// plotters font sizes (the SVG gets `font-size = size / 1.24`).
const TITLE_PT: u32 = 20;
const LABEL_PT: u32 = 16;
const TICK_PT: u32 = 15;
const SMALL_PT: u32 = 14;
/// Canvas sizes: (a) and (c) are fixed-ish, forest and empty charts vary in height.
const SIZE: (u32, u32) = (760, 380);
const EMPTY_H: u32 = 120;
const LEGEND_W: u32 = 190;
const LEGEND_ROW: i32 = 19;
const INK: RGBColor = RGBColor(34, 34, 34);
const MUTED: RGBColor = RGBColor(120, 120, 120);
const GRID: RGBColor = RGBColor(232, 232, 232);
const BAND: RGBColor = RGBColor(203, 216, 230);
const BEST: RGBColor = RGBColor(0, 0, 0);
/// Okabe–Ito colours (colour-blind safe; yellow dropped for contrast on white).
/// Order: blue, vermillion, bluish green, reddish purple, orange, sky blue, black.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];
/// Marker shapes cycle independently of colours (6 × 7 distinct pairs) so greyscale still works.
const SHAPES: [Shape; 6] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
    Shape::Plus,
    Shape::Cross,
];
const MARK_R: f64 = 5.5;
const ARROW_PX: i32 = 28;
const HEAD_PX: (f64, f64) = (8.0, 4.5); // arrowhead length, half-width
const DODGE_PX: f64 = 11.0; // horizontal offset between claims sharing a date
const DASH: (i32, i32) = (5, 3); // dash length, gap
const ROW_H: u32 = 28; // forest row height
const FOREST_LABEL_W: u32 = 250;
const FOREST_WEIGHT_W: u32 = 70;
const SQUARE_PX: (f64, f64) = (5.0, 17.0); // forest square side: min, max
const SUMMARY: RGBColor = RGBColor(213, 94, 0);
const BAR_REL: RGBColor = RGBColor(0, 114, 178); // drawn hollow
const BAR_WEIGHT: RGBColor = RGBColor(0, 114, 178); // drawn solid (dark)
const BAR_SHARE: RGBColor = RGBColor(230, 159, 0); // drawn solid (light)
const MAX_ABS: f64 = 1e300; // clamp so axis arithmetic can never overflow to infinity

// ---------------------------------------------------------------- public types
/// How a claim states its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Point,
    Range,
    Vague,
    LowerBound,
    UpperBound,
}

/// One date of the aggregated estimate for a quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    pub date: NaiveDate,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
}

/// One reported claim, drawn as a marker on the time chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimMark {
    pub date: NaiveDate,
    pub claimant: String,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub kind: MarkKind,
    pub projection: bool,
}

/// One independent claim in the forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    pub label: String,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub weight: f64,
    pub kind: MarkKind,
}

/// One claimant in the weights chart; `share` is a fraction (0–1) of the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightBar {
    pub claimant: String,
    pub reliability: f64,
    pub weight: f64,
    pub share: f64,
}

// ---------------------------------------------------------------- charts
/// (a) range over time for one quantity: a shaded low–high band and a best line from `series`,
/// each claim as a marker coloured (and shaped) by claimant; one-sided claims drawn as arrows
/// (up for lower bounds, down for upper bounds), vague claims hollow, ranges as vertical whiskers,
/// projections dashed. Legend for claimants and for the band/best line.
pub fn range_over_time(
    title: &str,
    series: &[SeriesPoint],
    marks: &[ClaimMark],
) -> Result<String, String> {
    let values = series
        .iter()
        .flat_map(|p| [p.low, p.best, p.high])
        .chain(marks.iter().flat_map(|m| [m.low, m.best, m.high]))
        .filter_map(fin);
    if values.clone().next().is_none() {
        return no_data(title);
    }
    let (y0, y1) = value_range(values, 0.14, true);
    let days = series
        .iter()
        .map(|p| p.date)
        .chain(marks.iter().map(|m| m.date))
        .map(day);
    let (d0, d1) = days.fold((f64::MAX, f64::MIN), |(a, b), d| (a.min(d), b.max(d)));
    let pad = ((d1 - d0) * 0.04).ceil().max(3.0);
    let mut pts: Vec<&SeriesPoint> = series.iter().collect();
    pts.sort_by_key(|p| p.date);
    let mut claimants: Vec<&str> = Vec::new();
    for m in marks {
        if !claimants.contains(&m.claimant.as_str()) {
            claimants.push(&m.claimant)
        }
    }
    let style_of = |name: &str| {
        let i = claimants.iter().position(|c| *c == name).unwrap_or(0);
        (SHAPES[i % SHAPES.len()], PALETTE[i % PALETTE.len()])
    };
    render(SIZE, |root| {
        let (plot, side) = root.split_horizontally(SIZE.0 - LEGEND_W);
        let mut chart = ChartBuilder::on(&plot)
            .caption(fit_title(title, SIZE.0 - LEGEND_W), (FONT, TITLE_PT))
            .margin(10)
            .x_label_area_size(46)
            .y_label_area_size(y_axis_width(y0, y1))
            .build_cartesian_2d(d0 - pad..d1 + pad, y0..y1)
            .map_err(err)?;
        mesh(&mut chart, "date reported", Some("count"))?;
        let (_, yr) = chart.plotting_area().get_pixel_range();
        let px = |d: f64, v: f64| chart.backend_coord(&(d, v));
        for (t, label) in date_ticks(d0 - pad, d1 + pad) {
            let x = px(t, y0).0;
            root.draw(&PathElement::new(
                vec![(x, yr.start), (x, yr.end - 1)],
                GRID.stroke_width(1),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                vec![(x, yr.end), (x, yr.end + 5)],
                MUTED.stroke_width(1),
            ))
            .map_err(err)?;
            text(root, &label, (x, yr.end + 16), TICK_PT, HPos::Center, &INK)?;
        }
        // shaded band and best line, split into runs where the values exist
        let (bands, bests) = (
            runs(&pts, |p| Some((fin(p.low)?, fin(p.high)?))),
            runs(&pts, |p| fin(p.best)),
        );
        for run in &bands {
            let mut poly: Vec<_> = run.iter().map(|(d, (_, h))| px(*d, *h)).collect();
            poly.extend(run.iter().rev().map(|(d, (l, _))| px(*d, *l)));
            if run.len() == 1 {
                poly = vec![
                    (poly[0].0 - 3, poly[0].1),
                    (poly[0].0 + 3, poly[0].1),
                    (poly[1].0 + 3, poly[1].1),
                    (poly[1].0 - 3, poly[1].1),
                ]
            }
            root.draw(&Polygon::new(poly, BAND.filled())).map_err(err)?;
        }
        for run in &bests {
            let mut line: Vec<_> = run.iter().map(|(d, v)| px(*d, *v)).collect();
            if line.len() == 1 {
                line = vec![(line[0].0 - 8, line[0].1), (line[0].0 + 8, line[0].1)]
            }
            root.draw(&PathElement::new(line, BEST.stroke_width(2)))
                .map_err(err)?;
        }
        // claim markers, dodged horizontally when several share a date
        for (i, m) in marks.iter().enumerate() {
            let (lo, hi) = (fin(m.low), fin(m.high));
            let Some(v) = anchor(m.kind, lo, fin(m.best), hi) else {
                continue;
            };
            let same = |o: &&ClaimMark| o.date == m.date;
            let (k, n) = (
                marks[..i].iter().filter(same).count(),
                marks.iter().filter(same).count(),
            );
            let dx = ((k as f64 - (n as f64 - 1.0) / 2.0) * DODGE_PX).round() as i32;
            let (x, y) = px(day(m.date), v);
            let x = x + dx;
            let (shape, color) = style_of(&m.claimant);
            let stroke = color.stroke_width(2);
            match m.kind {
                MarkKind::LowerBound => arrow(
                    root,
                    (x, y),
                    (x, (y - ARROW_PX).max(yr.start)),
                    stroke,
                    m.projection,
                )?,
                MarkKind::UpperBound => arrow(
                    root,
                    (x, y),
                    (x, (y + ARROW_PX).min(yr.end)),
                    stroke,
                    m.projection,
                )?,
                _ => {
                    if let (Some(l), Some(h)) = (lo, hi) {
                        let (yl, yh) = (px(0.0, l).1, px(0.0, h).1);
                        line(root, vec![(x, yl), (x, yh)], stroke, m.projection)?;
                        for yy in [yl, yh] {
                            line(root, vec![(x - 4, yy), (x + 4, yy)], stroke, false)?
                        }
                    }
                }
            }
            if m.projection {
                ring(root, (x, y), MARK_R + 4.0, color)?
            }
            marker(
                root,
                shape,
                (x, y),
                MARK_R,
                color,
                m.kind == MarkKind::Vague,
            )?;
        }
        // legend: estimate, claimants, then the mark conventions actually used
        let mut items = Vec::new();
        if !bands.is_empty() {
            items.push((Glyph::Band, "low–high band".to_string()))
        }
        if !bests.is_empty() {
            items.push((Glyph::Line(BEST, false), "best estimate".into()))
        }
        items.extend(claimants.iter().map(|c| {
            let (s, col) = style_of(c);
            (Glyph::Marker(s, col, false), c.to_string())
        }));
        let notes = [
            (Some(MarkKind::Range), Glyph::Whisker, "range (whisker)"),
            (
                Some(MarkKind::Vague),
                Glyph::Marker(Shape::Circle, INK, true),
                "vague (hollow)",
            ),
            (
                Some(MarkKind::LowerBound),
                Glyph::Arrow(true),
                "at least (lower bound)",
            ),
            (
                Some(MarkKind::UpperBound),
                Glyph::Arrow(false),
                "at most (upper bound)",
            ),
            (None, Glyph::Line(INK, true), "projection (dashed)"),
        ];
        for (kind, glyph, label) in notes {
            if marks
                .iter()
                .any(|m| kind.map_or(m.projection, |k| m.kind == k))
            {
                items.push((glyph, label.to_string()))
            }
        }
        legend(&side, &items)
    })
}

/// (b) forest plot as in a meta-analysis: one row per independent claim (label = claimant and date),
/// a horizontal interval line, a square at the best whose size grows with weight, one-sided claims as
/// arrows toward the open side, the weight printed at the right; a diamond for the summary
/// (low–best–high) at the bottom labelled `summary_label` (e.g. "representative, as of 2025-01-31").
pub fn forest(
    title: &str,
    rows: &[ForestRow],
    summary: (Option<f64>, Option<f64>, Option<f64>),
    summary_label: &str,
) -> Result<String, String> {
    let (s_lo, s_best, s_hi) = (fin(summary.0), fin(summary.1), fin(summary.2));
    let values = rows
        .iter()
        .flat_map(|r| [r.low, r.best, r.high])
        .chain([s_lo, s_best, s_hi])
        .filter_map(fin);
    if values.clone().next().is_none() {
        return no_data(title);
    }
    let (x0, x1) = value_range(values, 0.08, false);
    let n = rows.len() as f64;
    let height = ROW_H
        .saturating_mul(rows.len().saturating_add(2).try_into().unwrap_or(u32::MAX))
        .saturating_add(130);
    let w_max = rows
        .iter()
        .map(|r| r.weight)
        .filter(|w| w.is_finite())
        .fold(0.0, f64::max);
    render((SIZE.0, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(fit_title(title, SIZE.0), (FONT, TITLE_PT))
            .margin(10)
            .margin_right(FOREST_WEIGHT_W)
            .x_label_area_size(46)
            .y_label_area_size(FOREST_LABEL_W)
            .build_cartesian_2d(x0..x1, -n - 0.8..0.9)
            .map_err(err)?;
        mesh(&mut chart, "reported figure", None)?;
        let (xr, _) = chart.plotting_area().get_pixel_range();
        let px = |v: f64, row: f64| chart.backend_coord(&(v, row));
        let (left, right) = (xr.start - 10, xr.end + 12);
        let head_y = px(0.0, 0.62).1;
        text(
            root,
            "claim (claimant, date)",
            (left, head_y),
            SMALL_PT,
            HPos::Right,
            &MUTED,
        )?;
        text(
            root,
            "weight",
            (right, head_y),
            SMALL_PT,
            HPos::Left,
            &MUTED,
        )?;
        for (r, row) in rows.iter().enumerate() {
            let yv = -(r as f64);
            let (lo, hi) = (fin(row.low), fin(row.high));
            let y = px(0.0, yv).1;
            text(
                root,
                &clip(&row.label, 34),
                (left, y),
                TICK_PT,
                HPos::Right,
                &INK,
            )?;
            text(
                root,
                &fmt_weight(row.weight),
                (right, y),
                TICK_PT,
                HPos::Left,
                &INK,
            )?;
            let stroke = INK.stroke_width(2);
            let value = anchor(row.kind, lo, fin(row.best), hi);
            match (row.kind, value) {
                (MarkKind::LowerBound, Some(v)) => {
                    let (x, y) = px(v, yv);
                    arrow(root, (x, y), ((x + ARROW_PX).min(xr.end), y), stroke, false)?
                }
                (MarkKind::UpperBound, Some(v)) => {
                    let (x, y) = px(v, yv);
                    arrow(
                        root,
                        (x, y),
                        ((x - ARROW_PX).max(xr.start), y),
                        stroke,
                        false,
                    )?
                }
                _ => {
                    if let (Some(l), Some(h)) = (lo, hi) {
                        let (xl, xh) = (px(l, yv).0, px(h, yv).0);
                        root.draw(&PathElement::new(vec![(xl, y), (xh, y)], stroke))
                            .map_err(err)?;
                        for xx in [xl, xh] {
                            root.draw(&PathElement::new(vec![(xx, y - 5), (xx, y + 5)], stroke))
                                .map_err(err)?
                        }
                    }
                }
            }
            if let Some(v) = value {
                let share = if w_max > 0.0 && row.weight > 0.0 {
                    (row.weight / w_max).sqrt()
                } else {
                    0.0
                };
                let side = SQUARE_PX.0 + (SQUARE_PX.1 - SQUARE_PX.0) * share;
                marker(
                    root,
                    Shape::Square,
                    px(v, yv),
                    side / 1.8,
                    INK,
                    row.kind == MarkKind::Vague,
                )?;
            }
        }
        // separator, summary diamond and its reference line
        let sep = px(0.0, -n + 0.45).1;
        root.draw(&PathElement::new(
            vec![(xr.start, sep), (xr.end, sep)],
            MUTED.stroke_width(1),
        ))
        .map_err(err)?;
        let ys = px(0.0, -n - 0.15).1;
        text(
            root,
            &clip(summary_label, 36),
            (left, ys),
            TICK_PT,
            HPos::Right,
            &INK,
        )?;
        match anchor(MarkKind::Range, s_lo, s_best, s_hi) {
            Some(b) => {
                let xb = px(b, 0.0).0;
                let top = px(0.0, 0.45).1;
                root.draw(&DashedPathElement::new(
                    vec![(xb, top), (xb, ys)],
                    DASH.0,
                    DASH.1,
                    MUTED.stroke_width(1),
                ))
                .map_err(err)?;
                let (xl, xh) = (
                    px(s_lo.unwrap_or(b), 0.0).0.min(xb - 6),
                    px(s_hi.unwrap_or(b), 0.0).0.max(xb + 6),
                );
                let hh = (ROW_H as f64 * 0.36) as i32;
                polygon(
                    root,
                    vec![(xl, ys), (xb, ys - hh), (xh, ys), (xb, ys + hh)],
                    SUMMARY,
                    INK.stroke_width(1),
                )?;
            }
            None => text(
                root,
                "summary n/a",
                (xr.start + 8, ys),
                TICK_PT,
                HPos::Left,
                &MUTED,
            )?,
        }
        Ok(())
    })
}

/// (c) claimant weights and contributions: horizontal bars per claimant, reliability (profile) vs.
/// effective weight after recency, and the share of the estimate, with a legend.
pub fn weights(title: &str, bars: &[WeightBar]) -> Result<String, String> {
    if bars.is_empty() {
        return no_data(title);
    }
    let vals = bars
        .iter()
        .flat_map(|b| [b.reliability, b.weight, b.share])
        .chain([1.0]);
    let (x0, x1) = value_range(vals.filter(|v| v.is_finite()), 0.14, true);
    let n = bars.len() as f64;
    let height = SIZE.1.max(
        44u32
            .saturating_mul(bars.len().try_into().unwrap_or(u32::MAX))
            .saturating_add(110),
    );
    render((SIZE.0, height), |root| {
        let (plot, side) = root.split_horizontally(SIZE.0 - LEGEND_W);
        let mut chart = ChartBuilder::on(&plot)
            .caption(fit_title(title, SIZE.0 - LEGEND_W), (FONT, TITLE_PT))
            .margin(10)
            .x_label_area_size(46)
            .y_label_area_size(170)
            .build_cartesian_2d(x0..x1, -n + 0.5..0.5)
            .map_err(err)?;
        mesh(
            &mut chart,
            "reliability, weight (0–1) · share of estimate",
            None,
        )?;
        let (xr, _) = chart.plotting_area().get_pixel_range();
        let px = |v: f64, row: f64| chart.backend_coord(&(v, row));
        let group = (px(0.0, -1.0).1 - px(0.0, 0.0).1) as f64;
        let bh = (group * 0.22).clamp(3.0, 12.0).round() as i32;
        for (r, b) in bars.iter().enumerate() {
            let yc = px(0.0, -(r as f64)).1;
            text(
                root,
                &clip(&b.claimant, 24),
                (xr.start - 10, yc),
                TICK_PT,
                HPos::Right,
                &INK,
            )?;
            let specs = [
                (b.reliability, BAR_REL, true, fmt_weight(b.reliability)),
                (b.weight, BAR_WEIGHT, false, fmt_weight(b.weight)),
                (
                    b.share,
                    BAR_SHARE,
                    false,
                    if b.share.is_finite() {
                        format!("{}%", fmt_num(b.share * 100.0))
                    } else {
                        "n/a".into()
                    },
                ),
            ];
            for (k, (v, color, hollow, label)) in specs.into_iter().enumerate() {
                let y = yc + (k as i32 - 1) * (bh + 2);
                let (xa, xb) = (px(0.0, 0.0).0, px(fin(Some(v)).unwrap_or(0.0), 0.0).0);
                bar(
                    root,
                    (xa.min(xb), y - bh / 2),
                    (xa.max(xb).max(xa.min(xb) + 1), y + bh / 2),
                    color,
                    hollow,
                )?;
                text(
                    root,
                    &label,
                    (xa.max(xb) + 5, y),
                    SMALL_PT,
                    HPos::Left,
                    &INK,
                )?;
            }
        }
        legend(
            &side,
            &[
                (Glyph::Bar(BAR_REL, true), "reliability (profile)".into()),
                (Glyph::Bar(BAR_WEIGHT, false), "weight after recency".into()),
                (Glyph::Bar(BAR_SHARE, false), "share of estimate".into()),
            ],
        )
    })
}

// ---------------------------------------------------------------- rendering helpers
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Plus,
    Cross,
}

/// Legend glyphs.
enum Glyph {
    Band,
    Line(RGBColor, bool),
    Marker(Shape, RGBColor, bool),
    Arrow(bool),
    Whisker,
    Bar(RGBColor, bool),
}

/// Formats a plotters error.
fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart: {e:?}")
}

/// Renders onto a white SVG canvas; a panic inside plotters becomes an `Err`, never a crash.
fn render(
    size: (u32, u32),
    draw: impl FnOnce(&Area) -> Result<(), String>,
) -> Result<String, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut buf = String::new();
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw(&root)?;
        root.present().map_err(err)?;
        drop(root);
        Ok(buf)
    }))
    .unwrap_or_else(|_| Err("chart: renderer panicked".into()))
}

/// A small SVG carrying the title and "no data".
fn no_data(title: &str) -> Result<String, String> {
    render((SIZE.0, EMPTY_H), |root| {
        let cx = SIZE.0 as i32 / 2;
        text(
            root,
            &fit_title(title, SIZE.0),
            (cx, 24),
            TITLE_PT,
            HPos::Center,
            &INK,
        )?;
        text(root, "no data", (cx, 72), LABEL_PT, HPos::Center, &MUTED)
    })
}

/// Draws axes, grid, axis descriptions and value ticks (thousands separators) on the value axis:
/// y if `y_desc` is given (x ticks are then drawn by the caller), else x.
fn mesh(chart: &mut Chart, x_desc: &str, y_desc: Option<&str>) -> Result<(), String> {
    let num = |v: &f64| fmt_num(*v);
    let mut m = chart.configure_mesh();
    m.x_desc(x_desc)
        .label_style((FONT, TICK_PT))
        .axis_desc_style((FONT, LABEL_PT))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED);
    match y_desc {
        Some(desc) => m
            .y_labels(6)
            .y_label_formatter(&num)
            .y_desc(desc)
            .x_labels(0)
            .disable_x_mesh(),
        None => m
            .x_labels(7)
            .x_label_formatter(&num)
            .y_labels(0)
            .disable_y_mesh(),
    };
    m.draw().map_err(err)
}

/// Draws `s` with its vertical centre at `pos`.
fn text(
    area: &Area,
    s: &str,
    pos: (i32, i32),
    size: u32,
    h: HPos,
    color: &'static RGBColor,
) -> Result<(), String> {
    let style = TextStyle::from((FONT, size).into_font())
        .color(color)
        .pos(Pos::new(h, VPos::Center));
    area.draw(&Text::new(s.to_string(), pos, style))
        .map_err(err)
}

/// A solid or dashed polyline.
fn line(area: &Area, pts: Vec<(i32, i32)>, style: ShapeStyle, dashed: bool) -> Result<(), String> {
    if dashed {
        area.draw(&DashedPathElement::new(pts, DASH.0, DASH.1, style))
    } else {
        area.draw(&PathElement::new(pts, style))
    }
    .map_err(err)
}

/// A line from `from` to `to` with a filled head at `to`.
fn arrow(
    area: &Area,
    from: (i32, i32),
    to: (i32, i32),
    style: ShapeStyle,
    dashed: bool,
) -> Result<(), String> {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = dx.hypot(dy);
    if len < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let p = |a: f64, b: f64| {
        (
            (to.0 as f64 - ux * a - uy * b).round() as i32,
            (to.1 as f64 - uy * a + ux * b).round() as i32,
        )
    };
    line(area, vec![from, p(HEAD_PX.0 * 0.5, 0.0)], style, dashed)?;
    area.draw(&Polygon::new(
        vec![to, p(HEAD_PX.0, HEAD_PX.1), p(HEAD_PX.0, -HEAD_PX.1)],
        style.color.filled(),
    ))
    .map_err(err)
}

/// A filled or hollow (white-filled, thick outline) marker of radius `r`.
fn marker(
    area: &Area,
    shape: Shape,
    (x, y): (i32, i32),
    r: f64,
    color: RGBColor,
    hollow: bool,
) -> Result<(), String> {
    let t = 0.38;
    let plus = [
        (-t, -1.0),
        (t, -1.0),
        (t, -t),
        (1.0, -t),
        (1.0, t),
        (t, t),
        (t, 1.0),
        (-t, 1.0),
        (-t, t),
        (-1.0, t),
        (-1.0, -t),
        (-t, -t),
    ];
    let unit: Vec<(f64, f64)> = match shape {
        Shape::Circle => (0..20)
            .map(|i| {
                let a = i as f64 * std::f64::consts::PI / 10.0;
                (a.cos(), a.sin())
            })
            .collect(),
        Shape::Square => vec![(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
        Shape::Triangle => vec![(0.0, -1.25), (1.15, 0.8), (-1.15, 0.8)],
        Shape::Diamond => vec![(0.0, -1.3), (1.1, 0.0), (0.0, 1.3), (-1.1, 0.0)],
        Shape::Plus => plus.iter().map(|&(a, b)| (a * 1.15, b * 1.15)).collect(),
        Shape::Cross => plus
            .iter()
            .map(|&(a, b)| ((a - b) * 0.82, (a + b) * 0.82))
            .collect(),
    };
    let pts: Vec<(i32, i32)> = unit
        .iter()
        .map(|(a, b)| (x + (a * r).round() as i32, y + (b * r).round() as i32))
        .collect();
    polygon(
        area,
        pts,
        if hollow { WHITE } else { color },
        color.stroke_width(if hollow { 2 } else { 1 }),
    )
}

/// A filled polygon with an outline.
fn polygon(
    area: &Area,
    pts: Vec<(i32, i32)>,
    fill: RGBColor,
    outline: ShapeStyle,
) -> Result<(), String> {
    area.draw(&Polygon::new(pts.clone(), fill.filled()))
        .map_err(err)?;
    area.draw(&PathElement::new(
        pts.iter().chain(pts.first()).copied().collect::<Vec<_>>(),
        outline,
    ))
    .map_err(err)
}

/// A dashed circle around a marker (projections).
fn ring(area: &Area, (x, y): (i32, i32), r: f64, color: RGBColor) -> Result<(), String> {
    let pts = (0..=24).map(|i| {
        let a = i as f64 * std::f64::consts::PI / 12.0;
        (
            x + (r * a.cos()).round() as i32,
            y + (r * a.sin()).round() as i32,
        )
    });
    area.draw(&DashedPathElement::new(
        pts.collect::<Vec<_>>(),
        3,
        2,
        color.stroke_width(1),
    ))
    .map_err(err)
}

/// A filled or hollow (outlined, faintly tinted) bar.
fn bar(
    area: &Area,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
    hollow: bool,
) -> Result<(), String> {
    if hollow {
        area.draw(&Rectangle::new([a, b], color.mix(0.12).filled()))
            .map_err(err)?
    }
    area.draw(&Rectangle::new(
        [a, b],
        if hollow {
            color.stroke_width(2)
        } else {
            color.filled()
        },
    ))
    .map_err(err)
}

/// Draws legend rows (glyph + label) top-down in `area`, ending with "+N more" if they do not fit.
fn legend(area: &Area, items: &[(Glyph, String)]) -> Result<(), String> {
    let (_, h) = area.dim_in_pixel();
    let fit = ((h as i32 - 60) / LEGEND_ROW).max(1) as usize;
    for (i, (glyph, label)) in items.iter().enumerate() {
        let y = 50 + i as i32 * LEGEND_ROW;
        if i + 1 == fit && items.len() > fit {
            return text(
                area,
                &format!("+{} more", items.len() - i),
                (8, y),
                SMALL_PT,
                HPos::Left,
                &MUTED,
            );
        }
        let x = 18;
        match glyph {
            Glyph::Band => area
                .draw(&Rectangle::new(
                    [(x - 10, y - 6), (x + 10, y + 6)],
                    BAND.filled(),
                ))
                .map_err(err)?,
            Glyph::Line(c, dashed) => line(
                area,
                vec![(x - 11, y), (x + 11, y)],
                c.stroke_width(2),
                *dashed,
            )?,
            Glyph::Marker(s, c, hollow) => marker(area, *s, (x, y), MARK_R, *c, *hollow)?,
            Glyph::Arrow(up) => {
                let (a, b) = if *up { (y + 7, y - 8) } else { (y - 8, y + 7) };
                arrow(area, (x, a), (x, b), INK.stroke_width(2), false)?
            }
            Glyph::Whisker => {
                for p in [
                    vec![(x, y - 7), (x, y + 7)],
                    vec![(x - 4, y - 7), (x + 4, y - 7)],
                    vec![(x - 4, y + 7), (x + 4, y + 7)],
                ] {
                    line(area, p, INK.stroke_width(2), false)?
                }
            }
            Glyph::Bar(c, hollow) => bar(area, (x - 10, y - 5), (x + 10, y + 5), *c, *hollow)?,
        }
        text(
            area,
            &clip(label, 22),
            (x + 18, y),
            SMALL_PT,
            HPos::Left,
            &INK,
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------- data helpers
/// Keeps finite values only, clamped so range arithmetic stays finite.
fn fin(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
        .map(|x| x.clamp(-MAX_ABS, MAX_ABS))
}

/// Where a claim's marker sits: the bound for one-sided claims, else best, midpoint, or whatever exists.
fn anchor(kind: MarkKind, lo: Option<f64>, best: Option<f64>, hi: Option<f64>) -> Option<f64> {
    match kind {
        MarkKind::LowerBound => lo.or(best).or(hi),
        MarkKind::UpperBound => hi.or(best).or(lo),
        _ => best.or(mid(lo, hi)).or(lo).or(hi),
    }
}

/// Midpoint of two present values.
fn mid(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / 2.0 + b? / 2.0)
}

/// Day number used as the x coordinate of a date.
fn day(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// Axis label for a day number: YYYY-MM-DD.
fn fmt_day(x: f64) -> String {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Padded, never-empty, finite axis range; with `zero` the axis starts at (or includes) zero.
fn value_range(values: impl Iterator<Item = f64>, headroom: f64, zero: bool) -> (f64, f64) {
    let start = if zero {
        (0.0, 0.0)
    } else {
        (f64::MAX, f64::MIN)
    };
    let (lo, hi) = values
        .map(|v| v.clamp(-MAX_ABS, MAX_ABS))
        .fold(start, |(l, h), v| (l.min(v), h.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = if hi > lo {
        (hi - lo) * headroom
    } else if lo != 0.0 {
        lo.abs() * 0.1
    } else {
        1.0
    };
    match (zero && lo >= 0.0, zero && hi <= 0.0) {
        (true, true) => (0.0, 1.0),
        (true, _) => (0.0, hi + pad),
        (_, true) => (lo - pad, 0.0),
        _ => (lo - pad, hi + pad),
    }
}

/// Calendar ticks for the time axis: days (YYYY-MM-DD) for short spans, else month starts (YYYY-MM).
fn date_ticks(d0: f64, d1: f64) -> Vec<(f64, String)> {
    let (first, last) = (d0.ceil() as i64, d1.floor() as i64);
    if d1 - d0 <= 75.0 {
        let step = [1, 2, 3, 7, 14]
            .into_iter()
            .find(|s| (last - first) / s < 5)
            .unwrap_or(14);
        let mid = first + (last - first) / 2; // anchor on the middle so a lone date gets a label
        return (mid - (mid - first) / step * step..=last)
            .step_by(step as usize)
            .map(|x| (x as f64, fmt_day(x as f64)))
            .collect();
    }
    let Some(a) = NaiveDate::from_num_days_from_ce_opt(first as i32) else {
        return Vec::new();
    };
    let months = (d1 - d0) / 30.44;
    let step = [1, 2, 3, 6, 12, 24, 60, 120, 600, 1200]
        .into_iter()
        .find(|s| months / (*s as f64) <= 7.0)
        .unwrap_or(1200);
    let mut idx = a.year() * 12 + a.month0() as i32 + i32::from(a.day() > 1);
    idx = (idx + step - 1).div_euclid(step) * step;
    let mut out = Vec::new();
    while let Some(date) =
        NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1)
    {
        if day(date) > d1 || out.len() > 12 {
            break;
        }
        out.push((day(date), date.format("%Y-%m").to_string()));
        idx += step;
    }
    out
}

/// Width of the value-axis label area, from the longest tick label.
fn y_axis_width(lo: f64, hi: f64) -> u32 {
    let chars = fmt_num(lo).len().max(fmt_num(hi).len()) as u32;
    (chars * 8 + 34).clamp(56, 190)
}

/// Consecutive (date, value) runs of the sorted series where `f` yields a value.
fn runs<T>(pts: &[&SeriesPoint], f: impl Fn(&SeriesPoint) -> Option<T>) -> Vec<Vec<(f64, T)>> {
    pts.split(|p| f(p).is_none())
        .filter(|r| !r.is_empty())
        .map(|r| {
            r.iter()
                .filter_map(|p| Some((day(p.date), f(p)?)))
                .collect()
        })
        .collect()
}

/// Shortens `s` to at most `max` characters, ending in "…".
fn clip(s: &str, max: usize) -> String {
    let max = max.max(1);
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(['…']).collect()
    }
}

/// Shortens a title to what fits in `width` pixels (about 0.45 em per character).
fn fit_title(title: &str, width: u32) -> String {
    clip(title, (width as f64 / (TITLE_PT as f64 * 0.45)) as usize)
}

/// Weight / reliability label: two decimals.
fn fmt_weight(w: f64) -> String {
    if w.is_finite() {
        format!("{w:.2}")
    } else {
        "n/a".into()
    }
}

/// Number with thousands separators (12,000); decimals only for small magnitudes; huge values in e-notation.
fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    if v.abs() >= 1e15 {
        return format!("{v:.1e}");
    }
    let decimals = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 1.0 {
        1
    } else {
        3
    };
    let s = format!("{:.*}", decimals, v.abs());
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    let (int, frac) = s
        .split_once('.')
        .map_or((s, String::new()), |(a, b)| (a, format!(".{b}")));
    let sep = |i: usize| (i > 0 && (int.len() - i).is_multiple_of(3)).then_some(',');
    let int: String = int
        .chars()
        .enumerate()
        .flat_map(|(i, c)| sep(i).into_iter().chain([c]))
        .collect();
    let sign = if v < 0.0 && s.bytes().any(|c| (b'1'..=b'9').contains(&c)) {
        "-"
    } else {
        ""
    };
    format!("{sign}{int}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;
    type V = (Option<f64>, Option<f64>, Option<f64>);
    const NIS: &str = "NIS <Seoul> & \"co\" 'x'";

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    /// (low, best, high) where a negative number means "not stated".
    fn v(l: f64, b: f64, h: f64) -> V {
        let o = |x: f64| (x >= 0.0).then_some(x);
        (o(l), o(b), o(h))
    }
    fn mark(
        date: &str,
        who: &str,
        (low, best, high): V,
        kind: MarkKind,
        projection: bool,
    ) -> ClaimMark {
        ClaimMark {
            date: d(date),
            claimant: who.into(),
            low,
            best,
            high,
            kind,
            projection,
        }
    }
    fn sample() -> (Vec<SeriesPoint>, Vec<ClaimMark>) {
        let p = |date: &str, (low, best, high): V| SeriesPoint {
            date: d(date),
            low,
            best,
            high,
        };
        let series = vec![
            p("2024-10-20", v(1e4, 11e3, 12e3)),
            p("2024-12-01", v(11e3, 11.5e3, 13e3)),
            p("2024-12-15", v(-1.0, 11.8e3, -1.0)),
            p("2025-01-31", v(11e3, 12e3, 15e3)),
        ];
        let marks = vec![
            mark(
                "2024-10-20",
                NIS,
                v(1e4, 11e3, 12e3),
                MarkKind::Range,
                false,
            ),
            mark(
                "2024-10-20",
                "Pentagon",
                v(-1.0, 1e4, -1.0),
                MarkKind::Point,
                false,
            ),
            mark(
                "2024-12-01",
                "Ukraine GUR",
                v(11e3, -1.0, -1.0),
                MarkKind::LowerBound,
                false,
            ),
            mark(
                "2025-01-31",
                "Pentagon",
                v(-1.0, -1.0, 14e3),
                MarkKind::UpperBound,
                false,
            ),
            mark(
                "2025-01-31",
                "Kyiv Independent",
                v(-1.0, 12e3, -1.0),
                MarkKind::Vague,
                false,
            ),
            mark("2025-03-01", NIS, v(14e3, 15e3, 2e4), MarkKind::Range, true),
        ];
        (series, marks)
    }
    fn rows() -> Vec<ForestRow> {
        let r = |label: &str, (low, best, high): V, weight, kind| ForestRow {
            label: label.into(),
            low,
            best,
            high,
            weight,
            kind,
        };
        vec![
            r("NIS, 2024-10-20", v(1e4, 11e3, 12e3), 0.9, MarkKind::Range),
            r(
                "Pentagon, 2024-10-20",
                v(-1.0, 1e4, -1.0),
                0.7,
                MarkKind::Point,
            ),
            r(
                "GUR <x> & 'y', 2024-12-01",
                v(11e3, -1.0, -1.0),
                0.4,
                MarkKind::LowerBound,
            ),
            r(
                "Blogger, 2025-01-02",
                v(-1.0, -1.0, 14e3),
                0.1,
                MarkKind::UpperBound,
            ),
            r(
                "Kyiv Independent, 2025-01-31",
                v(-1.0, 12e3, -1.0),
                0.3,
                MarkKind::Vague,
            ),
        ]
    }
    fn bars() -> Vec<WeightBar> {
        let b = |c: &str, reliability, weight, share| WeightBar {
            claimant: c.into(),
            reliability,
            weight,
            share,
        };
        vec![
            b(NIS, 0.8, 0.7, 0.45),
            b("Pentagon", 0.85, 0.5, 0.35),
            b("Ukraine GUR", 0.6, 0.3, 0.2),
        ]
    }

    /// Minimal XML well-formedness check: balanced tags, even quotes, known entities only, no raw `<` in text or attributes.
    fn assert_well_formed(svg: &str) {
        let entity_ok = |rest: &str| {
            ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                .iter()
                .any(|e| rest.starts_with(e))
        };
        let (mut stack, mut i) = (Vec::<String>::new(), 0);
        while let Some(k) = svg[i..].find(['<', '&']).map(|k| k + i) {
            if svg[k..].starts_with('&') {
                assert!(entity_ok(&svg[k..]), "bad entity in text");
                i = k + 1;
                continue;
            }
            let end = svg[k..].find('>').expect("unclosed tag") + k;
            let tag = &svg[k + 1..end];
            assert!(
                tag.matches('"').count().is_multiple_of(2) && !tag.contains('<'),
                "malformed <{tag}>"
            );
            assert!(
                tag.match_indices('&').all(|(j, _)| entity_ok(&tag[j..])),
                "bad entity in <{tag}>"
            );
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(!name.is_empty(), "bad tag <{tag}>");
            if tag.starts_with('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()))
            } else if !tag.ends_with('/') {
                stack.push(name)
            }
            i = end + 1;
        }
        assert!(stack.is_empty(), "unclosed elements {stack:?}");
    }
    fn check(svg: &str, expected: &[&str]) {
        assert!(svg.starts_with("<svg"), "not an svg");
        assert_well_formed(svg);
        for e in expected {
            assert!(svg.contains(e), "missing {e}")
        }
        assert!(["<polygon", "<polyline", "<rect", "<path"]
            .iter()
            .any(|t| svg.contains(t)));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
    const NIS_ESCAPED: &str = "NIS &lt;Seoul&gt; &amp; &quot;co&quot; &apos;x&apos;";

    #[test]
    fn range_over_time_renders() {
        let (s, m) = sample();
        let svg = range_over_time("DPRK troops in Russia", &s, &m).unwrap();
        assert_eq!(
            Ok(svg.clone()),
            range_over_time("DPRK troops in Russia", &s, &m),
            "deterministic"
        );
        check(
            &svg,
            &[
                "DPRK troops in Russia",
                "Pentagon",
                NIS_ESCAPED,
                "10,000",
                "2024-11",
                "<polygon",
                "<polyline",
                "projection (dashed)",
                "sans-serif",
            ],
        );
    }

    #[test]
    fn forest_renders() {
        let svg = forest(
            "Troops: claims",
            &rows(),
            v(10.5e3, 11.5e3, 13e3),
            "representative, as of 2025-01-31",
        )
        .unwrap();
        assert_eq!(
            Ok(svg.clone()),
            forest(
                "Troops: claims",
                &rows(),
                v(10.5e3, 11.5e3, 13e3),
                "representative, as of 2025-01-31"
            )
        );
        check(
            &svg,
            &[
                "Troops: claims",
                "Pentagon, 2024-10-20",
                "GUR &lt;x&gt; &amp; &apos;y&apos;",
                "representative, as of 2025-01-31",
                "0.90",
                "weight",
                "10,000",
            ],
        );
        let small = forest("t", &rows()[..1], (None, None, None), "s").unwrap();
        assert!(small.contains("summary n/a"));
        let h = |s: &str| {
            s.split("height=\"")
                .nth(1)
                .and_then(|x| x.split('"').next())
                .and_then(|x| x.parse::<u32>().ok())
                .unwrap()
        };
        assert!(h(&svg) > h(&small), "forest height grows with rows");
    }

    #[test]
    fn weights_renders() {
        let svg = weights("Claimant weights", &bars()).unwrap();
        assert_eq!(
            Ok(svg.clone()),
            weights("Claimant weights", &bars()),
            "deterministic"
        );
        check(
            &svg,
            &[
                "Claimant weights",
                "Pentagon",
                NIS_ESCAPED,
                "reliability (profile)",
                "45%",
                "0.85",
                "<rect",
            ],
        );
    }

    #[test]
    fn empty_inputs_say_no_data() {
        let blank = [SeriesPoint {
            date: d("2025-01-01"),
            low: None,
            best: None,
            high: None,
        }];
        for svg in [
            range_over_time("Empty", &[], &[]),
            forest("Empty", &[], (None, None, None), "s"),
            weights("Empty", &[]),
            range_over_time("Empty", &blank, &[]),
        ] {
            check(&svg.unwrap(), &["no data", "Empty"]);
        }
    }

    #[test]
    fn edge_cases_do_not_panic() {
        let one = vec![SeriesPoint {
            date: d("2025-01-01"),
            low: Some(5.0),
            best: Some(5.0),
            high: Some(5.0),
        }];
        for x in [
            0.0,
            5.0,
            -3.0,
            1e12,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
        ] {
            let kinds = [
                MarkKind::Range,
                MarkKind::LowerBound,
                MarkKind::UpperBound,
                MarkKind::Vague,
            ];
            let marks: Vec<_> = kinds
                .iter()
                .map(|k| mark("2025-01-01", "a", (Some(x), Some(x), Some(x)), *k, true))
                .collect();
            check(
                &range_over_time("edge", &one, &marks).unwrap(),
                &["edge", "2025-01-01"],
            );
            let row = ForestRow {
                label: "r".into(),
                low: Some(x),
                best: None,
                high: Some(x),
                weight: x,
                kind: MarkKind::Range,
            };
            check(
                &forest(
                    "edge",
                    &[row.clone(), row],
                    (Some(x), Some(x), Some(x)),
                    "s",
                )
                .unwrap(),
                &["edge"],
            );
            check(
                &weights(
                    "edge",
                    &[WeightBar {
                        claimant: "c".into(),
                        reliability: x,
                        weight: x,
                        share: x,
                    }],
                )
                .unwrap(),
                &["edge"],
            );
        }
        let long = "x".repeat(500);
        check(
            &range_over_time(
                &long,
                &one,
                &[mark(
                    "2025-01-01",
                    &long,
                    v(1.0, 2.0, 3.0),
                    MarkKind::Range,
                    false,
                )],
            )
            .unwrap(),
            &["…"],
        );
    }

    #[test]
    fn labels_are_readable() {
        let cases = [
            (12000.0, "12,000"),
            (0.0, "0"),
            (1234567.0, "1,234,567"),
            (0.25, "0.25"),
            (-1500.0, "-1,500"),
            (2.5, "2.5"),
            (999.6, "1,000"),
            (-0.0001, "0"),
        ];
        for (x, s) in cases {
            assert_eq!(fmt_num(x), s)
        }
        assert_eq!(fmt_day(day(d("2025-01-31"))), "2025-01-31");
        assert_eq!(clip("abcdef", 4), "abc…");
        let ticks = date_ticks(day(d("2024-10-10")), day(d("2025-03-20")));
        assert_eq!(ticks.first().map(|t| t.1.as_str()), Some("2024-11"));
        assert_eq!(
            date_ticks(day(d("2025-01-28")), day(d("2025-02-03")))
                .iter()
                .filter(|t| t.1 == "2025-01-31")
                .count(),
            1
        );
    }
}
