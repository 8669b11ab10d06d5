//! The aggregator on the real data sets in `../shared/data` (see its README): the Ukrainian
//! General Staff's cumulative figures against Oryx's photo-confirmed counts, and the UCDP GED
//! sample with its expert low/best/high. Skipped when `../shared` is absent.

use chrono::{Datelike, Duration, NaiveDate};
use rangefinder::aggregate::{aggregate, Aggregate, Options};
use rangefinder::claims::{Claim, Qualifier, Quantity, Scope, Status};
use rangefinder::estimate::{fmt_num, round_sig, Every, Profile, Rule};
use rangefinder::io::{claims_to_bytes, parse_claims, ClaimsFormat};
use serde_json::Value;
use std::path::{Path, PathBuf};

const UA: &str = "Ukrainian General Staff";
const ORYX: &str = "Oryx";

/// `../shared/data`, or `None` (with a message) when it is absent.
///
/// `common::shared()` recognises `../shared` by `seeds/gold.jsonl`; a checkout can have the data
/// sets without the seeds, so the data folder itself is looked for as well.
fn data_dir(what: &str) -> Option<PathBuf> {
    let root = crate::common::shared().or_else(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        p.join("data/README.md")
            .exists()
            .then(|| p.canonicalize().unwrap())
    });
    match root.map(|r| r.join("data")).filter(|d| d.is_dir()) {
        Some(d) => Some(d),
        None => {
            eprintln!("../shared/data is absent: skipping {what}");
            None
        }
    }
}

fn base(
    id: String,
    claimant: &str,
    quantity: Quantity,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
    date: &str,
    outlet: &str,
) -> Claim {
    Claim {
        doc: id.clone(),
        id,
        url: None,
        publisher: Some(outlet.into()),
        published: Some(date.into()),
        lang: "en".into(),
        quantity,
        low,
        best: None,
        high,
        qualifier,
        projection: false,
        increment: false,
        scope: Scope::Total,
        claimant: claimant.into(),
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

fn json_rows(path: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v.as_array().expect("a JSON array").clone()
}

/// UA personnel: cumulative "personnel losses" (killed + wounded) → casualties;
/// "about" → approx, "more" → more_than (a lower bound).
fn personnel_claims(data: &Path) -> Vec<Claim> {
    json_rows(&data.join("ukr-mod-losses/russia_losses_personnel.json"))
        .iter()
        .map(|r| {
            let date = r["date"].as_str().unwrap();
            let v = r["personnel"].as_f64().unwrap();
            let (q, high) = match r["personnel*"].as_str().unwrap() {
                "about" => (Qualifier::Approx, Some(v)),
                "more" => (Qualifier::MoreThan, None),
                other => panic!("unexpected personnel* {other:?}"),
            };
            base(
                format!("ua-personnel-{date}"),
                UA,
                Quantity::Casualties,
                q,
                Some(v),
                high,
                date,
                "zsu.gov.ua",
            )
        })
        .collect()
}

/// Russian tanks lost, as UA MoD (`tank`) and Oryx (`Russia` / `Tanks`, `type_total`) count them.
/// The claims schema has only troop quantities, so `killed` stands in for "tanks lost": it is
/// cumulative, which is what matters here. Both figures are taken as exact counts.
fn tank_claims(data: &Path) -> (Vec<Claim>, Vec<(String, f64)>, Vec<(String, f64)>) {
    let ua: Vec<(String, f64)> =
        json_rows(&data.join("ukr-mod-losses/russia_losses_equipment.json"))
            .iter()
            .filter_map(|r| Some((r["date"].as_str()?.to_string(), r.get("tank")?.as_f64()?)))
            .collect();
    let mut rdr =
        csv::Reader::from_path(data.join("oryx/oryx_totals_by_type_history.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (d, c, t, tot) = (
        col("snapshot_date"),
        col("country"),
        col("equipment_type"),
        col("type_total"),
    );
    let oryx: Vec<(String, f64)> = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[c] == "Russia" && &r[t] == "Tanks")
        .map(|r| (r[d].to_string(), r[tot].parse().unwrap()))
        .collect();
    let mut claims = Vec::new();
    for (date, v) in &ua {
        claims.push(base(
            format!("ua-tank-{date}"),
            UA,
            Quantity::Killed,
            Qualifier::Exact,
            Some(*v),
            Some(*v),
            date,
            "mil.gov.ua",
        ));
    }
    for (date, v) in &oryx {
        claims.push(base(
            format!("oryx-tank-{date}"),
            ORYX,
            Quantity::Killed,
            Qualifier::Exact,
            Some(*v),
            Some(*v),
            date,
            "oryxspioenkop.com",
        ));
    }
    (claims, ua, oryx)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn monthly(rule: Rule) -> Options {
    Options {
        as_of: None,
        every: Some(Every::Month),
        rule,
        profile: Profile::builtin(),
    }
}

/// Month ends from the first date's month up to (not including) `last`, plus `last`.
fn expected_dates(first: NaiveDate, last: NaiveDate) -> Vec<String> {
    let month_end = |d: NaiveDate| {
        let (y, m) = if d.month() == 12 {
            (d.year() + 1, 1)
        } else {
            (d.year(), d.month() + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap() - Duration::days(1)
    };
    let mut out = Vec::new();
    let mut d = month_end(first);
    while d < last {
        out.push(d.to_string());
        d = month_end(d + Duration::days(1));
    }
    out.push(last.to_string());
    out
}

/// The figure a claimant's series stands at on `date` (its last one on or before).
fn as_of(series: &[(String, f64)], date: &str) -> Option<f64> {
    series
        .iter()
        .filter(|(d, _)| d.as_str() <= date)
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|x| x.1)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// low <= best <= high; low and best always present, high where `two_sided`.
fn check_ordered(a: &Aggregate, two_sided: bool) {
    for e in &a.estimates {
        let (l, b) = (e.low.unwrap(), e.best.unwrap());
        assert!(
            l <= b,
            "{} {} {}: low {l} > best {b}",
            e.rule,
            e.quantity,
            e.as_of
        );
        match e.high {
            Some(h) => assert!(
                b <= h,
                "{} {} {}: best {b} > high {h}",
                e.rule,
                e.quantity,
                e.as_of
            ),
            None => assert!(!two_sided, "{} {} {}: no high", e.rule, e.quantity, e.as_of),
        }
    }
}

#[test]
fn ua_personnel_monthly_series() {
    let Some(data) = data_dir("the UA personnel series") else {
        return;
    };
    let claims = personnel_claims(&data);
    assert_eq!(claims.len(), 1626);
    let series: Vec<(String, f64)> = claims
        .iter()
        .map(|c| (c.published.clone().unwrap(), c.low.unwrap()))
        .collect();
    for rule in Rule::ALL {
        let a = aggregate(&claims, &monthly(rule), Vec::new()).unwrap();
        let dates: Vec<String> = a.estimates.iter().map(|e| e.as_of.clone()).collect();
        // 2022-02-28 … 2026-07-31 and the last report, 2026-08-08
        assert_eq!(dates, expected_dates(day("2022-02-25"), day("2026-08-08")));
        assert_eq!(dates.len(), 55);
        assert_eq!(a.as_of, "2026-08-08");
        check_ordered(&a, true);
        for e in &a.estimates {
            assert_eq!(e.quantity, Quantity::Casualties);
            assert_eq!(e.n_claimants, 1);
            // one claimant, "about N": best is N, the range N ± 10 %
            let v = as_of(&series, &e.as_of).unwrap();
            assert_eq!(e.best, Some(round_sig(v)), "{rule} {}", e.as_of);
            assert!(
                close(e.low.unwrap(), 0.9 * v, 1e-3) && close(e.high.unwrap(), 1.1 * v, 1e-3),
                "{rule} {}: {e:?}",
                e.as_of
            );
            // the series never falls: no "went down" flag of either kind
            assert!(
                e.flags.iter().all(|f| !f.contains("went down")),
                "{rule} {}: {:?}",
                e.as_of,
                e.flags
            );
        }
        let last = a.estimates.last().unwrap();
        assert_eq!(last.best, Some(round_sig(1_456_610.0)));
    }
}

#[test]
fn ua_versus_oryx_tanks_monthly_series() {
    let Some(data) = data_dir("the UA / Oryx tank series") else {
        return;
    };
    let (claims, ua, oryx) = tank_claims(&data);
    assert_eq!((ua.len(), oryx.len()), (1626, 616));
    // the README's comparison table
    for (date, u, o) in [
        ("2022-03-28", 586.0, 318.0),
        ("2023-01-01", 3031.0, 1600.0),
        ("2023-12-04", 5580.0, 2513.0),
        ("2025-07-19", 11032.0, 4074.0),
    ] {
        assert_eq!(
            (as_of(&ua, date), as_of(&oryx, date)),
            (Some(u), Some(o)),
            "{date}"
        );
    }
    let oryx_first = oryx.iter().map(|x| x.0.as_str()).min().unwrap().to_string();
    for rule in Rule::ALL {
        let a = aggregate(&claims, &monthly(rule), Vec::new()).unwrap();
        let dates: Vec<String> = a.estimates.iter().map(|e| e.as_of.clone()).collect();
        assert_eq!(dates, expected_dates(day("2022-02-25"), day("2026-08-08")));
        assert_eq!(dates.len(), 55);
        check_ordered(&a, true);
        for e in &a.estimates {
            let want = if e.as_of >= oryx_first { 2 } else { 1 };
            assert_eq!(e.n_claimants, want, "{rule} {}", e.as_of);
        }
        // best lies between the two claimants' current figures
        for date in [
            "2022-04-30",
            "2023-01-31",
            "2023-12-31",
            "2024-06-30",
            "2025-06-30",
        ] {
            let e = a.estimates.iter().find(|e| e.as_of == date).unwrap();
            let (u, o) = (as_of(&ua, date).unwrap(), as_of(&oryx, date).unwrap());
            let b = e.best.unwrap();
            assert!(
                b >= u.min(o) * (1.0 - 1e-3) && b <= u.max(o) * (1.0 + 1e-3),
                "{rule} {date}: best {b} not between UA {u} and Oryx {o}"
            );
        }
        // Oryx's total falls 52 times between snapshots (duplicates removed): flagged
        let down: Vec<&String> = a
            .estimates
            .iter()
            .flat_map(|e| &e.flags)
            .filter(|f| f.contains("went down"))
            .collect();
        assert!(!down.is_empty(), "{rule}: no \"went down\" flag");
        assert!(down.iter().any(|f| f.contains(ORYX)), "{rule}: {down:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// UCDP GED sample

struct Event {
    relid: String,
    low: f64,
    best: f64,
    high: f64,
    date: String,
}

fn ucdp_events(data: &Path) -> Vec<Event> {
    let mut rdr =
        csv::Reader::from_path(data.join("ucdp-ged-sample/ucdp_ged231_sample_1000.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (relid, low, best, high, date) = (
        col("relid"),
        col("low"),
        col("best"),
        col("high"),
        col("date_start"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let num = |i: usize| {
                r[i].parse::<f64>()
                    .unwrap_or_else(|_| panic!("{}: {:?} is not a number", &r[relid], &r[i]))
            };
            Event {
                relid: r[relid].to_string(),
                low: num(low),
                best: num(best),
                high: num(high),
                date: r[date].to_string(),
            }
        })
        .collect()
}

/// One event → one UCDP claim of its deaths: a range with the coders' own best.
fn event_claim(e: &Event, scope: Scope) -> Claim {
    let mut c = base(
        e.relid.clone(),
        "UCDP",
        Quantity::Killed,
        Qualifier::Range,
        Some(e.low),
        Some(e.high),
        &e.date,
        "UCDP GED",
    );
    c.best = Some(e.best);
    c.scope = scope;
    c
}

fn inconsistent(e: &Event) -> bool {
    e.low > e.best || e.best > e.high
}

fn flag_for(e: &Event) -> String {
    format!(
        "input inconsistent: UCDP gives low {} / best {} / high {}",
        fmt_num(e.low),
        fmt_num(e.best),
        fmt_num(e.high)
    )
}

fn inconsistency_flags(a: &Aggregate) -> Vec<String> {
    let mut v: Vec<String> = a
        .latest()
        .flat_map(|e| e.flags.iter())
        .filter(|f| f.contains("input inconsistent"))
        .cloned()
        .collect();
    v.sort();
    v
}

#[test]
fn ucdp_rows_breaking_low_best_high_are_flagged() {
    let Some(data) = data_dir("the UCDP sample") else {
        return;
    };
    let events = ucdp_events(&data);
    assert_eq!(events.len(), 1000);
    let bad: Vec<&Event> = events.iter().filter(|e| inconsistent(e)).collect();
    assert_eq!(bad.len(), 13, "the README counts 13 such events");
    let mut want: Vec<String> = bad.iter().map(|e| flag_for(e)).collect();
    want.sort();
    // the 13 triples differ, so each stays its own independent claim
    assert_eq!(
        {
            let mut w = want.clone();
            w.dedup();
            w.len()
        },
        13
    );
    // each event is one incident's count; every claim is passed in, unvalidated
    let claims: Vec<Claim> = events
        .iter()
        .map(|e| event_claim(e, Scope::Incident))
        .collect();
    for rule in Rule::ALL {
        let o = Options {
            as_of: None,
            every: None,
            rule,
            profile: Profile::builtin(),
        };
        let a = aggregate(&claims, &o, Vec::new())
            .expect("inconsistent rows do not stop the aggregation");
        assert_eq!(a.estimates.len(), 1);
        // incident counts only bound the total from below: the largest low is the floor
        check_ordered(&a, false);
        let e = &a.estimates[0];
        let max_low = events.iter().map(|e| e.low).fold(0.0, f64::max);
        assert_eq!(
            (e.floor, e.best, e.high),
            (Some(max_low), Some(round_sig(max_low)), None),
            "{rule}"
        );
        assert_eq!(inconsistency_flags(&a), want, "{rule}");
    }
    // in a monthly series, each date flags exactly the inconsistent events dated by then
    let a = aggregate(&claims, &monthly(Rule::Representative), Vec::new()).unwrap();
    assert!(a.estimates.len() > 300);
    for e in &a.estimates {
        let mut want: Vec<String> = bad
            .iter()
            .filter(|b| b.date <= e.as_of)
            .map(|b| flag_for(b))
            .collect();
        want.sort();
        let mut got: Vec<String> = e
            .flags
            .iter()
            .filter(|f| f.contains("input inconsistent"))
            .cloned()
            .collect();
        got.sort();
        assert_eq!(got, want, "as of {}", e.as_of);
    }
}

#[test]
fn ucdp_rows_with_low_above_high_are_rejected_by_the_reader_with_a_clear_message() {
    let Some(data) = data_dir("the UCDP sample") else {
        return;
    };
    let events = ucdp_events(&data);
    let claims: Vec<Claim> = events
        .iter()
        .map(|e| event_claim(e, Scope::Incident))
        .collect();
    let inverted: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.low > e.high)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        inverted.len(),
        7,
        "7 of the 13 inconsistent events also have low > high"
    );
    for &i in &inverted {
        let msg = claims[i].validate().unwrap_err();
        assert_eq!(
            msg,
            format!("low {} > high {}", events[i].low, events[i].high)
        );
    }
    // through the claims reader: the 7 rows are skipped and reported by line, the rest read
    let bytes = claims_to_bytes(&claims, ClaimsFormat::Csv).unwrap();
    let path = Path::new("ucdp.csv");
    let mut problems = Vec::new();
    let read = parse_claims(&bytes, ClaimsFormat::Csv, path, false, &mut problems)
        .expect("a lenient read succeeds");
    assert_eq!(read.len(), 993);
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        inverted.iter().map(|&i| i as u64 + 2).collect::<Vec<_>>(),
        "line = data row + header"
    );
    for (p, &i) in problems.iter().zip(&inverted) {
        assert_eq!(
            p.to_string(),
            format!(
                "ucdp.csv:{}: low {} > high {}",
                i + 2,
                events[i].low,
                events[i].high
            )
        );
    }
    // strict: the first inverted row is an input error naming its line
    let mut none = Vec::new();
    match parse_claims(&bytes, ClaimsFormat::Csv, path, true, &mut none) {
        Err(rangefinder::error::Error::Input { line, msg, .. }) => {
            assert_eq!(line, Some(inverted[0] as u64 + 2));
            assert!(msg.contains("> high"), "{msg}");
        }
        other => panic!("expected an input error, got {:?}", other.map(|v| v.len())),
    }
    // what was read still carries the 6 events with low <= high but best outside them
    let a = aggregate(
        &read,
        &Options {
            as_of: None,
            every: None,
            rule: Rule::Representative,
            profile: Profile::builtin(),
        },
        Vec::new(),
    )
    .unwrap();
    let mut want: Vec<String> = events
        .iter()
        .filter(|e| inconsistent(e) && e.low <= e.high)
        .map(flag_for)
        .collect();
    want.sort();
    assert_eq!(want.len(), 6);
    assert_eq!(inconsistency_flags(&a), want);
}

#[test]
fn ucdp_low_best_high_pass_through_unchanged() {
    let Some(data) = data_dir("the UCDP sample") else {
        return;
    };
    let events = ucdp_events(&data);
    for rule in Rule::ALL {
        let o = Options {
            as_of: None,
            every: None,
            rule,
            profile: Profile::builtin(),
        };
        for e in &events {
            let a = aggregate(&[event_claim(e, Scope::Total)], &o, Vec::new()).unwrap();
            assert_eq!(a.estimates.len(), 1);
            let x = &a.estimates[0];
            // a consistent triple passes through; an inconsistent one is widened to hold best
            let want = (
                Some(e.low.min(e.best)),
                Some(e.best),
                Some(e.high.max(e.best)),
            );
            assert_eq!((x.low, x.best, x.high), want, "{rule} {}", e.relid);
            if !inconsistent(e) {
                assert_eq!(
                    (x.low, x.best, x.high),
                    (Some(e.low), Some(e.best), Some(e.high))
                );
                assert!(x.flags.is_empty(), "{rule} {}: {:?}", e.relid, x.flags);
            } else {
                assert_eq!(x.flags, vec![flag_for(e)]);
            }
        }
    }
}
