//! polars lives only here: the claims table, Parquet in and out, and the independence
//! collapse (echoes of one figure become one claim with a reach).

use crate::claims::{Claim, Qualifier, Quantity, Scope, Status};
use crate::dates::epoch_days;
use polars::prelude::*;
use std::io::Cursor;

impl From<PolarsError> for crate::error::Error {
    fn from(e: PolarsError) -> Self {
        crate::error::Error::Other(format!("table error: {e}"))
    }
}

/// How many claim ids an echo row keeps (the rest are in the claims table).
pub const MAX_IDS: usize = 20;

/// A claims table in columns (see [`echo_frame`]).
pub type EchoFrame = DataFrame;

/// One independent claim at one report date: every report of the same (claimant, quantity,
/// bounds, qualifier, reference period, flags) on that date, collapsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Echoes {
    pub claimant: String,
    pub quantity: Quantity,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub projection: bool,
    pub increment: bool,
    pub scope: Scope,
    /// The reference period as written (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or empty.
    pub period: String,
    /// Epoch days of the date the reports speak for.
    pub date: i32,
    /// How many reports (articles × mentions) carried it on that date.
    pub reports: u32,
    /// The outlets that carried it.
    pub outlets: Vec<String>,
    /// The ids of the raw claims.
    pub ids: Vec<String>,
}

fn col_str(name: &str, v: Vec<Option<String>>) -> Column {
    Column::new(name.into(), v)
}

/// The claims as a polars frame, one row per claim, in the claims-file column order.
pub fn claims_frame(claims: &[Claim]) -> PolarsResult<DataFrame> {
    let s = |f: &dyn Fn(&Claim) -> Option<String>| claims.iter().map(f).collect::<Vec<_>>();
    let cols = vec![
        col_str("id", s(&|c| Some(c.id.clone()))),
        col_str("doc", s(&|c| Some(c.doc.clone()))),
        col_str("url", s(&|c| c.url.clone())),
        col_str("publisher", s(&|c| c.publisher.clone())),
        col_str("published", s(&|c| c.published.clone())),
        col_str("lang", s(&|c| Some(c.lang.clone()))),
        col_str("quantity", s(&|c| Some(c.quantity.to_string()))),
        Column::new("low".into(), claims.iter().map(|c| c.low).collect::<Vec<_>>()),
        Column::new("best".into(), claims.iter().map(|c| c.best).collect::<Vec<_>>()),
        Column::new("high".into(), claims.iter().map(|c| c.high).collect::<Vec<_>>()),
        col_str("qualifier", s(&|c| Some(c.qualifier.to_string()))),
        Column::new("projection".into(), claims.iter().map(|c| c.projection).collect::<Vec<_>>()),
        Column::new("increment".into(), claims.iter().map(|c| c.increment).collect::<Vec<_>>()),
        col_str("scope", s(&|c| Some(c.scope.as_str().to_string()))),
        col_str("claimant", s(&|c| Some(c.claimant.clone()))),
        col_str("via", s(&|c| Some(c.via.join(";")))),
        col_str("ref_date", s(&|c| c.ref_date.clone())),
        col_str("quote", s(&|c| Some(c.quote.clone()))),
        Column::new("start".into(), claims.iter().map(|c| c.start as u64).collect::<Vec<_>>()),
        Column::new("end".into(), claims.iter().map(|c| c.end as u64).collect::<Vec<_>>()),
        Column::new("confidence".into(), claims.iter().map(|c| c.confidence).collect::<Vec<_>>()),
        Column::new("mentions".into(), claims.iter().map(|c| c.mentions).collect::<Vec<_>>()),
        col_str("status", s(&|c| Some(c.status.as_str().to_string()))),
    ];
    DataFrame::new(claims.len(), cols)
}

pub fn claims_to_parquet(claims: &[Claim]) -> crate::error::Result<Vec<u8>> {
    let mut df = claims_frame(claims)?;
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df)?;
    Ok(buf)
}

/// Reads claims from Parquet bytes; the error says which column or row is wrong.
pub fn claims_from_parquet(bytes: &[u8]) -> Result<Vec<Claim>, String> {
    let df = ParquetReader::new(Cursor::new(bytes)).finish().map_err(|e| format!("not a claims Parquet file: {e}"))?;
    frame_to_claims(&df)
}

pub fn frame_to_claims(df: &DataFrame) -> Result<Vec<Claim>, String> {
    let n = df.height();
    let get = |name: &str| df.column(name).map_err(|_| format!("missing column `{name}`"));
    let strs = |name: &str, required: bool| -> Result<Vec<Option<String>>, String> {
        match get(name) {
            Ok(c) => {
                let c = c.cast(&DataType::String).map_err(|e| format!("column `{name}`: {e}"))?;
                let ca = c.str().map_err(|e| format!("column `{name}`: {e}"))?;
                Ok(ca.iter().map(|v| v.map(String::from)).collect())
            }
            Err(e) if required => Err(e),
            Err(_) => Ok(vec![None; n]),
        }
    };
    let floats = |name: &str| -> Result<Vec<Option<f64>>, String> {
        match get(name) {
            Ok(c) => {
                let c = c.cast(&DataType::Float64).map_err(|e| format!("column `{name}`: {e}"))?;
                Ok(c.f64().map_err(|e| format!("column `{name}`: {e}"))?.iter().collect())
            }
            Err(_) => Ok(vec![None; n]),
        }
    };
    let bools = |name: &str| -> Result<Vec<bool>, String> {
        match get(name) {
            Ok(c) => {
                let c = c.cast(&DataType::Boolean).map_err(|e| format!("column `{name}`: {e}"))?;
                Ok(c.bool().map_err(|e| format!("column `{name}`: {e}"))?.iter().map(|v| v.unwrap_or(false)).collect())
            }
            Err(_) => Ok(vec![false; n]),
        }
    };
    let (id, doc, url, publisher, published, lang) =
        (strs("id", false)?, strs("doc", true)?, strs("url", false)?, strs("publisher", false)?, strs("published", false)?, strs("lang", false)?);
    let (quantity, qualifier, scope, claimant, via, ref_date, quote, status) = (
        strs("quantity", true)?,
        strs("qualifier", true)?,
        strs("scope", false)?,
        strs("claimant", false)?,
        strs("via", false)?,
        strs("ref_date", false)?,
        strs("quote", false)?,
        strs("status", false)?,
    );
    let (low, best, high, start, end, confidence, mentions) =
        (floats("low")?, floats("best")?, floats("high")?, floats("start")?, floats("end")?, floats("confidence")?, floats("mentions")?);
    let (projection, increment) = (bools("projection")?, bools("increment")?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let row = i + 1;
        let e = |m: String| format!("record {row}: {m}");
        let q: Quantity = quantity[i].as_deref().unwrap_or("").parse().map_err(e)?;
        let ql: Qualifier = qualifier[i].as_deref().unwrap_or("").parse().map_err(|m: String| format!("record {row}: {m}"))?;
        let mut c = Claim {
            id: id[i].clone().unwrap_or_default(),
            doc: doc[i].clone().unwrap_or_default(),
            url: url[i].clone(),
            publisher: publisher[i].clone(),
            published: published[i].clone(),
            lang: lang[i].clone().unwrap_or_default(),
            quantity: q,
            low: low[i],
            best: best[i],
            high: high[i],
            qualifier: ql,
            projection: projection[i],
            increment: increment[i],
            scope: scope[i].as_deref().unwrap_or("total").parse().map_err(|m: String| format!("record {row}: {m}"))?,
            claimant: claimant[i].clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "unattributed".into()),
            via: via[i].as_deref().unwrap_or("").split(';').filter(|s| !s.is_empty()).map(String::from).collect(),
            ref_date: ref_date[i].clone(),
            quote: quote[i].clone().unwrap_or_default(),
            start: start[i].unwrap_or(0.0) as usize,
            end: end[i].unwrap_or(0.0) as usize,
            confidence: confidence[i].unwrap_or(1.0),
            mentions: mentions[i].unwrap_or(1.0).max(1.0) as u32,
            status: status[i].as_deref().unwrap_or("").parse::<Status>().map_err(|m: String| format!("record {row}: {m}"))?,
        };
        if c.id.is_empty() {
            c.id = Claim::make_id(&c.doc, c.quantity, c.low, c.high, c.qualifier, c.start);
        }
        out.push(c);
    }
    Ok(out)
}

/// Collapses echoes: claims that agree on claimant, quantity, bounds, qualifier, reference
/// period and flags, and are dated the same day, become one row with a report count, the
/// outlets and the ids. Rejected claims and claims with no date are left out (the caller
/// reports the undated ones). Runs lazily in polars; this is the step that meets millions of rows.
pub fn collapse_echoes(claims: &[Claim]) -> crate::error::Result<Vec<Echoes>> {
    collapse_frame(echo_frame(claims)?)
}

/// The columns the aggregation needs, one row per claim: `claimant` (str), `quantity`,
/// `qualifier`, `scope` (u32 codes in the enums' order), `low`, `best`, `high` (f64),
/// `projection`, `increment`, `rejected` (bool), `period` (str, the reference date or ""),
/// `date` (i32 epoch days of the date the claim is known by, null when undated), `reports`
/// (u32), `outlet` (str) and `id` (str). Millions of claims are best built in this form
/// directly, without a `Claim` each.
pub fn echo_frame(claims: &[Claim]) -> crate::error::Result<DataFrame> {
    let n = claims.len();
    let mut date = Vec::with_capacity(n);
    for c in claims {
        date.push(c.effective_date().and_then(epoch_days));
    }
    let cols = vec![
        Column::new("claimant".into(), claims.iter().map(|c| c.claimant.as_str()).collect::<Vec<_>>()),
        Column::new("quantity".into(), claims.iter().map(|c| c.quantity as u32).collect::<Vec<_>>()),
        Column::new("low".into(), claims.iter().map(|c| c.low).collect::<Vec<_>>()),
        Column::new("best".into(), claims.iter().map(|c| c.best).collect::<Vec<_>>()),
        Column::new("high".into(), claims.iter().map(|c| c.high).collect::<Vec<_>>()),
        Column::new("qualifier".into(), claims.iter().map(|c| c.qualifier as u32).collect::<Vec<_>>()),
        Column::new("projection".into(), claims.iter().map(|c| c.projection).collect::<Vec<_>>()),
        Column::new("increment".into(), claims.iter().map(|c| c.increment).collect::<Vec<_>>()),
        Column::new("scope".into(), claims.iter().map(|c| c.scope as u32).collect::<Vec<_>>()),
        Column::new("period".into(), claims.iter().map(|c| c.ref_date.as_deref().unwrap_or("")).collect::<Vec<_>>()),
        Column::new("date".into(), date),
        Column::new("reports".into(), claims.iter().map(|c| c.mentions).collect::<Vec<_>>()),
        Column::new("outlet".into(), claims.iter().map(|c| c.publisher.as_deref().unwrap_or(c.doc.as_str())).collect::<Vec<_>>()),
        Column::new("id".into(), claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        Column::new("rejected".into(), claims.iter().map(|c| c.status == Status::Rejected).collect::<Vec<_>>()),
    ];
    Ok(DataFrame::new(n, cols)?)
}

/// Ids of the rows of an echo frame that are undated, and that are rejected.
pub fn undated_and_rejected(df: &DataFrame) -> crate::error::Result<(Vec<String>, Vec<String>)> {
    let ids = |mask: Expr| -> crate::error::Result<Vec<String>> {
        let f = df.clone().lazy().filter(mask).select([col("id")]).sort(["id"], SortMultipleOptions::default()).collect()?;
        Ok(f.column("id")?.str()?.iter().flatten().map(String::from).collect())
    };
    Ok((ids(col("date").is_null())?, ids(col("rejected"))?))
}

/// Collapses echoes in an echo frame (see [`echo_frame`]).
pub fn collapse_frame(df: DataFrame) -> crate::error::Result<Vec<Echoes>> {
    let keys = ["claimant", "quantity", "low", "best", "high", "qualifier", "projection", "increment", "scope", "period", "date"];
    let out = df
        .lazy()
        .filter(col("rejected").not().and(col("date").is_not_null()))
        .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg([
            col("reports").sum().alias("reports"),
            col("outlet").unique().implode(false).alias("outlets"),
            // the first ids of each echo row suffice to trace it to its quotes; all of them
            // stay in the claims table
            col("id").head(Some(MAX_IDS)).alias("ids"),
        ])
        .sort(["date", "claimant", "quantity", "low", "high"], SortMultipleOptions::default().with_nulls_last(true).with_maintain_order(true))
        .collect()?;
    frame_to_echoes(&out)
}

fn frame_to_echoes(df: &DataFrame) -> crate::error::Result<Vec<Echoes>> {
    let claimant = df.column("claimant")?.str()?.clone();
    let quantity = df.column("quantity")?.u32()?.clone();
    let low = df.column("low")?.f64()?.clone();
    let best = df.column("best")?.f64()?.clone();
    let high = df.column("high")?.f64()?.clone();
    let qualifier = df.column("qualifier")?.u32()?.clone();
    let projection = df.column("projection")?.bool()?.clone();
    let increment = df.column("increment")?.bool()?.clone();
    let scope = df.column("scope")?.u32()?.clone();
    let period = df.column("period")?.str()?.clone();
    let date = df.column("date")?.i32()?.clone();
    let reports = df.column("reports")?.cast(&DataType::UInt32)?;
    let reports = reports.u32()?.clone();
    let outlets = df.column("outlets")?.list()?.clone();
    let ids = df.column("ids")?.list()?.clone();
    let strings = |s: Option<Series>| -> Vec<String> {
        s.map(|s| {
            let mut v: Vec<String> = s.str().map(|ca| ca.iter().flatten().map(String::from).collect()).unwrap_or_default();
            v.sort();
            v
        })
        .unwrap_or_default()
    };
    let mut out = Vec::with_capacity(df.height());

    for i in 0..df.height() {
        out.push(Echoes {
            claimant: claimant.get(i).unwrap_or("unattributed").to_string(),
            quantity: Quantity::ALL[quantity.get(i).unwrap_or(0) as usize],
            low: low.get(i),
            best: best.get(i),
            high: high.get(i),
            qualifier: Qualifier::ALL[qualifier.get(i).unwrap_or(0) as usize],
            projection: projection.get(i).unwrap_or(false),
            increment: increment.get(i).unwrap_or(false),
            scope: if scope.get(i) == Some(1) { Scope::Incident } else { Scope::Total },
            period: period.get(i).unwrap_or("").to_string(),
            date: date.get(i).unwrap_or(0),
            reports: reports.get(i).unwrap_or(1),
            outlets: strings(outlets.get_as_series(i)),
            ids: strings(ids.get_as_series(i)),
        });
    }
    Ok(out)
}
