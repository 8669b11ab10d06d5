//! Articles: text plus metadata, and the readers for every input form (txt, md, html,
//! jsonl, front matter, manifest). Nothing here knows about claims.

use crate::dates::PartialDate;
use crate::error::{Error, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One document to extract from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The file's path relative to the folder given, the file name, or the JSONL record's id.
    pub doc: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// ISO date at the precision known.
    pub published: Option<String>,
    /// `de` or `en`.
    pub lang: String,
    pub title: Option<String>,
    pub text: String,
    /// Where the text came from (for messages).
    pub origin: String,
    /// Byte offset of `text` inside the whole document (non-zero for chunks of huge files).
    pub base_offset: usize,
}

/// Metadata for one file from a manifest.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ManifestRow {
    pub file: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

/// A manifest: `file,url,publisher,published` (extra columns ignored), `file` relative to it.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    by_path: HashMap<PathBuf, ManifestRow>,
    by_name: HashMap<String, ManifestRow>,
}

impl Manifest {
    pub fn read(path: &Path) -> Result<Manifest> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Manifest::parse(&bytes, path)
    }

    /// Parses manifest CSV bytes; `path` names the file in messages and anchors relative names.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Manifest> {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(path, None, format!("cannot read the header: {e}")))?
            .clone();
        if !headers.iter().any(|h| h == "file") {
            return Err(Error::input(
                path,
                Some(1),
                "the header has no `file` column (expected file,url,publisher,published)",
            ));
        }
        let mut m = Manifest::default();
        for (i, rec) in rdr.records().enumerate() {
            let line = i as u64 + 2;
            let rec =
                rec.map_err(|e| Error::input(path, Some(line), format!("bad CSV row: {e}")))?;
            let row: ManifestRow = rec
                .deserialize(Some(&headers))
                .map_err(|e| Error::input(path, Some(line), format!("bad row: {e}")))?;
            if row.file.is_empty() {
                return Err(Error::input(path, Some(line), "empty `file`"));
            }
            let row = ManifestRow {
                url: row.url.filter(|s| !s.is_empty()),
                publisher: row.publisher.filter(|s| !s.is_empty()),
                published: match row.published.filter(|s| !s.is_empty()) {
                    Some(p) => Some(
                        PartialDate::parse(&p)
                            .map_err(|e| Error::input(path, Some(line), format!("published: {e}")))?
                            .to_string(),
                    ),
                    None => None,
                },
                lang: row.lang.filter(|s| !s.is_empty()),
                file: row.file,
            };
            let name = Path::new(&row.file)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            m.by_path
                .insert(normalize(&dir.join(&row.file)), row.clone());
            m.by_name.insert(name, row);
        }
        Ok(m)
    }

    pub fn lookup(&self, file: &Path) -> Option<&ManifestRow> {
        self.by_path.get(&normalize(file)).or_else(|| {
            let name = file.file_name()?.to_string_lossy().to_string();
            self.by_name.get(&name)
        })
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

fn normalize(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.components().collect())
}

/// A problem with one input that did not stop the run.
#[derive(Debug, Clone)]
pub struct Warning(pub String);

/// Files with these endings are read when a folder is given.
pub const TEXT_EXTENSIONS: [&str; 5] = ["txt", "md", "html", "htm", "markdown"];

/// Lists the documents a set of paths names, in a stable order.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push((p.clone(), "stdin".to_string()));
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files).map_err(|e| Error::io(p, e))?;
            files.sort();
            for f in files {
                let rel = f
                    .strip_prefix(p)
                    .unwrap_or(&f)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((f, rel));
            }
        } else {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| p.display().to_string());
            out.push((p.clone(), name));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if ft.is_file() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if TEXT_EXTENSIONS.contains(&ext.as_str()) && !is_sidecar(&path) {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// README and similar files beside a corpus are not articles.
fn is_sidecar(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "FACTS" | "STYLE"
    )
}

/// Decodes bytes as UTF-8, lossily; says so when it had to replace anything.
pub fn decode(bytes: Vec<u8>, origin: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        warnings.push(Warning(format!(
            "{origin}: skipped: binary file (NUL bytes)"
        )));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            warnings.push(Warning(format!(
                "{origin}: not valid UTF-8 (first bad byte at offset {valid}); read lossily"
            )));
            Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}

/// Turns one file's bytes into an article (front matter, HTML, inference of what's missing).
pub fn from_bytes(
    bytes: Vec<u8>,
    doc: String,
    origin: &str,
    ext: &str,
    manifest: Option<&ManifestRow>,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let raw = decode(bytes, origin, warnings)?;
    let mut a = Article {
        doc,
        origin: origin.to_string(),
        ..Default::default()
    };
    let body = if ext == "html" || ext == "htm" || looks_like_html(&raw) {
        let meta = html_meta(&raw);
        a.title = meta.title;
        a.url = meta.url;
        a.publisher = meta.publisher;
        a.published = meta.published;
        if let Some(l) = meta.lang {
            a.lang = l;
        }
        html_to_text(&raw)
    } else {
        let (fm, body) = split_front_matter(&raw);
        let body = body.to_string();
        for (k, v) in fm {
            match k.as_str() {
                "url" | "link" => a.url = Some(v),
                "publisher" | "outlet" | "source" => a.publisher = Some(v),
                "published" | "date" => {
                    a.published = PartialDate::parse(&v).ok().map(|d| d.to_string())
                }
                "lang" | "language" => a.lang = v,
                "title" => a.title = Some(v),
                _ => {}
            }
        }
        body
    };
    // Text after front matter keeps the document's byte offsets (it is the document's tail);
    // text converted from HTML has offsets of its own.
    a.base_offset = if ext == "html" || ext == "htm" || looks_like_html(&raw) {
        0
    } else {
        raw.len().saturating_sub(body.len())
    };
    a.text = body;
    if let Some(m) = manifest {
        a.url = m.url.clone().or(a.url);
        a.publisher = m.publisher.clone().or(a.publisher);
        a.published = m.published.clone().or(a.published);
        if let Some(l) = &m.lang {
            a.lang = l.clone();
        }
    }
    infer_missing(&mut a);
    Some(a)
}

fn looks_like_html(s: &str) -> bool {
    let head = s
        .trim_start()
        .get(..200.min(s.trim_start().len()))
        .unwrap_or("")
        .to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Splits `---\nkey: value\n---\n` front matter off the top of a text.
pub fn split_front_matter(raw: &str) -> (Vec<(String, String)>, &str) {
    let trimmed = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let Some(rest) = trimmed
        .strip_prefix("---\n")
        .or_else(|| trimmed.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), raw);
    };
    let Some(end) = rest.find("\n---") else {
        return (Vec::new(), raw);
    };
    let block = &rest[..end];
    let after = &rest[end + 4..];
    let after = after.strip_prefix('\r').unwrap_or(after);
    let after = after.strip_prefix('\n').unwrap_or(after);
    let mut kv = Vec::new();
    for line in block.lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
            if !v.is_empty() {
                kv.push((k.trim().to_lowercase(), v));
            }
        }
    }
    (kv, after)
}

struct HtmlMeta {
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    lang: Option<String>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static regex"))
}

fn html_meta(raw: &str) -> HtmlMeta {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    static META: OnceLock<Regex> = OnceLock::new();
    static CANON: OnceLock<Regex> = OnceLock::new();
    static LANG: OnceLock<Regex> = OnceLock::new();
    let mut cut = raw.len().min(64 * 1024);
    while !raw.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &raw[..cut];
    let title = re(&TITLE, r"(?is)<title[^>]*>(.*?)</title>")
        .captures(head)
        .map(|c| c[1].trim().to_string());
    let mut m = HtmlMeta {
        title,
        url: None,
        publisher: None,
        published: None,
        lang: None,
    };
    for c in re(&META, r#"(?is)<meta\s+[^>]*?(?:property|name)\s*=\s*["']([^"']+)["'][^>]*?content\s*=\s*["']([^"']*)["']"#).captures_iter(head) {
        let (k, v) = (c[1].to_lowercase(), c[2].trim().to_string());
        match k.as_str() {
            "og:site_name" | "publisher" => m.publisher = m.publisher.or(Some(v)),
            "og:url" => m.url = m.url.or(Some(v)),
            "article:published_time" | "date" | "pubdate" | "dc.date" => {
                m.published = m.published.or(PartialDate::parse(&v).ok().map(|d| d.to_string()))
            }
            _ => {}
        }
    }
    if m.published.is_none() {
        // JSON-LD ("datePublished": "2025-02-14T08:15:00+01:00") or the first <time datetime>
        static LD: OnceLock<Regex> = OnceLock::new();
        static TIME: OnceLock<Regex> = OnceLock::new();
        let found = re(&LD, r#"(?is)"datePublished"\s*:\s*"([^"]+)""#)
            .captures(head)
            .or_else(|| {
                re(
                    &TIME,
                    r#"(?is)<time\s+[^>]*datetime\s*=\s*["']([^"']+)["']"#,
                )
                .captures(head)
            });
        m.published =
            found.and_then(|c| PartialDate::parse(c[1].trim()).ok().map(|d| d.to_string()));
    }
    if m.url.is_none() {
        m.url = re(
            &CANON,
            r#"(?is)<link\s+[^>]*rel\s*=\s*["']canonical["'][^>]*href\s*=\s*["']([^"']+)["']"#,
        )
        .captures(head)
        .map(|c| c[1].to_string());
    }
    m.lang = re(&LANG, r#"(?is)<html[^>]*\slang\s*=\s*["']([a-zA-Z]{2})"#)
        .captures(head)
        .map(|c| c[1].to_lowercase());
    m
}

/// Line width for HTML to text. Wide enough that sentences rarely wrap (wrapped lines are
/// joined again by the sentence splitter).
const HTML_WIDTH: usize = 1000;

/// HTML to plain text: scripts, styles, navigation, headers, footers and asides dropped.
pub fn html_to_text(raw: &str) -> String {
    static DROP: OnceLock<Regex> = OnceLock::new();
    static H1: OnceLock<Regex> = OnceLock::new();
    // a page's <header> is mostly its masthead and menu, but an article's header holds its
    // headline: the <h1> is kept
    let h1 = re(&H1, r"(?is)<h1\b[^>]*>.*?</h1\s*>");
    let cleaned = re(&DROP, r"(?is)<(script|style|nav|header|footer|aside|noscript|form|iframe|svg)\b[^>]*>.*?</(script|style|nav|header|footer|aside|noscript|form|iframe|svg)\s*>")
        .replace_all(raw, |c: &regex::Captures| {
            if c[1].eq_ignore_ascii_case("header") {
                let kept: Vec<&str> = h1.find_iter(&c[0]).map(|m| m.as_str()).collect();
                format!(" {} ", kept.join(" "))
            } else {
                " ".to_string()
            }
        });
    let cleaned = tables_to_pipes(&cleaned);
    let text = html2text::config::plain()
        .string_from_read(cleaned.as_bytes(), HTML_WIDTH)
        .unwrap_or_else(|_| cleaned.to_string());
    // html2text keeps link targets as footnotes; a news claim never lives there.
    text.lines()
        .filter(|l| !l.trim_start().starts_with("[") || !l.contains("]: "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// HTML tables as pipe tables ("| Quelle | Stand | Entsandt |", a separator line under the
/// first row) in a `<pre>` block, so that the extractor reads them as tables: a column's header
/// then says what its cells count.
fn tables_to_pipes(html: &str) -> String {
    static TABLE: OnceLock<Regex> = OnceLock::new();
    static ROW: OnceLock<Regex> = OnceLock::new();
    static CELL: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let table = re(&TABLE, r"(?is)<table\b[^>]*>(.*?)</table\s*>");
    if !table.is_match(html) {
        return html.to_string();
    }
    let row = re(&ROW, r"(?is)<tr\b[^>]*>(.*?)</tr\s*>");
    let cell = re(&CELL, r"(?is)<t[hd]\b[^>]*>(.*?)</t[hd]\s*>");
    let tag = re(&TAG, r"(?s)<[^>]*>");
    table
        .replace_all(html, |c: &regex::Captures| {
            let mut out = String::from("<pre>\n");
            for (i, r) in row.captures_iter(&c[1]).enumerate() {
                let cells: Vec<String> = cell
                    .captures_iter(&r[1])
                    .map(|x| {
                        let t = tag.replace_all(&x[1], " ");
                        t.split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .replace('|', "/")
                    })
                    .collect();
                if cells.is_empty() {
                    continue;
                }
                out.push_str("| ");
                out.push_str(&cells.join(" | "));
                out.push_str(" |\n");
                if i == 0 {
                    out.push_str(&"|---".repeat(cells.len()));
                    out.push_str("|\n");
                }
            }
            out.push_str("</pre>");
            out
        })
        .into_owned()
}

/// Fills publisher, published and lang from the text where metadata left them empty.
pub fn infer_missing(a: &mut Article) {
    static COPY: OnceLock<Regex> = OnceLock::new();
    static VISIT: OnceLock<Regex> = OnceLock::new();
    if a.publisher.is_none() {
        let tail = tail(&a.text, 4000);
        a.publisher = re(&VISIT, r"(?i)(?:besuchen sie uns auf|visit us (?:at|on)|mehr auf|more at)\s*:?\s*((?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+)")
            .captures(tail)
            .map(|c| c[1].trim_start_matches("www.").to_string())
            .or_else(|| {
                re(&COPY, r"©\s*(?:copyright\s*)?([A-ZÄÖÜ][\w\.\- ]{1,40}?)\s*[-–|,]\s*(?:19|20)\d\d")
                    .captures(tail)
                    .map(|c| c[1].trim().to_string())
            });
    }
    if a.lang.is_empty() {
        a.lang = detect_lang(&a.text).to_string();
    }
}

fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// German or English, by counting common function words.
pub fn detect_lang(text: &str) -> &'static str {
    const DE: [&str; 14] = [
        "der", "die", "das", "und", "nicht", "mit", "sind", "wurden", "nach", "laut", "ist",
        "sich", "auf", "des",
    ];
    const EN: [&str; 14] = [
        "the", "and", "of", "to", "said", "were", "with", "has", "have", "that", "is", "by",
        "from", "was",
    ];
    let (mut de, mut en) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()).take(3000) {
        let w = w.to_lowercase();
        de += DE.contains(&w.as_str()) as usize;
        en += EN.contains(&w.as_str()) as usize;
    }
    if de > en {
        "de"
    } else {
        "en"
    }
}

/// One article of a JSONL articles file.
#[derive(Debug, Deserialize)]
pub struct JsonArticle {
    pub id: Option<serde_json::Value>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
}

/// Converts one JSONL article record; the error names the problem, the caller adds file and line.
pub fn from_json_record(line: &str, origin: &str) -> std::result::Result<Article, String> {
    let j: JsonArticle =
        serde_json::from_str(line).map_err(|e| format!("not an article record: {e}"))?;
    let text = j.text.ok_or("the record has no `text`")?;
    let doc = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v @ serde_json::Value::Number(_)) => v.to_string(),
        _ => return Err("the record has no `id`".into()),
    };
    let published = match j.published.filter(|s| !s.is_empty()) {
        Some(p) => Some(
            PartialDate::parse(&p)
                .map_err(|e| format!("published: {e}"))?
                .to_string(),
        ),
        None => None,
    };
    let mut a = Article {
        doc,
        url: j.url,
        publisher: j.publisher,
        published,
        lang: j.lang.unwrap_or_default(),
        title: j.title,
        text,
        origin: origin.to_string(),
        base_offset: 0,
    };
    infer_missing(&mut a);
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn front_matter_and_inference() {
        let (kv, body) =
            split_front_matter("---\npublisher: x.example\npublished: 2024-10-18\n---\nBody");
        assert_eq!(kv.len(), 2);
        assert_eq!(body, "Body");
        let mut a = Article {
            text: "Die Soldaten sind nach Russland.\n©Tiroler Zeitung - 2025".into(),
            ..Default::default()
        };
        infer_missing(&mut a);
        assert_eq!(a.publisher.as_deref(), Some("Tiroler Zeitung"));
        assert_eq!(a.lang, "de");
        let mut b = Article {
            text: "The troops said.\nBesuchen Sie uns auf: n-ag.de".into(),
            ..Default::default()
        };
        infer_missing(&mut b);
        assert_eq!(b.publisher.as_deref(), Some("n-ag.de"));
    }

    #[test]
    fn html_tables_become_pipe_tables() {
        let t = html_to_text(
            "<p>Intro.</p><table><tr><th>Quelle</th><th>Entsandt</th></tr>\
             <tr><td><b>NIS</b></td><td>ca. 11.000</td></tr>\
             <tr><td>A | B</td><td>10.000</td></tr></table><p>End.</p>",
        );
        let lines: Vec<&str> = t
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('|'))
            .collect();
        assert_eq!(
            lines,
            [
                "| Quelle | Entsandt |",
                "|---|---|",
                "| NIS | ca. 11.000 |",
                "| A / B | 10.000 |"
            ],
            "{t}"
        );
    }

    #[test]
    fn html_drops_scripts_and_nav() {
        let t = html_to_text("<html><head><script>var x = 5000;</script></head><body><nav>Home 1 2 3</nav><p>About 3,000 troops.</p></body></html>");
        assert!(t.contains("About 3,000 troops."));
        assert!(!t.contains("5000"));
        assert!(!t.contains("Home"));
    }

    #[test]
    fn html_header_keeps_its_headline_and_json_ld_gives_the_date() {
        let raw = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-02-14T08:15:00+01:00"}</script></head>
<body><header><a href="/">Site 24</a><h1>Nordkorea schickt 3.000 weitere Soldaten</h1><p>Menu 1 2 3</p></header><p>Body.</p></body></html>"#;
        let t = html_to_text(raw);
        assert!(
            t.contains("Nordkorea schickt 3.000 weitere Soldaten"),
            "{t}"
        );
        assert!(!t.contains("Menu") && !t.contains("Site 24"), "{t}");
        assert_eq!(html_meta(raw).published.as_deref(), Some("2025-02-14"));
        let timed = r#"<html><body><time class="d" datetime="2024-12-23T10:00">23.12.</time></body></html>"#;
        assert_eq!(html_meta(timed).published.as_deref(), Some("2024-12-23"));
    }
}
