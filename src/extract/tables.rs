//! Pipe tables ("| Quelle | Datum | Entsandt | Getötet |", Markdown and plain text alike): a
//! table of estimates names the claimant in one column and the date in another, and every
//! other column's header says what its cells count. The grammar reads each cell as the fact-box
//! line "header: cell"; the claimant and reference date come from the row.

use super::fold::fold_pattern;
use crate::dates::PartialDate;
use regex::Regex;
use std::sync::OnceLock;

/// One table: the byte span of its lines, its header cells and its rows of cell spans (offsets
/// into the document text, trimmed).
#[derive(Debug)]
pub struct Table {
    pub start: usize,
    pub end: usize,
    pub header: Vec<String>,
    /// Which column names the source, and which the date, if any.
    pub source_col: Option<usize>,
    pub date_col: Option<usize>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    /// The row's line (byte span).
    pub line: (usize, usize),
    pub cells: Vec<(usize, usize)>,
}

/// The cells of a line split at its pipes, as trimmed byte spans (offset `at`); the empty
/// cells outside a leading or trailing pipe are dropped.
fn cells(line: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    let bytes = line.as_bytes();
    for i in 0..=bytes.len() {
        if i == bytes.len() || bytes[i] == b'|' {
            let raw = &line[s..i];
            let lead = raw.len() - raw.trim_start().len();
            let t = raw.trim();
            out.push((at + s + lead, at + s + lead + t.len()));
            s = i + 1;
        }
    }
    let t = line.trim();
    if t.starts_with('|') && !out.is_empty() {
        out.remove(0);
    }
    if t.ends_with('|') && !out.is_empty() {
        out.pop();
    }
    out
}

/// "|---|:--:|", "--- | ---": the line under a table's header.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '+' | '='))
}

/// The pipe tables of a document: a header line with at least two pipes, a separator line, and
/// the rows after it up to the first line without a pipe.
pub fn tables(text: &str) -> Vec<Table> {
    if !text.contains('|') {
        return Vec::new();
    }
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    let source_re = SOURCE.get_or_init(|| {
        // headers are read from the folded text, so the patterns are folded too
        Regex::new(&fold_pattern(r"(?i)^(?:quelle\w*|sources?|claimant|urheber|herkunft|wer|who|according to|laut|nach angaben (?:von|des|der)|angabe von|estimate by|schätzung von|by)\b"))
            .expect("static regex")
    });
    let date_re = DATE.get_or_init(|| {
        Regex::new(&fold_pattern(r"(?i)^(?:datum|date|stand|as of|zeitpunkt|when|wann|monat|month|published|veröffentlicht|dated?)\b"))
            .expect("static regex")
    });
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches(['\n', '\r'])));
        at += l.len();
    }
    let mut out = Vec::new();
    let mut i = 0;
    let header_of = |h: &str, h_at: usize| -> Vec<String> {
        cells(h, h_at)
            .iter()
            .map(|&(s, e)| text[s..e].trim_matches(['*', '_', ' ']).to_string())
            .collect()
    };
    while i + 1 < lines.len() {
        let (h_at, h) = lines[i];
        let pipes = h.matches('|').count();
        let separated = is_separator(lines[i + 1].1);
        // without a separator line, a header that names a source or date column and at
        // least two rows cut into as many cells ("Source | Date | Killed" over "NIS | 13 Jan
        // 2025 | about 300")
        let rows_match = |k: usize| {
            lines
                .get(k)
                .is_some_and(|(_, r)| r.matches('|').count() == pipes)
        };
        let candidate = pipes >= 2
            && !is_separator(h)
            && (separated || (rows_match(i + 1) && rows_match(i + 2)));
        let header = if candidate {
            header_of(h, h_at)
        } else {
            Vec::new()
        };
        let source_col = header.iter().position(|h| source_re.is_match(h));
        let date_col = header.iter().position(|h| date_re.is_match(h));
        let plain = source_col.is_some() || date_col.is_some();
        if candidate && (separated || plain) {
            let mut rows = Vec::new();
            let mut j = if separated { i + 2 } else { i + 1 };
            while j < lines.len() && lines[j].1.contains('|') {
                let (r_at, r) = lines[j];
                rows.push(Row {
                    line: (r_at, r_at + r.len()),
                    cells: cells(r, r_at),
                });
                j += 1;
            }
            let end = lines.get(j - 1).map_or(text.len(), |(a, l)| a + l.len());
            out.push(Table {
                start: h_at,
                end,
                header,
                source_col,
                date_col,
                rows,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// A date as tables write it: "18.10.2024", "10/2024", "02/2025", "2025-01-13", "2025-01",
/// "10.2024"; `None` for anything else (the grammar's own date reader takes over).
pub fn cell_date(s: &str) -> Option<PartialDate> {
    static D: OnceLock<Regex> = OnceLock::new();
    let d = D.get_or_init(|| {
        Regex::new(r"^(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{1,2})[./](\d{4})|(\d{4})-(\d{2})(?:-(\d{2}))?)$")
            .expect("static regex")
    });
    let t = s.trim().trim_matches(['*', '_']);
    let c = d.captures(t)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, day) = if c.get(1).is_some() {
        (n(3)?, n(2)?, n(1))
    } else if c.get(4).is_some() {
        (n(5)?, n(4)?, None)
    } else {
        (n(6)?, n(7)?, n(8))
    };
    if !(1..=12).contains(&m) || !(1900..=2100).contains(&y) {
        return None;
    }
    Some(match day {
        Some(d) if (1..=31).contains(&d) => PartialDate::ymd(y as i32, m, d),
        Some(_) => return None,
        None => PartialDate::ym(y as i32, m),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_table_with_source_and_date_columns() {
        let doc = "Intro line.\n\n| Quelle | Datum | Entsandt | Getötet |\n|---|---|---|---|\n| NIS | 13.01.2025 | ca. 11.000 | 300 |\n| Pentagon | 10/2024 | 10.000 | – |\n\nAfter.";
        let t = tables(doc);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.header, ["Quelle", "Datum", "Entsandt", "Getötet"]);
        assert_eq!(t.source_col, Some(0));
        assert_eq!(t.date_col, Some(1));
        assert_eq!(t.rows.len(), 2);
        let r = &t.rows[0];
        let cell = |i: usize| &doc[r.cells[i].0..r.cells[i].1];
        assert_eq!(cell(0), "NIS");
        assert_eq!(cell(2), "ca. 11.000");
        assert_eq!(cell(3), "300");
        assert!(doc[t.end..].starts_with("\n\nAfter"));
    }

    #[test]
    fn header_words_with_umlauts_are_found_in_folded_text() {
        let doc = super::super::fold::fold(
            "| Schätzung von | Veröffentlicht | Getötet |\n|---|---|---|\n| NIS | 2025-01 | 300 |\n",
        );
        let t = tables(&doc);
        assert_eq!(t[0].source_col, Some(0));
        assert_eq!(t[0].date_col, Some(1));
    }

    #[test]
    fn no_table_without_a_separator_line_unless_it_names_a_source_or_date() {
        assert!(tables("a | b | c\nd | e | f\n").is_empty());
        assert!(tables("no pipes at all").is_empty());
        // a byline is not a table's header
        assert!(tables("Desk | Data | 10 September 2025\n\nText.\n").is_empty());
        let doc = "Source | Date | Killed\nNIS | 13 Jan 2025 | about 300\nJCS | 14 Mar 2025 | 400\n\nAfter.";
        let t = tables(doc);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].source_col, Some(0));
        assert_eq!(t[0].rows.len(), 2);
    }

    #[test]
    fn table_dates() {
        assert_eq!(
            cell_date("18.10.2024"),
            Some(PartialDate::ymd(2024, 10, 18))
        );
        assert_eq!(cell_date("02/2025"), Some(PartialDate::ym(2025, 2)));
        assert_eq!(cell_date("2025-01-13"), Some(PartialDate::ymd(2025, 1, 13)));
        assert_eq!(cell_date("2025-04"), Some(PartialDate::ym(2025, 4)));
        assert_eq!(cell_date("13.13.2025"), None);
        assert_eq!(cell_date("Januar"), None);
    }
}
