//! Properties of `aggregate::aggregate` over random claim sets, for every rule, and a few
//! hand-computed cases (envelope, conservative, pooled fallback, supersede, floors, increments,
//! projections, undated claims, flags).

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rangefinder::aggregate::{aggregate, Aggregate, Options};
use rangefinder::claims::{Claim, Qualifier, Quantity, Scope, Status};
use rangefinder::estimate::{Estimate, Every, Profile, Rule};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Building claims

/// A claim with the fields the aggregator reads; the rest are plain defaults.
#[allow(clippy::too_many_arguments)]
fn claim(
    id: &str,
    claimant: &str,
    quantity: Quantity,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
    published: Option<&str>,
) -> Claim {
    Claim {
        id: id.to_string(),
        doc: format!("doc-{id}"),
        url: None,
        publisher: Some(format!("outlet-{id}")),
        published: published.map(String::from),
        lang: "en".into(),
        quantity,
        low,
        best: None,
        high,
        qualifier,
        projection: false,
        increment: false,
        scope: Scope::Total,
        claimant: claimant.to_string(),
        via: Vec::new(),
        ref_date: None,
        quote: String::new(),
        start: 0,
        end: 0,
        confidence: 1.0,
        mentions: 1,
        status: Status::Extracted,
    }
}

fn exact(id: &str, claimant: &str, q: Quantity, v: f64, date: &str) -> Claim {
    claim(
        id,
        claimant,
        q,
        Qualifier::Exact,
        Some(v),
        Some(v),
        Some(date),
    )
}

fn opts(rule: Rule) -> Options {
    Options {
        as_of: None,
        every: None,
        rule,
        profile: Profile::builtin(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(claims: &[Claim], o: &Options) -> Aggregate {
    aggregate(claims, o, Vec::new()).expect("aggregate succeeds")
}

/// The single estimate for `q` at the final as-of date.
fn latest(a: &Aggregate, q: Quantity) -> Estimate {
    let v: Vec<&Estimate> = a.latest().filter(|e| e.quantity == q).collect();
    assert_eq!(
        v.len(),
        1,
        "one {q} estimate at {}: {:#?}",
        a.as_of,
        a.estimates
    );
    v[0].clone()
}

// ---------------------------------------------------------------------------------------------
// Random claim sets

/// Claimants of different reliability in the built-in profile, and two unknown names
/// (default weight).
const CLAIMANTS: [&str; 9] = [
    "NIS",
    "Pentagon",
    "ISW",
    "Ukrainian General Staff",
    "Zelensky",
    "KCNA",
    "unattributed",
    "Local Blogger",
    "Some Analyst",
];
const QUANTITIES: [Quantity; 4] = [
    Quantity::Deployed,
    Quantity::Killed,
    Quantity::Wounded,
    Quantity::Casualties,
];
/// A claimant given weight 0 in the zero-weight property.
const SILENT: &str = "Silent Source";
/// Day 0 of the random dates.
const EPOCH: &str = "2023-01-01";
/// Random dates span this many days (about two years).
const SPAN: i64 = 730;

#[derive(Debug, Clone)]
struct Spec {
    claimant: usize,
    quantity: usize,
    qualifier: usize,
    value: u32,
    width: u32,
    best_pct: Option<u32>,
    day: i64,
    /// 0..100: incident scope, increment, projection, undated, rejected, month-only reference
    /// date are each drawn from this.
    roll: [u8; 6],
    outlet: u8,
    mentions: u32,
}

fn spec() -> impl Strategy<Value = Spec> {
    let value = prop_oneof![
        // shared values make ties and echoes likely
        prop::sample::select(vec![0u32, 500, 1000, 1500, 2000, 3000, 10000, 11000, 12000]),
        1u32..30_000,
    ];
    let dayv = prop_oneof![
        prop::sample::select(vec![100i64, 200, 300, 400]),
        0i64..SPAN
    ];
    (
        0..CLAIMANTS.len(),
        0..QUANTITIES.len(),
        0..Qualifier::ALL.len(),
        value,
        prop_oneof![Just(0u32), 1u32..20_000],
        prop::option::weighted(0.3, 0u32..=100),
        dayv,
        prop::array::uniform6(0u8..100),
        0u8..6,
        1u32..4,
    )
        .prop_map(
            |(
                claimant,
                quantity,
                qualifier,
                value,
                width,
                best_pct,
                day,
                roll,
                outlet,
                mentions,
            )| Spec {
                claimant,
                quantity,
                qualifier,
                value,
                width,
                best_pct,
                day,
                roll,
                outlet,
                mentions,
            },
        )
}

fn date_of(d: i64) -> String {
    (day(EPOCH) + Duration::days(d)).to_string()
}

/// Turns a spec into a valid claim (`Claim::validate` holds).
fn build(i: usize, s: &Spec, claimant: &str) -> Claim {
    let q = Qualifier::ALL[s.qualifier];
    let v = s.value as f64;
    let (low, high) = match q {
        Qualifier::Exact | Qualifier::Approx => (Some(v), Some(v)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(v), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(v)),
        Qualifier::Range | Qualifier::Vague => (Some(v), Some(v + s.width as f64)),
    };
    let date = date_of(s.day);
    let [incident, increment, projection, undated, rejected, month_ref] = s.roll;
    let mut c = claim(
        &format!("c{i}"),
        claimant,
        QUANTITIES[s.quantity],
        q,
        low,
        high,
        (undated >= 3).then_some(date.as_str()),
    );
    if q == Qualifier::Range {
        c.best = s.best_pct.map(|p| (v + (s.width * p / 100) as f64).floor());
    }
    c.scope = if incident < 12 {
        Scope::Incident
    } else {
        Scope::Total
    };
    c.increment = increment < 10;
    c.projection = projection < 6;
    c.status = if rejected < 3 {
        Status::Rejected
    } else {
        Status::Extracted
    };
    if month_ref < 8 && undated >= 3 {
        c.ref_date = Some(date[..7].to_string());
    }
    c.publisher = Some(format!("outlet{}", s.outlet));
    c.doc = format!("doc{i}");
    c.mentions = s.mentions;
    c.validate().expect("generated claims are valid");
    c
}

fn claims_of(specs: &[Spec]) -> Vec<Claim> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| build(i, s, CLAIMANTS[s.claimant]))
        .collect()
}

fn claims_strategy() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(spec(), 1..40)
}

/// A small seeded shuffle (Fisher–Yates with splitmix64).
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    let mut next = || {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..v.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

fn json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

/// (quantity, as_of, low, best, high, flags) of every estimate: what "the ranges" means.
fn ranges(
    a: &Aggregate,
) -> Vec<(
    Quantity,
    String,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Vec<String>,
)> {
    a.estimates
        .iter()
        .map(|e| {
            (
                e.quantity,
                e.as_of.clone(),
                e.low,
                e.best,
                e.high,
                e.flags.clone(),
            )
        })
        .collect()
}

fn le(a: f64, b: f64) -> bool {
    a <= b + 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn check_ordered(a: &Aggregate) -> Result<(), TestCaseError> {
    for e in &a.estimates {
        let rows = std::iter::once((e.rule, e.low, e.best, e.high)).chain(
            e.sensitivity
                .iter()
                .map(|s| (s.rule, s.low, s.best, s.high)),
        );
        for (rule, l, b, h) in rows {
            for v in [l, b, h].into_iter().flatten() {
                prop_assert!(v.is_finite() && v >= 0.0, "{rule}: {v} in {e:?}");
            }
            if let (Some(l), Some(b)) = (l, b) {
                prop_assert!(
                    le(l, b),
                    "{rule}: low {l} > best {b} in {} {}",
                    e.quantity,
                    e.as_of
                );
            }
            if let (Some(b), Some(h)) = (b, h) {
                prop_assert!(
                    le(b, h),
                    "{rule}: best {b} > high {h} in {} {}",
                    e.quantity,
                    e.as_of
                );
            }
            if let (Some(l), Some(h)) = (l, h) {
                prop_assert!(
                    le(l, h),
                    "{rule}: low {l} > high {h} in {} {}",
                    e.quantity,
                    e.as_of
                );
            }
        }
    }
    Ok(())
}

fn monthly(rule: Rule) -> Options {
    Options {
        as_of: None,
        every: Some(Every::Month),
        rule,
        profile: Profile::builtin(),
    }
}

/// 64 cases (PROPTEST_CASES overrides it for a longer run); no regression files are written.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn low_le_best_le_high(specs in claims_strategy()) {
        let claims = claims_of(&specs);
        for rule in Rule::ALL {
            let a = run(&claims, &monthly(rule));
            check_ordered(&a)?;
            let a = run(&claims, &opts(rule));
            check_ordered(&a)?;
        }
    }

    #[test]
    fn permuting_claims_changes_nothing(specs in claims_strategy(), seed in any::<u64>()) {
        let claims = claims_of(&specs);
        let mut shuffled = claims.clone();
        shuffle(&mut shuffled, seed);
        for rule in Rule::ALL {
            let (a, b) = (run(&claims, &monthly(rule)), run(&shuffled, &monthly(rule)));
            prop_assert_eq!(json(&a.estimates), json(&b.estimates), "{}", rule);
            prop_assert_eq!(json(&a.projections), json(&b.projections));
            prop_assert_eq!((&a.as_of, a.after_as_of), (&b.as_of, b.after_as_of));
            // `undated` and `rejected` keep the input order: compare them as sets
            let sorted = |v: &Vec<String>| { let mut v = v.clone(); v.sort(); v };
            prop_assert_eq!(sorted(&a.undated), sorted(&b.undated));
            prop_assert_eq!(sorted(&a.rejected), sorted(&b.rejected));
        }
    }

    #[test]
    fn an_echo_under_another_outlet_changes_no_range(specs in claims_strategy(), pick in any::<prop::sample::Index>()) {
        let claims = claims_of(&specs);
        let k = pick.index(claims.len());
        let mut more = claims.clone();
        let mut echo = claims[k].clone();
        echo.id = "echo-1".into();
        echo.doc = "echo-doc".into();
        echo.publisher = Some("Another Outlet".into());
        echo.url = Some("https://example.org/echo".into());
        more.push(echo);
        for rule in Rule::ALL {
            let (a, b) = (run(&claims, &monthly(rule)), run(&more, &monthly(rule)));
            prop_assert_eq!(ranges(&a), ranges(&b), "{}", rule);
            for (x, y) in a.estimates.iter().zip(&b.estimates) {
                prop_assert_eq!((x.n_claimants, x.n_independent, &x.method), (y.n_claimants, y.n_independent, &y.method));
            }
        }
    }

    #[test]
    fn scaling_every_value_scales_the_ranges(specs in claims_strategy(), c in prop::sample::select(vec![10.0f64, 0.5, 1000.0, 0.25])) {
        let claims = claims_of(&specs);
        let scaled: Vec<Claim> = claims
            .iter()
            .map(|x| {
                let mut x = x.clone();
                x.low = x.low.map(|v| v * c);
                x.best = x.best.map(|v| v * c);
                x.high = x.high.map(|v| v * c);
                x
            })
            .collect();
        for rule in Rule::ALL {
            let (a, b) = (run(&claims, &monthly(rule)), run(&scaled, &monthly(rule)));
            prop_assert_eq!(a.estimates.len(), b.estimates.len());
            for (x, y) in a.estimates.iter().zip(&b.estimates) {
                prop_assert_eq!((x.quantity, &x.as_of), (y.quantity, &y.as_of));
                for (name, u, v) in [("low", x.low, y.low), ("best", x.best, y.best), ("high", x.high, y.high)] {
                    match (u, v) {
                        (Some(u), Some(v)) => {
                            let want = u * c;
                            // both sides are rounded to 4 significant digits
                            prop_assert!((v - want).abs() <= 1.5e-3 * v.abs().max(want.abs()) + 1e-12,
                                "{rule} {} {} {name}: {u} × {c} = {want}, got {v}", x.quantity, x.as_of);
                        }
                        (None, None) => {}
                        _ => prop_assert!(false, "{rule} {} {} {name}: {u:?} vs {v:?}", x.quantity, x.as_of),
                    }
                }
            }
        }
    }

    #[test]
    fn a_zero_weight_claimant_changes_nothing(specs in claims_strategy(), silent in prop::collection::vec(spec(), 1..8)) {
        let claims = claims_of(&specs);
        let mut more = claims.clone();
        more.extend(silent.iter().enumerate().map(|(i, s)| build(1000 + i, s, SILENT)));
        let mut profile = Profile::builtin();
        profile.weights.insert(SILENT.into(), 0.0);
        // the as-of date is fixed: the default one is the last dated claim, whoever made it
        let as_of = Some(day(EPOCH) + Duration::days(SPAN + 31));
        for rule in Rule::ALL {
            let o = Options { as_of, every: Some(Every::Month), rule, profile: profile.clone() };
            let (a, b) = (run(&claims, &o), run(&more, &o));
            prop_assert_eq!(json(&a.estimates), json(&b.estimates), "{}", rule);
        }
    }

    #[test]
    fn a_later_claim_never_changes_an_earlier_estimate(specs in claims_strategy(), cut in 0i64..SPAN, later in spec(), gap in 1i64..200) {
        let claims = claims_of(&specs);
        let cut_day = day(EPOCH) + Duration::days(cut);
        let mut late = build(9999, &later, CLAIMANTS[later.claimant]);
        late.published = Some(date_of(cut + gap));
        late.ref_date = None;
        late.status = Status::Extracted;
        let mut more = claims.clone();
        more.push(late);
        for rule in Rule::ALL {
            // as of the cut, with and without the later claim: identical
            let at_cut = Options { as_of: Some(cut_day), every: Some(Every::Month), rule, profile: Profile::builtin() };
            let (a, b) = (run(&claims, &at_cut), run(&more, &at_cut));
            prop_assert_eq!(json(&a.estimates), json(&b.estimates), "{}", rule);
            // the open-ended monthly series agrees with it at every month end up to the cut
            let c = run(&more, &monthly(rule));
            for e in a.estimates.iter().filter(|e| e.as_of < cut_day.to_string()) {
                let twin = c.estimates.iter().find(|f| f.quantity == e.quantity && f.as_of == e.as_of);
                prop_assert!(twin.is_some(), "{rule}: no {} estimate as of {} in the longer series", e.quantity, e.as_of);
                prop_assert_eq!(json(e), json(twin.unwrap()), "{}", rule);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-computed cases

#[test]
fn envelope_of_three_exact_claims() {
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 10_000.0, "2024-11-20"),
        exact("b", "Pentagon", Quantity::Deployed, 12_000.0, "2024-11-20"),
        exact("c", "ISW", Quantity::Deployed, 15_000.0, "2024-11-20"),
    ];
    let e = latest(&run(&claims, &opts(Rule::Envelope)), Quantity::Deployed);
    // low = min of lows, high = max of highs, best = weighted median: weights 0.9, 0.85, 0.65
    // (same date: no decay), half of 2.4 is reached at 12,000
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(10_000.0), Some(12_000.0), Some(15_000.0))
    );
    assert_eq!(e.method, "envelope");
    assert_eq!((e.n_claimants, e.n_independent, e.n_reports), (3, 3, 3));
    assert!(e.flags.is_empty(), "{:?}", e.flags);
    assert_eq!(
        e.contributions.iter().filter(|c| c.role == "point").count(),
        3
    );
    let shares: f64 = e.contributions.iter().map(|c| c.share).sum();
    assert!((shares - 1.0).abs() < 1e-5);
}

#[test]
fn conservative_picks_the_lowest_credible_best() {
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 11_000.0, "2024-11-20"),
        exact("b", "Pentagon", Quantity::Deployed, 12_000.0, "2024-11-20"),
        // KCNA (0.2) is not credible: its low figure is ignored
        exact("c", "KCNA", Quantity::Deployed, 3_000.0, "2024-11-20"),
    ];
    let a = run(&claims, &opts(Rule::Conservative));
    let e = latest(&a, Quantity::Deployed);
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(11_000.0), Some(11_000.0), Some(12_000.0))
    );
    assert_eq!(e.method, "conservative");
    // with no credible claimant at all, every claim is used and the method says so
    let e = latest(
        &run(&claims[2..], &opts(Rule::Conservative)),
        Quantity::Deployed,
    );
    assert_eq!(e.best, Some(3_000.0));
    assert!(e.method.contains("no credible claimant"), "{}", e.method);
}

#[test]
fn pooled_with_fewer_than_three_claimants_falls_back_to_envelope() {
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 10_000.0, "2024-11-20"),
        exact("b", "Pentagon", Quantity::Deployed, 12_000.0, "2024-11-20"),
    ];
    let p = latest(&run(&claims, &opts(Rule::Pooled)), Quantity::Deployed);
    let e = latest(&run(&claims, &opts(Rule::Envelope)), Quantity::Deployed);
    assert!(
        p.method.contains("fell back to envelope") && p.method.contains("fewer than 3"),
        "{}",
        p.method
    );
    assert_eq!((p.low, p.best, p.high), (e.low, e.best, e.high));
    assert_eq!(
        (p.low, p.best, p.high),
        (Some(10_000.0), Some(10_000.0), Some(12_000.0))
    );
    assert_eq!(p.tau2, None);
}

#[test]
fn pooled_with_three_equal_claimants_is_the_geometric_mean() {
    let mut profile = Profile::builtin();
    for n in ["A", "B", "C"] {
        profile.weights.insert(n.into(), 0.8);
    }
    let claims: Vec<Claim> = [("a", "A", 1000.0), ("b", "B", 2000.0), ("c", "C", 4000.0)]
        .iter()
        .map(|&(id, who, v)| {
            claim(
                id,
                who,
                Quantity::Deployed,
                Qualifier::Approx,
                Some(v),
                Some(v),
                Some("2024-11-20"),
            )
        })
        .collect();
    let o = Options {
        as_of: None,
        every: None,
        rule: Rule::Pooled,
        profile,
    };
    let e = latest(&run(&claims, &o), Quantity::Deployed);
    assert_eq!(e.method, "pooled (DerSimonian–Laird)");
    // equal weights and equal relative widths: μ = mean of the logs = ln 2000
    assert_eq!(e.best, Some(2000.0));
    assert!(e.low.unwrap() < 1000.0 && e.high.unwrap() > 4000.0, "{e:?}");
    assert!(e.tau2.unwrap() > 0.0 && e.i2.unwrap() > 0.9);
}

#[test]
fn a_newer_figure_supersedes_the_claimants_older_one() {
    // deployed is not cumulative: the older, higher figure is simply replaced
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 12_000.0, "2024-11-01"),
        exact("b", "NIS", Quantity::Deployed, 10_000.0, "2024-12-01"),
    ];
    let e = latest(
        &run(&claims, &opts(Rule::Representative)),
        Quantity::Deployed,
    );
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(10_000.0), Some(10_000.0), Some(10_000.0))
    );
    assert_eq!((e.n_claimants, e.n_independent), (1, 2));
    // superseded figures are counted (n_independent) but not listed among the contributions
    assert_eq!(e.contributions.len(), 1);
    assert_eq!(
        (
            e.contributions[0].ids.clone(),
            e.contributions[0].role.as_str()
        ),
        (vec!["b".to_string()], "point")
    );
    assert_eq!(e.floor, None);
    assert!(e.flags.is_empty(), "{:?}", e.flags);
}

#[test]
fn an_older_cumulative_figure_is_a_floor() {
    // NIS: exactly 1,000 killed, later "about 1,100" (990 .. 1,210 at ±10 %): the older
    // figure lifts the low from 990 to 1,000
    let claims = vec![
        exact("a", "NIS", Quantity::Killed, 1000.0, "2024-12-01"),
        claim(
            "b",
            "NIS",
            Quantity::Killed,
            Qualifier::Approx,
            Some(1100.0),
            Some(1100.0),
            Some("2025-01-01"),
        ),
    ];
    let e = latest(&run(&claims, &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!(e.floor, Some(1000.0));
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(1000.0), Some(1100.0), Some(1210.0))
    );
    // an older figure of a claimant below the credibility threshold sets no floor
    let mut weak = claims.clone();
    for c in &mut weak {
        c.claimant = "KCNA".into();
    }
    let e = latest(&run(&weak, &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!(e.floor, None);
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(990.0), Some(1100.0), Some(1210.0))
    );
}

#[test]
fn an_increment_adds_to_the_last_total() {
    let mut inc = exact("b", "NIS", Quantity::Killed, 200.0, "2024-12-10");
    inc.increment = true;
    let claims = vec![
        exact("a", "NIS", Quantity::Killed, 1000.0, "2024-12-01"),
        inc.clone(),
    ];
    let e = latest(&run(&claims, &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(1200.0), Some(1200.0), Some(1200.0))
    );
    let c = e
        .contributions
        .iter()
        .find(|c| c.ids == vec!["b".to_string()])
        .unwrap();
    assert!(c.derived_from_increment);
    assert_eq!(
        (c.role.as_str(), c.low, c.best, c.high),
        ("point", Some(1200.0), Some(1200.0), Some(1200.0))
    );
    // the total it was added to is superseded; as a floor it is below the new total, so unused
    assert_eq!(e.floor, None);
    assert!(!e
        .contributions
        .iter()
        .any(|c| c.ids == vec!["a".to_string()]));
    assert_eq!(e.n_independent, 2);
    // with no total to add to, an increment only says "at least this many"
    let e = latest(&run(&[inc], &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!((e.low, e.best, e.high), (Some(200.0), Some(200.0), None));
    assert_eq!(e.contributions[0].role, "lower_bound");
    assert_eq!(e.contributions[0].qualifier, Qualifier::AtLeast);
}

/// "At least 200 more" on top of exactly 1,000: the total is at least 1,200, with no upper
/// bound (`Qualifier::is_lower_bound`: "high is open"). The increment must not become a
/// closed 1,200 – 1,200 range.
#[test]
fn an_at_least_increment_leaves_the_high_open() {
    let mut inc = claim(
        "b",
        "NIS",
        Quantity::Killed,
        Qualifier::AtLeast,
        Some(200.0),
        None,
        Some("2024-12-10"),
    );
    inc.increment = true;
    let claims = vec![
        exact("a", "NIS", Quantity::Killed, 1000.0, "2024-12-01"),
        inc,
    ];
    let e = latest(&run(&claims, &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!(e.low, Some(1200.0));
    assert!(
        e.high.is_none_or(|h| h > 1200.0),
        "\"at least 200 more\" than 1,000 closed the range at {:?}: {e:#?}",
        e.high
    );
}

/// "At most 200 more" on top of exactly 1,000: the total is 1,000 to 1,200. The increment
/// must not become the point 1,200 (its low is the base, not the maximum).
#[test]
fn an_at_most_increment_keeps_the_base_as_low() {
    let mut inc = claim(
        "b",
        "NIS",
        Quantity::Killed,
        Qualifier::AtMost,
        None,
        Some(200.0),
        Some("2024-12-10"),
    );
    inc.increment = true;
    let claims = vec![
        exact("a", "NIS", Quantity::Killed, 1000.0, "2024-12-01"),
        inc,
    ];
    let e = latest(&run(&claims, &opts(Rule::Representative)), Quantity::Killed);
    assert_eq!(e.high, Some(1200.0));
    assert_eq!(
        e.low,
        Some(1000.0),
        "\"at most 200 more\" than 1,000 became {:?} – {:?} – {:?}",
        e.low,
        e.best,
        e.high
    );
}

#[test]
fn projections_are_listed_apart_and_left_out() {
    let mut proj = exact("p", "Pentagon", Quantity::Deployed, 100_000.0, "2024-11-10");
    proj.projection = true;
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 12_000.0, "2024-11-20"),
        proj,
    ];
    let a = run(&claims, &opts(Rule::Envelope));
    let e = latest(&a, Quantity::Deployed);
    assert_eq!(
        (e.low, e.best, e.high),
        (Some(12_000.0), Some(12_000.0), Some(12_000.0))
    );
    assert_eq!(e.n_claimants, 1);
    assert!(!e.claims.contains(&"p".to_string()));
    assert_eq!(a.projections.len(), 1);
    let p = &a.projections[0];
    assert_eq!(
        (p.claimant.as_str(), p.low, p.quantity, p.date.as_str()),
        (
            "Pentagon",
            Some(100_000.0),
            Quantity::Deployed,
            "2024-11-10"
        )
    );
    assert_eq!(p.ids, vec!["p".to_string()]);
}

/// A projection states its target period in `ref_date` (the extractor resolves "by December"
/// forward, e.g. devset/fixture case de-proj-001: published 2024-10-25, ref_date 2024-12).
/// It was made on 2024-10-25, so as of 2024-11-30 it is a projection "made by the as-of date"
/// (`Aggregate::projections`, `estimate::projections`), dated when it was made
/// (`Projection::date`), with the target kept in `target`.
#[test]
fn a_projection_with_a_future_target_is_listed_by_its_publication_date() {
    let mut proj = exact("p", "NIS", Quantity::Deployed, 10_000.0, "2024-10-25");
    proj.projection = true;
    proj.ref_date = Some("2024-12".into());
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 3_000.0, "2024-10-25"),
        proj,
    ];
    let o = Options {
        as_of: Some(day("2024-11-30")),
        ..opts(Rule::Representative)
    };
    let a = run(&claims, &o);
    assert_eq!(
        a.projections.len(),
        1,
        "the projection made on 2024-10-25 is not listed as of 2024-11-30: {:?}",
        a.projections
    );
    assert_eq!(
        (
            a.projections[0].date.as_str(),
            a.projections[0].target.as_str()
        ),
        ("2024-10-25", "2024-12")
    );
    assert_eq!(
        a.after_as_of, 0,
        "the projection was published before the as-of date"
    );
}

#[test]
fn undated_claims_are_listed_and_left_out() {
    let claims = vec![
        exact("a", "NIS", Quantity::Deployed, 12_000.0, "2024-11-20"),
        claim(
            "u",
            "Pentagon",
            Quantity::Deployed,
            Qualifier::Exact,
            Some(1.0),
            Some(1.0),
            None,
        ),
    ];
    let a = run(&claims, &opts(Rule::Envelope));
    assert_eq!(a.undated, vec!["u".to_string()]);
    assert_eq!(a.as_of, "2024-11-20");
    let e = latest(&a, Quantity::Deployed);
    assert_eq!(
        (e.low, e.best, e.high, e.n_claimants),
        (Some(12_000.0), Some(12_000.0), Some(12_000.0), 1)
    );
    assert!(!e.claims.contains(&"u".to_string()));
    // nothing dated at all: no estimate, every claim listed
    let a = run(&claims[1..], &opts(Rule::Envelope));
    assert!(a.estimates.is_empty());
    assert_eq!(a.undated, vec!["u".to_string()]);
}

#[test]
fn killed_above_casualties_is_flagged() {
    let claims = vec![
        exact("k", "NIS", Quantity::Killed, 3000.0, "2024-12-24"),
        exact("c", "NIS", Quantity::Casualties, 2000.0, "2024-12-24"),
    ];
    let a = run(&claims, &opts(Rule::Representative));
    let k = latest(&a, Quantity::Killed);
    assert_eq!(
        k.flags,
        vec!["killed (3,000) exceeds casualties (2,000)".to_string()]
    );
    assert!(latest(&a, Quantity::Casualties).flags.is_empty());
}

#[test]
fn a_cumulative_figure_going_down_is_flagged() {
    let claims = vec![
        exact("a", "NIS", Quantity::Casualties, 2000.0, "2024-12-01"),
        exact("b", "NIS", Quantity::Casualties, 1500.0, "2024-12-15"),
    ];
    let e = latest(
        &run(&claims, &opts(Rule::Representative)),
        Quantity::Casualties,
    );
    assert_eq!(
        e.flags,
        vec![
            "cumulative figure went down: NIS said 2,000 on 2024-12-01, then 1,500 on 2024-12-15"
                .to_string()
        ]
    );
    // a claimant that lowers its own figure has corrected it: flagged, and the newer figure stands
    assert_eq!(
        (e.floor, e.low, e.best, e.high),
        (None, Some(1500.0), Some(1500.0), Some(1500.0))
    );
    // the same for a quantity that is not cumulative: no flag, no floor
    let mut dep = claims.clone();
    for c in &mut dep {
        c.quantity = Quantity::Deployed;
    }
    let e = latest(&run(&dep, &opts(Rule::Representative)), Quantity::Deployed);
    assert!(e.flags.is_empty());
    assert_eq!((e.floor, e.best), (None, Some(1500.0)));
}

#[test]
fn a_falling_best_in_a_series_is_flagged() {
    // NIS 1,000 on 2024-11-01; Pentagon 800 on 2024-12-15. As of 2024-11-30 only NIS; as of
    // 2024-12-15 the weights are 0.9 × 0.5^(44/90) ≈ 0.641 and 0.85: the median is 800.
    let claims = vec![
        exact("a", "NIS", Quantity::Killed, 1000.0, "2024-11-01"),
        exact("b", "Pentagon", Quantity::Killed, 800.0, "2024-12-15"),
    ];
    let a = run(&claims, &monthly(Rule::Representative));
    let got: Vec<(String, Option<f64>)> = a
        .estimates
        .iter()
        .map(|e| (e.as_of.clone(), e.best))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-11-30".to_string(), Some(1000.0)),
            ("2024-12-15".to_string(), Some(800.0))
        ]
    );
    assert!(a.estimates[0].flags.is_empty());
    assert_eq!(
        a.estimates[1].flags,
        vec!["best went down from 1,000 (as of 2024-11-30) to 800".to_string()]
    );
}

#[test]
fn a_zero_weight_claimant_alone_gives_no_estimate() {
    let mut profile = Profile::builtin();
    profile.weights.insert(SILENT.into(), 0.0);
    let o = Options {
        as_of: None,
        every: None,
        rule: Rule::Envelope,
        profile,
    };
    let a = run(
        &[exact("s", SILENT, Quantity::Deployed, 5.0, "2024-11-20")],
        &o,
    );
    assert!(a.estimates.is_empty(), "{:?}", a.estimates);
}
