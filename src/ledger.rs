//! The claims ledger: a Parquet file of claims kept across runs, plus a sidecar listing the
//! documents already read (by content hash). Ingesting the same articles twice is the same as
//! once; reviewed edits are never overwritten by a re-extraction.

use crate::claims::{Claim, Status};
use crate::error::{Error, Result};
use crate::io::{write_atomic, Problem};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub struct Ledger {
    pub path: PathBuf,
    pub claims: Vec<Claim>,
    /// sha256 → document name.
    pub docs: BTreeMap<String, String>,
}

fn docs_path(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(".docs.csv");
    PathBuf::from(s)
}

impl Ledger {
    /// Opens a ledger; a missing file is an empty ledger.
    pub fn open(path: &Path) -> Result<Ledger> {
        let mut l = Ledger {
            path: path.to_path_buf(),
            claims: Vec::new(),
            docs: BTreeMap::new(),
        };
        if path.exists() {
            let mut problems: Vec<Problem> = Vec::new();
            l.claims = crate::io::read_claims(path, true, &mut problems)?;
        }
        let dp = docs_path(path);
        if dp.exists() {
            let mut rdr =
                csv::Reader::from_path(&dp).map_err(|e| Error::input(&dp, None, e.to_string()))?;
            for (i, rec) in rdr.records().enumerate() {
                let rec = rec
                    .map_err(|e| Error::input(&dp, Some(i as u64 + 2), format!("bad row: {e}")))?;
                let (Some(sha), Some(doc)) = (rec.get(0), rec.get(1)) else {
                    return Err(Error::input(&dp, Some(i as u64 + 2), "expected sha256,doc"));
                };
                l.docs.insert(sha.to_string(), doc.to_string());
            }
        }
        Ok(l)
    }

    pub fn seen(&self) -> BTreeSet<String> {
        self.docs.keys().cloned().collect()
    }

    /// Adds claims not already in the ledger (by id); returns how many were new.
    pub fn add(&mut self, claims: Vec<Claim>) -> usize {
        let have: BTreeSet<String> = self.claims.iter().map(|c| c.id.clone()).collect();
        let mut n = 0;
        for c in claims {
            if !have.contains(&c.id) {
                self.claims.push(c);
                n += 1;
            }
        }
        n
    }

    /// Writes the claims (Parquet) and the document list, each atomically.
    pub fn save(&mut self) -> Result<()> {
        self.claims
            .sort_by(|a, b| (&a.doc, a.start, &a.id).cmp(&(&b.doc, b.start, &b.id)));
        let bytes = crate::table::claims_to_parquet(&self.claims)?;
        write_atomic(&self.path, &bytes)?;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["sha256", "doc"])
            .map_err(|e| Error::other(e.to_string()))?;
        for (sha, doc) in &self.docs {
            w.write_record([sha, doc])
                .map_err(|e| Error::other(e.to_string()))?;
        }
        let docs = w.into_inner().map_err(|e| Error::other(e.to_string()))?;
        write_atomic(&docs_path(&self.path), &docs)
    }

    /// Applies a review CSV (the claims CSV with `status` set to accepted, rejected or
    /// corrected, and corrected fields edited). Returns (accepted, rejected, corrected).
    pub fn apply_review(&mut self, csv_path: &Path) -> Result<(usize, usize, usize)> {
        let mut problems = Vec::new();
        let bytes = std::fs::read(csv_path).map_err(|e| Error::io(csv_path, e))?;
        let rows = crate::io::parse_claims(
            &bytes,
            crate::io::ClaimsFormat::Csv,
            csv_path,
            true,
            &mut problems,
        )?;
        let index: BTreeMap<String, usize> = self
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let (mut acc, mut rej, mut cor) = (0, 0, 0);
        for (i, row) in rows.into_iter().enumerate() {
            let Some(&k) = index.get(&row.id) else {
                return Err(Error::input(
                    csv_path,
                    Some(i as u64 + 2),
                    format!(
                        "claim id {:?} is not in the ledger {}",
                        row.id,
                        self.path.display()
                    ),
                ));
            };
            let c = &mut self.claims[k];
            let edited = c.quantity != row.quantity
                || c.low != row.low
                || c.high != row.high
                || c.best != row.best
                || c.qualifier != row.qualifier
                || c.claimant != row.claimant
                || c.ref_date != row.ref_date
                || c.projection != row.projection
                || c.increment != row.increment
                || c.scope != row.scope;
            match row.status {
                Status::Rejected => {
                    if c.status != Status::Rejected {
                        rej += 1;
                    }
                    c.status = Status::Rejected;
                }
                _ if edited || row.status == Status::Corrected => {
                    c.quantity = row.quantity;
                    c.low = row.low;
                    c.high = row.high;
                    c.best = row.best;
                    c.qualifier = row.qualifier;
                    c.claimant = row.claimant;
                    c.ref_date = row.ref_date;
                    c.projection = row.projection;
                    c.increment = row.increment;
                    c.scope = row.scope;
                    c.status = Status::Corrected;
                    cor += 1;
                }
                Status::Accepted => {
                    if c.status != Status::Accepted {
                        acc += 1;
                    }
                    c.status = Status::Accepted;
                }
                _ => {}
            }
        }
        Ok((acc, rej, cor))
    }
}
