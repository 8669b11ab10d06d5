//! The one result model every output reads (`Report`), what changed since a previous report,
//! and the view model the templates see (preformatted strings only).

use crate::aggregate::Aggregate;
use crate::claims::{Claim, Qualifier, Quantity, Status};
use crate::error::{Error, Result};
use crate::estimate::{fmt_num, Estimate, Rule};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A briefing: the aggregate, the claims behind it, and what changed. Serialized as
/// `report.json`, which is also what `--previous` reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    pub name: String,
    /// "Today" for this report (`--now`, else the as-of date): never the clock.
    pub generated: String,
    pub aggregate: Aggregate,
    pub claims: Vec<Claim>,
    pub changes: Option<Changes>,
    pub warnings: Vec<String>,
}

/// A range that moved between two reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    pub quantity: Quantity,
    pub before: [Option<f64>; 3],
    pub after: [Option<f64>; 3],
    /// Change of the best in percent of the old best.
    pub best_change_pct: Option<f64>,
}

/// What changed since the previous report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub previous_as_of: String,
    pub previous_generated: String,
    /// Ids of claims not in the previous report.
    pub new_claims: Vec<String>,
    pub moved: Vec<Moved>,
    /// Quantities with a range now and none before.
    pub new_quantities: Vec<Quantity>,
    pub claimants_added: Vec<String>,
    pub claimants_dropped: Vec<String>,
}

impl Report {
    pub fn new(
        title: String,
        name: String,
        generated: String,
        aggregate: Aggregate,
        mut claims: Vec<Claim>,
        previous: Option<&Report>,
        warnings: Vec<String>,
    ) -> Report {
        claims.sort_by(|a, b| {
            (a.effective_date(), &a.doc, a.start, a.quantity).cmp(&(
                b.effective_date(),
                &b.doc,
                b.start,
                b.quantity,
            ))
        });
        let changes = previous.map(|p| changes(p, &aggregate, &claims));
        Report {
            title,
            name,
            generated,
            aggregate,
            claims,
            changes,
            warnings,
        }
    }

    /// Reads a previous report: its folder or its report.json.
    pub fn read(path: &Path) -> Result<Report> {
        let file = if path.is_dir() {
            path.join("report.json")
        } else {
            path.to_path_buf()
        };
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::input(
                &file,
                Some(e.line() as u64),
                format!("not a rangefinder report.json: {e}"),
            )
        })
    }
}

fn triple(e: &Estimate) -> [Option<f64>; 3] {
    [e.low, e.best, e.high]
}

fn claimants_of(claims: &[Claim]) -> BTreeSet<String> {
    claims
        .iter()
        .filter(|c| c.status != Status::Rejected)
        .map(|c| c.claimant.clone())
        .collect()
}

/// New claims, moved ranges and claimant changes between `prev` and the current run.
pub fn changes(prev: &Report, agg: &Aggregate, claims: &[Claim]) -> Changes {
    let old_ids: BTreeSet<&str> = prev.claims.iter().map(|c| c.id.as_str()).collect();
    let new_claims = claims
        .iter()
        .filter(|c| !old_ids.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect();
    let before: BTreeMap<Quantity, &Estimate> =
        prev.aggregate.latest().map(|e| (e.quantity, e)).collect();
    let mut moved = Vec::new();
    let mut new_quantities = Vec::new();
    for e in agg.latest() {
        match before.get(&e.quantity) {
            Some(b) if triple(b) != triple(e) => moved.push(Moved {
                quantity: e.quantity,
                before: triple(b),
                after: triple(e),
                best_change_pct: match (b.best, e.best) {
                    (Some(x), Some(y)) if x > 0.0 => Some(((y - x) / x * 1000.0).round() / 10.0),
                    _ => None,
                },
            }),
            Some(_) => {}
            None => new_quantities.push(e.quantity),
        }
    }
    let (old_c, new_c) = (claimants_of(&prev.claims), claimants_of(claims));
    Changes {
        previous_as_of: prev.aggregate.as_of.clone(),
        previous_generated: prev.generated.clone(),
        new_claims,
        moved,
        new_quantities,
        claimants_added: new_c.difference(&old_c).cloned().collect(),
        claimants_dropped: old_c.difference(&new_c).cloned().collect(),
    }
}

// ---------------------------------------------------------------------------------------
// The view model: everything a template shows, already formatted.

#[derive(Debug, Serialize)]
pub struct View {
    pub title: String,
    pub generated: String,
    pub as_of: String,
    pub tool: String,
    pub rule: String,
    pub rule_level: String,
    pub headline: Vec<HeadRow>,
    pub charts: Vec<ChartView>,
    pub changes: Option<ChangesView>,
    pub flags: Vec<FlagView>,
    pub projections: Vec<ProjView>,
    pub claims: Vec<ClaimView>,
    pub methods: MethodsView,
    pub warnings: Vec<String>,
    pub undated: Vec<String>,
    pub n_claims: usize,
    pub n_docs: usize,
}

#[derive(Debug, Serialize)]
pub struct HeadRow {
    pub quantity: String,
    pub low: String,
    pub best: String,
    pub high: String,
    pub method: String,
    pub claimants: String,
    pub reports: String,
    pub flags: usize,
    pub as_of: String,
    /// Anchors of the contributing claims in the claims table.
    pub claims: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub anchor: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub file: String,
    /// SVG markup from `chart` (its text is escaped there).
    pub svg: String,
}

#[derive(Debug, Serialize)]
pub struct ChangesView {
    pub previous_as_of: String,
    pub previous_generated: String,
    pub new_claims: Vec<LinkView>,
    pub moved: Vec<MovedView>,
    pub new_quantities: Vec<String>,
    pub claimants_added: Vec<String>,
    pub claimants_dropped: Vec<String>,
    pub nothing: bool,
}

#[derive(Debug, Serialize)]
pub struct MovedView {
    pub quantity: String,
    pub before: String,
    pub after: String,
    pub change: String,
}

#[derive(Debug, Serialize)]
pub struct FlagView {
    pub quantity: String,
    pub as_of: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ProjView {
    pub quantity: String,
    pub claimant: String,
    pub figure: String,
    pub target: String,
    pub date: String,
    pub claims: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct ClaimView {
    pub anchor: String,
    pub id: String,
    pub quantity: String,
    pub figure: String,
    pub claimant: String,
    pub via: String,
    pub outlet: String,
    pub doc: String,
    pub published: String,
    pub ref_date: String,
    /// The quote split around the figure, so the figure can be marked (each part escaped by the template).
    pub quote_before: String,
    pub quote_figure: String,
    pub quote_after: String,
    pub url: String,
    pub notes: String,
    pub rejected: bool,
}

#[derive(Debug, Serialize)]
pub struct MethodsView {
    pub rule: String,
    pub rule_level: String,
    pub profile_name: String,
    pub profile_source: String,
    pub profile_description: String,
    pub weights: Vec<(String, String)>,
    pub default_weight: String,
    pub half_life: String,
    pub approx_pct: String,
    pub credible: String,
    pub tool: String,
    pub inputs: Vec<(String, String, usize)>,
    pub sensitivity: Vec<SensView>,
}

#[derive(Debug, Serialize)]
pub struct SensView {
    pub quantity: String,
    pub cells: Vec<String>,
}

fn o(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_else(|| "open".into())
}

fn range3(t: [Option<f64>; 3]) -> String {
    format!("{} – {} – {}", o(t[0]), o(t[1]), o(t[2]))
}

/// The figure as stated: "about 11,000", "at least 3,000", "11,000–12,000".
pub fn figure(c: &Claim) -> String {
    let (l, h) = (c.low.map(fmt_num), c.high.map(fmt_num));
    let l_ = l.clone().unwrap_or_default();
    let h_ = h.clone().unwrap_or_default();
    match c.qualifier {
        Qualifier::Exact => l.or(h).unwrap_or_default(),
        Qualifier::Approx => format!("about {}", l.or(h).unwrap_or_default()),
        Qualifier::AtLeast => format!("at least {l_}"),
        Qualifier::MoreThan => format!("more than {l_}"),
        Qualifier::AtMost => format!("up to {h_}"),
        Qualifier::LessThan => format!("fewer than {h_}"),
        Qualifier::Range => format!("{l_}–{h_}"),
        Qualifier::Vague => format!("vague: {l_}–{h_}"),
    }
}

pub fn anchor(id: &str) -> String {
    format!("claim-{id}")
}

/// Splits a quote around the figure's text where it can be found.
fn split_quote(c: &Claim) -> (String, String, String) {
    // the quote is the sentence with white space collapsed; find the figure's digits in it
    let q = &c.quote;
    let needle_candidates: Vec<String> = [c.low, c.high]
        .iter()
        .flatten()
        .flat_map(|v| {
            let n = *v as i64;
            let plain = n.to_string();
            let grouped = fmt_num(*v);
            vec![
                grouped.clone(),
                grouped.replace(',', "."),
                grouped.replace(',', " "),
                grouped.replace(',', "'"),
                plain,
            ]
        })
        .collect();
    for n in needle_candidates
        .iter()
        .filter(|n| n.len() >= 2 || !n.is_empty())
    {
        if let Some(i) = q.find(n.as_str()) {
            return (q[..i].to_string(), n.clone(), q[i + n.len()..].to_string());
        }
    }
    (q.clone(), String::new(), String::new())
}

impl Report {
    /// Builds the view model; `charts` are the rendered charts in display order.
    pub fn view(&self, charts: Vec<ChartView>) -> View {
        let agg = &self.aggregate;
        let link = |id: &str| LinkView {
            anchor: anchor(id),
            label: id.to_string(),
        };
        let headline = agg
            .latest()
            .map(|e| HeadRow {
                quantity: e.quantity.to_string(),
                low: o(e.low),
                best: o(e.best),
                high: o(e.high),
                method: e.method.clone(),
                claimants: e.n_claimants.to_string(),
                reports: e.n_reports.to_string(),
                flags: e.flags.len(),
                as_of: e.as_of.clone(),
                claims: e.claims.iter().map(|i| link(i)).collect(),
            })
            .collect();
        let mut flags = Vec::new();
        let mut seen = BTreeSet::new();
        for e in &agg.estimates {
            for f in &e.flags {
                // a flag that persists over the series is shown once, at its first date
                if seen.insert((e.quantity, f.clone())) {
                    flags.push(FlagView {
                        quantity: e.quantity.to_string(),
                        as_of: e.as_of.clone(),
                        text: f.clone(),
                    });
                }
            }
        }
        let projections = agg
            .projections
            .iter()
            .map(|p| ProjView {
                quantity: p.quantity.to_string(),
                claimant: p.claimant.clone(),
                figure: match p.qualifier {
                    Qualifier::AtMost | Qualifier::LessThan => format!("up to {}", o(p.high)),
                    Qualifier::AtLeast | Qualifier::MoreThan => format!("at least {}", o(p.low)),
                    _ if p.low != p.high => format!("{}–{}", o(p.low), o(p.high)),
                    _ => o(p.low.or(p.high)),
                },
                target: if p.target.is_empty() {
                    "unstated".into()
                } else {
                    p.target.clone()
                },
                date: p.date.clone(),
                claims: p.ids.iter().map(|i| link(i)).collect(),
            })
            .collect();
        let claims = self
            .claims
            .iter()
            .map(|c| {
                let (b, f, a) = split_quote(c);
                let mut notes = Vec::new();
                if c.projection {
                    notes.push("projection".to_string());
                }
                if c.increment {
                    notes.push("increment".into());
                }
                if c.scope == crate::claims::Scope::Incident {
                    notes.push("one incident".into());
                }
                if c.mentions > 1 {
                    notes.push(format!("{} mentions", c.mentions));
                }
                if c.status != Status::Extracted {
                    notes.push(c.status.as_str().into());
                }
                ClaimView {
                    anchor: anchor(&c.id),
                    id: c.id.clone(),
                    quantity: c.quantity.to_string(),
                    figure: figure(c),
                    claimant: c.claimant.clone(),
                    via: c.via.join(", "),
                    outlet: c.publisher.clone().unwrap_or_default(),
                    doc: c.doc.clone(),
                    published: c.published.clone().unwrap_or_default(),
                    ref_date: c.ref_date.clone().unwrap_or_default(),
                    quote_before: b,
                    quote_figure: f,
                    quote_after: a,
                    url: c
                        .url
                        .clone()
                        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                        .unwrap_or_default(),
                    notes: notes.join(", "),
                    rejected: c.status == Status::Rejected,
                }
            })
            .collect();
        let p = &agg.profile;
        let sensitivity = agg
            .latest()
            .map(|e| SensView {
                quantity: e.quantity.to_string(),
                cells: Rule::ALL
                    .iter()
                    .map(|r| {
                        e.sensitivity
                            .iter()
                            .find(|s| s.rule == *r)
                            .map(|s| range3([s.low, s.best, s.high]))
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .collect();
        let changes = self.changes.as_ref().map(|c| ChangesView {
            previous_as_of: c.previous_as_of.clone(),
            previous_generated: c.previous_generated.clone(),
            new_claims: c.new_claims.iter().map(|i| link(i)).collect(),
            moved: c
                .moved
                .iter()
                .map(|m| MovedView {
                    quantity: m.quantity.to_string(),
                    before: range3(m.before),
                    after: range3(m.after),
                    change: m
                        .best_change_pct
                        .map(|p| format!("{p:+.1}%"))
                        .unwrap_or_else(|| "n/a".into()),
                })
                .collect(),
            new_quantities: c.new_quantities.iter().map(|q| q.to_string()).collect(),
            claimants_added: c.claimants_added.clone(),
            claimants_dropped: c.claimants_dropped.clone(),
            nothing: c.new_claims.is_empty()
                && c.moved.is_empty()
                && c.claimants_added.is_empty()
                && c.claimants_dropped.is_empty()
                && c.new_quantities.is_empty(),
        });
        View {
            title: self.title.clone(),
            generated: self.generated.clone(),
            as_of: agg.as_of.clone(),
            tool: agg.tool.clone(),
            rule: agg.rule.to_string(),
            rule_level: agg.rule.level().to_string(),
            headline,
            charts,
            changes,
            flags,
            projections,
            claims,
            methods: MethodsView {
                rule: agg.rule.to_string(),
                rule_level: agg.rule.level().to_string(),
                profile_name: p.name.clone(),
                profile_source: p.source.clone(),
                profile_description: p.description.clone(),
                weights: p
                    .weights
                    .iter()
                    .map(|(k, v)| (k.clone(), format!("{v:.2}")))
                    .collect(),
                default_weight: format!("{:.2}", p.default_weight),
                half_life: format!("{}", p.half_life_days),
                approx_pct: format!("{}", p.approx_pct),
                credible: format!("{:.2}", p.credible),
                tool: agg.tool.clone(),
                inputs: agg
                    .inputs
                    .iter()
                    .map(|i| (i.path.clone(), i.sha256.clone(), i.claims))
                    .collect(),
                sensitivity,
            },
            warnings: self.warnings.clone(),
            undated: agg.undated.clone(),
            n_claims: self.claims.len(),
            n_docs: self
                .claims
                .iter()
                .map(|c| c.doc.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
        }
    }
}
