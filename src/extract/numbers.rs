//! Figures in running text: digits with any separator, number words (German compounds and
//! English phrases), shared scales ("elf- bis zwölftausend", "10 to 12 thousand"), ranges and
//! vague quantities ("several hundred", "Zehntausende"). No knowledge of what is counted.

use regex::Regex;
use std::sync::OnceLock;

/// How a figure is stated, before context adds a qualifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One number.
    Point,
    /// Two numbers: "11.000 bis 12.000".
    Range,
    /// A vague amount with a conventional interval: "several hundred".
    Vague,
}

/// One figure found in a text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    pub low: f64,
    pub high: f64,
    pub shape: Shape,
    /// Written in digits (as opposed to words).
    pub digits: bool,
    /// A bare four-digit number between 1900 and 2100 with no separator: a year unless context
    /// says it is a count.
    pub year_like: bool,
    /// Text of the first number as written.
    pub raw: String,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&super::fold::fold_pattern(pat)).expect("static regex"))
}

/// Scale words after a number.
fn scale_of(word: &str) -> Option<f64> {
    match word.to_lowercase().trim_end_matches('.') {
        "tausend" | "thousand" | "k" | "tsd" => Some(1e3),
        "million" | "millionen" | "mio" | "mln" | "m" => Some(1e6),
        "milliarde" | "milliarden" | "mrd" | "billion" => Some(1e9),
        "hundert" | "hundred" => Some(1e2),
        _ => None,
    }
}

const DE_UNITS: [(&str, u32); 20] = [
    ("null", 0),
    ("eins", 1),
    ("ein", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fuenf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwoelf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("fuenfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
];
const DE_MORE: [(&str, u32); 10] = [
    ("neunzehn", 19),
    ("zwanzig", 20),
    ("dreissig", 30),
    ("vierzig", 40),
    ("fuenfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
    ("eine", 1),
];

/// Parses a German number word, compounds included ("zweitausendfünfhundert", "zwölftausend").
pub fn parse_de_word(w: &str) -> Option<u64> {
    let w = w.to_lowercase();
    if w.is_empty() {
        return None;
    }
    // the genitive: "die Gefangennahme zweier Soldaten"
    match w.as_str() {
        "zweier" => return Some(2),
        "dreier" => return Some(3),
        _ => {}
    }
    fn below_100(s: &str) -> Option<(u64, usize)> {
        // longest unit or tens word at the start, with "…und…zig"
        let mut best: Option<(u64, usize)> = None;
        for (word, v) in DE_UNITS.iter().chain(DE_MORE.iter()) {
            if s.starts_with(word) && best.is_none_or(|(_, l)| word.len() > l) {
                best = Some((*v as u64, word.len()));
            }
        }
        let (v, l) = best?;
        // einundzwanzig
        if v < 10 {
            if let Some(rest) = s[l..].strip_prefix("und") {
                for (word, t) in DE_MORE.iter() {
                    if *t >= 20 && rest.starts_with(word) {
                        return Some((v + *t as u64, l + 3 + word.len()));
                    }
                }
            }
        }
        Some((v, l))
    }
    fn parse(s: &str) -> Option<u64> {
        if s.is_empty() {
            return Some(0);
        }
        if let Some(pos) = s.find("tausend") {
            let head = &s[..pos];
            let h = if head.is_empty() {
                1
            } else {
                parse_below_1000(head)?
            };
            let tail = parse(&s[pos + 7..])?;
            return h.checked_mul(1000)?.checked_add(tail);
        }
        parse_below_1000(s)
    }
    fn parse_below_1000(s: &str) -> Option<u64> {
        if let Some(pos) = s.find("hundert") {
            let head = &s[..pos];
            let h = if head.is_empty() {
                1
            } else {
                below_100(head).filter(|(_, l)| *l == head.len())?.0
            };
            let rest = &s[pos + 7..];
            let rest = rest.strip_prefix("und").unwrap_or(rest);
            let t = if rest.is_empty() {
                0
            } else {
                below_100(rest).filter(|(_, l)| *l == rest.len())?.0
            };
            return h.checked_mul(100)?.checked_add(t);
        }
        below_100(s).filter(|(_, l)| *l == s.len()).map(|(v, _)| v)
    }
    parse(&w)
}

const EN_WORDS: [(&str, u64); 28] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("zero", 0),
];

fn en_small(w: &str) -> Option<u64> {
    let w = w.to_lowercase();
    if let Some((a, b)) = w.split_once('-') {
        let a = EN_WORDS.iter().find(|(x, _)| *x == a)?.1;
        let b = EN_WORDS.iter().find(|(x, _)| *x == b)?.1;
        return (a >= 20 && a % 10 == 0 && b < 10).then_some(a + b);
    }
    EN_WORDS.iter().find(|(x, _)| *x == w).map(|(_, v)| *v)
}

/// A word token with its byte span.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Word and number tokens: `[\p{L}][\p{L}\-]*|\d[\d.,']*` on folded text, scanned by hand.
fn word_tokens(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let s = i;
        if c.is_ascii_alphabetic() {
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
                i += 1;
            }
        } else if c.is_ascii_digit() {
            i += 1;
            while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b',' | b'\'')) {
                i += 1;
            }
        } else {
            i += 1;
            continue;
        }
        out.push(Tok {
            start: s,
            end: i,
            text: &text[s..i],
        });
    }
    out
}

/// A cheap test: can `text` hold a figure at all (a digit or a number word)?
pub fn may_have_figures(text: &str) -> bool {
    // a set of literals on folded (ASCII) text: an automaton, not a case-blind regex, whose
    // Unicode case folding leaves it no fast literal search
    static W: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    text.bytes().any(|b| b.is_ascii_digit())
        || literals(
            &W,
            &[
                "ein", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun", "zehn",
                "elf", "zwoelf", "zwanzig", "ssig", "zig", "hundert", "tausend", "one", "two",
                "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                "eighty", "ninety", "hundred", "thousand", "dozen", "beiden", "both",
            ],
        )
        .is_match(text)
}

/// A case-blind (ASCII) automaton for a list of literals, built once.
pub(crate) fn literals(
    cell: &'static OnceLock<aho_corasick::AhoCorasick>,
    words: &[&str],
) -> &'static aho_corasick::AhoCorasick {
    cell.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // a full DFA: the words' letters are everywhere in text, so no prefilter helps
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build(words)
            .expect("static word list")
    })
}

/// Finds every figure in `text`. Offsets are into `text`.
pub fn find_figures(text: &str, lang: &str) -> Vec<Figure> {
    let mut figs = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    vague(text, &mut figs, &mut taken);
    digits(text, lang, &mut figs, &mut taken);
    words(text, &mut figs, &mut taken);
    // a figure no report could mean ("1e400", a 30-digit run) is noise, not a count
    figs.retain(|f| f.low.is_finite() && f.high.is_finite() && f.high <= 1e12);
    figs.sort_by_key(|f| f.start);
    ranges(text, figs)
}

fn overlaps(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    taken.iter().any(|&(a, b)| s < b && a < e)
}

/// Vague amounts and their conventional intervals.
fn vague(text: &str, out: &mut Vec<Figure>, taken: &mut Vec<(usize, usize)>) {
    static V: OnceLock<Regex> = OnceLock::new();
    static SCALE_WORD: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    // every vague amount has one of these words: most sentences are passed over in one search
    if !literals(
        &SCALE_WORD,
        &[
            "hundert", "hundred", "tausend", "thousand", "dozen", "dutzend",
        ],
    )
    .is_match(text)
    {
        return;
    }
    let r = re(
        &V,
        r"(?i)\b(?:(tens\s+of\s+thousands|zehntausende[nr]?)|(hunderttausende[nr]?|hundreds\s+of\s+thousands)|(a\s+couple\s+(?:of\s+)?hundred|ein\s+paar\s+hundert)|((?:several|a\s+few|some)\s+hundred|(?:mehrere[nm]?|einige[nm]?|ein\s+paar)\s+hundert|hunderte[nr]?|hundreds)|((?:several|a\s+few|some)\s+thousand|(?:mehrere[nm]?|einige[nm]?|ein\s+paar)\s+tausend|tausende[nr]?|thousands)|(dozens|dutzende[nr]?|(?:several|a\s+few)\s+dozen|(?:mehrere[nm]?|einige[nm]?)\s+dutzend))\b",
    );
    for c in r.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (low, high) = if c.get(1).is_some() {
            (20_000.0, 90_000.0)
        } else if c.get(2).is_some() {
            (200_000.0, 900_000.0)
        } else if c.get(3).is_some() {
            (200.0, 300.0)
        } else if c.get(4).is_some() {
            (200.0, 900.0)
        } else if c.get(5).is_some() {
            (2_000.0, 9_000.0)
        } else {
            (24.0, 99.0)
        };
        taken.push((m.start(), m.end()));
        out.push(Figure {
            start: m.start(),
            end: m.end(),
            low,
            high,
            shape: Shape::Vague,
            digits: false,
            year_like: false,
            raw: m.as_str().to_string(),
        });
    }
}

/// Numbers written in digits, with the separator decided per number.
fn digits(text: &str, lang: &str, out: &mut Vec<Figure>, taken: &mut Vec<(usize, usize)>) {
    static D: OnceLock<Regex> = OnceLock::new();
    static SCALE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &D,
        r"\d{1,3}(?:(?:[.,]|'{1,3}|\x20{1,3})\d{3})+(?:[.,]\d{1,2})?\b|\d+(?:[.,]\d+)?",
    );
    let scale_re = re(
        &SCALE,
        r"(?i)^(?:[\s\u{a0}]*)(tausend|thousand|millionen|million|mio\.?|milliarden|milliarde|billion|k)\b",
    );
    for m in r.find_iter(text) {
        let (s, mut e) = (m.start(), m.end());
        // not part of a word or a longer token ("A320", "3D", "T-90")
        let before = text[..s].chars().next_back();
        if before.is_some_and(|c| c.is_alphabetic() || c == '_') {
            continue;
        }
        // a designation with a hyphen: "KN-23", "Su-25", "F-16", "COVID-19", "mid-2024"
        if before == Some('-')
            && text[..s - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic())
        {
            continue;
        }
        let raw = m.as_str();
        let after = &text[e..];
        let scale = scale_re
            .captures(after)
            .map(|c| (c.get(0).unwrap().end(), scale_of(&c[1]).unwrap_or(1.0)));
        let Some(mut v) = parse_digits(raw, lang, scale.is_some()) else {
            continue;
        };
        if let Some((len, f)) = scale {
            v *= f;
            e += len;
        }
        let year_like = scale.is_none()
            && raw.len() == 4
            && raw.bytes().all(|b| b.is_ascii_digit())
            && (1900.0..=2100.0).contains(&v);
        if overlaps(taken, s, e) {
            continue;
        }
        taken.push((s, e));
        out.push(Figure {
            start: s,
            end: e,
            low: v,
            high: v,
            shape: Shape::Point,
            digits: true,
            year_like,
            raw: raw.to_string(),
        });
    }
}

/// Reads a digit string. A separator followed by exactly three digits groups thousands, unless
/// a scale word follows and the separator is the language's decimal mark ("1,5 Millionen",
/// "1.5 million"); one or two digits after a separator are decimals.
pub fn parse_digits(raw: &str, lang: &str, scaled: bool) -> Option<f64> {
    // digit groups and the separator runs between them (a folded "10’000" reads "10'''000")
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = None;
    for (i, c) in raw.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
        } else if let Some(s0) = start.take() {
            groups.push(&raw[s0..i]);
            seps.push(c);
        }
    }
    if let Some(s0) = start {
        groups.push(&raw[s0..]);
    }
    if groups.len() <= 1 {
        return groups.first()?.parse().ok();
    }
    let last = groups.last()?;
    let last_sep = *seps.last()?;
    let decimal_mark = if lang == "de" { ',' } else { '.' };
    let is_decimal_tail =
        last.len() != 3 || (scaled && groups.len() == 2 && last_sep == decimal_mark);
    if is_decimal_tail && !matches!(last_sep, '.' | ',') {
        return None;
    }
    let mut s = String::new();
    for (i, g) in groups.iter().enumerate() {
        if i + 1 == groups.len() && is_decimal_tail {
            s.push('.');
        }
        s.push_str(g);
    }
    s.parse().ok()
}

/// Numbers written in words.
fn words(text: &str, out: &mut Vec<Figure>, taken: &mut Vec<(usize, usize)>) {
    // only tokens that can start a number word are looked at closely
    static CAND: OnceLock<Regex> = OnceLock::new();
    let cand = re(
        &CAND,
        r"(?i)\b(?:an?\s+(?:dozen|hundred|thousand)|both|beiden|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend)[a-z]*-?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
    );
    let starts: Vec<usize> = cand.find_iter(text).map(|m| m.start()).collect();
    if starts.is_empty() {
        return;
    }
    let toks = word_tokens(text);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if starts.binary_search(&t.start).is_err() || overlaps(taken, t.start, t.end) {
            i += 1;
            continue;
        }
        let lower = t.text.to_lowercase();
        // "a dozen", "a hundred", "a thousand"
        if (lower == "a" || lower == "an" || lower == "ein") && i + 1 < toks.len() {
            let n = toks[i + 1].text.to_lowercase();
            let v = match n.as_str() {
                "dozen" | "dutzend" => Some(12.0),
                "hundred" => Some(100.0),
                "thousand" => Some(1000.0),
                _ => None,
            };
            if let Some(v) = v {
                let e = toks[i + 1].end;
                taken.push((t.start, e));
                out.push(Figure {
                    start: t.start,
                    end: e,
                    low: v,
                    high: v,
                    shape: Shape::Point,
                    digits: false,
                    year_like: false,
                    raw: text[t.start..e].to_string(),
                });
                i += 2;
                continue;
            }
        }
        let next_is_noun = || {
            toks.get(i + 1)
                .is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase))
                || toks.get(i + 1).is_some_and(|n| {
                    !matches!(
                        n.text.to_lowercase().as_str(),
                        "the"
                        | "of"
                        | "and"
                        | "sides"
                        | "countries"
                        | "dead"
                        // "die beiden an Kim übergeben": the two already spoken of
                        | "an"
                        | "auf"
                        | "in"
                        | "im"
                        | "zu"
                        | "mit"
                        | "von"
                        | "bei"
                        | "nach"
                        | "aus"
                        | "gegen"
                        | "seien"
                        | "sind"
                        | "waren"
                        | "wurden"
                        | "haben"
                        | "hatten"
                        | "to"
                        | "at"
                        | "on"
                        | "with"
                        | "from"
                        | "were"
                        | "are"
                        | "have"
                        | "had"
                        | "und"
                    )
                })
        };
        // "both Moscow and Pyongyang": a pair of things joined, not a count
        let both_and = || {
            lower == "both"
                && text[t.end..]
                    .split_whitespace()
                    .take(4)
                    .any(|w| w.eq_ignore_ascii_case("and"))
        };
        if (lower == "beiden" || lower == "both")
            && next_is_noun()
            && !text[t.end..]
                .trim_start()
                .to_lowercase()
                .starts_with("and ")
            && !both_and()
        {
            taken.push((t.start, t.end));
            out.push(Figure {
                start: t.start,
                end: t.end,
                low: 2.0,
                high: 2.0,
                shape: Shape::Point,
                digits: false,
                year_like: false,
                raw: t.text.to_string(),
            });
            i += 1;
            continue;
        }
        // English: a run of number words ("six thousand and nine", "three-thousand")
        let mut j = i;
        let mut total = 0u64;
        let mut current = 0u64;
        let mut any = false;
        let mut end = t.end;
        while j < toks.len() {
            // "eleven, twelve thousand": a comma ends a run of number words
            if j > i && text[toks[j - 1].end..toks[j].start].contains(',') {
                break;
            }
            let w = toks[j].text.to_lowercase();
            let (w, trailing) = match w.split_once('-') {
                Some((a, b)) if scale_of(b).is_some() => (a.to_string(), Some(b.to_string())),
                _ => (w, None),
            };
            if let Some(v) = en_small(&w) {
                current = current.saturating_add(v);
                any = true;
                end = toks[j].end;
                if let Some(sc) = trailing {
                    let f = scale_of(&sc).unwrap_or(1.0) as u64;
                    total = total.saturating_add(current.max(1).saturating_mul(f));
                    current = 0;
                }
            } else if any && (w == "hundred") {
                current = current.max(1).saturating_mul(100);
                end = toks[j].end;
            } else if any && (w == "thousand" || w == "million") {
                let f = if w == "thousand" { 1000 } else { 1_000_000 };
                total = total.saturating_add(current.max(1).saturating_mul(f));
                current = 0;
                end = toks[j].end;
            } else if any
                && w == "and"
                && j + 1 < toks.len()
                && en_small(&toks[j + 1].text.to_lowercase()).is_some()
                && total > 0
            {
                // "six thousand and nine"
            } else {
                break;
            }
            j += 1;
        }
        if any {
            let v = total.saturating_add(current) as f64;
            if !overlaps(taken, t.start, end) {
                taken.push((t.start, end));
                out.push(Figure {
                    start: t.start,
                    end,
                    low: v,
                    high: v,
                    shape: Shape::Point,
                    digits: false,
                    year_like: false,
                    raw: text[t.start..end].to_string(),
                });
            }
            i = j.max(i + 1);
            continue;
        }
        // German compounds, then a separate scale word ("sechs Tausend")
        let core = lower.trim_end_matches('-');
        if core != "ein" && core != "eine" && core != "eins" && core != "null" {
            if let Some(v) = parse_de_word(core) {
                let mut v = v as f64;
                let mut e = t.end;
                if i + 1 < toks.len() {
                    if let Some(f) = scale_of(toks[i + 1].text).filter(|f| *f >= 100.0) {
                        if text[t.end..toks[i + 1].start].trim().is_empty() && v < 1000.0 {
                            v *= f;
                            e = toks[i + 1].end;
                            i += 1;
                        }
                    }
                }
                let (s, e2) = (t.start, if t.text.ends_with('-') { t.end - 1 } else { e });
                if !overlaps(taken, s, e2) {
                    taken.push((s, e2));
                    out.push(Figure {
                        start: s,
                        end: e2,
                        low: v,
                        high: v,
                        shape: Shape::Point,
                        digits: false,
                        year_like: false,
                        raw: text[s..e2].to_string(),
                    });
                }
            }
        }
        i += 1;
    }
}

/// Joins "A bis B", "A to B", "A-B", "A or B", "zwischen A und B", "between A and B", with a
/// shared scale.
fn ranges(text: &str, figs: Vec<Figure>) -> Vec<Figure> {
    static JOIN: OnceLock<Regex> = OnceLock::new();
    static BETWEEN: OnceLock<Regex> = OnceLock::new();
    let join = re(
        &JOIN,
        r"(?i)^(?:-?\s*(?:bis|to|until|through|–|—|-|und|and|or|oder)\s*|\s*[-–—]\s*)$",
    );
    let between = re(&BETWEEN, r"(?i)\b(?:zwischen|between|from|von)\s+$");
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < figs.len() {
        let a = &figs[i];
        if i + 1 < figs.len() && a.shape == Shape::Point && figs[i + 1].shape == Shape::Point {
            let b = &figs[i + 1];
            let gap = &text[a.end..b.start];
            let lead = &text[floor_boundary(text, a.start.saturating_sub(12))..a.start];
            let is_and =
                gap.trim().eq_ignore_ascii_case("und") || gap.trim().eq_ignore_ascii_case("and");
            // spoken: "eleven, twelve thousand"
            let spoken = gap.trim() == ","
                && !a.digits
                && !b.digits
                && a.low < b.low
                && b.raw.len() < text[b.start..b.end].len() + 1
                && b.low >= 1000.0;
            // "at least 15,000 and perhaps as many as 20,000": a floor and a ceiling
            static BOUNDS_GAP: OnceLock<Regex> = OnceLock::new();
            static FLOOR: OnceLock<Regex> = OnceLock::new();
            let bounds = re(
                &BOUNDS_GAP,
                r"(?i)^\s*,?\s*(?:and|but|und|aber|or|oder)\s+(?:(?:perhaps|possibly|maybe|probably|vielleicht|möglicherweise|womöglich|wohl|eher)\s+)?(?:as many as|up to|bis zu|höchstens|at most)\s*$",
            )
            .is_match(gap)
                && re(
                    &FLOOR,
                    r"(?i)\b(?:at least|no fewer than|mindestens|wenigstens|zumindest)\s*$",
                )
                .is_match(&text[floor_boundary(text, a.start.saturating_sub(20))..a.start])
                && a.low < b.low;
            if (join.is_match(gap) && (!is_and || between.is_match(lead))) || spoken || bounds {
                let (mut lo, hi) = (a.low, b.high);
                // shared scale: "elf- bis zwölftausend", "10 to 12 thousand"
                if lo < hi / 10.0 && hi >= 1000.0 {
                    for f in [1e3, 1e6] {
                        if lo * f <= hi
                            && lo * f * 10.0 > hi
                            && (b.raw.len() < text[b.start..b.end].len()
                                || !b.digits
                                || (hi / f).fract() == 0.0)
                        {
                            lo *= f;
                            break;
                        }
                    }
                }
                if lo <= hi && !a.year_like && !b.year_like && lo != hi {
                    out.push(Figure {
                        start: a.start,
                        end: b.end,
                        low: lo,
                        high: hi,
                        shape: Shape::Range,
                        digits: a.digits,
                        year_like: false,
                        raw: a.raw.clone(),
                    });
                    i += 2;
                    continue;
                }
            }
        }
        out.push(a.clone());
        i += 1;
    }
    out
}

pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, lang: &str) -> (f64, f64, Shape) {
        let f = find_figures(&super::super::fold::fold(text), lang);
        assert_eq!(f.len(), 1, "{text:?} gave {f:?}");
        (f[0].low, f[0].high, f[0].shape)
    }

    #[test]
    fn separators() {
        assert_eq!(one("etwa 10.000 Soldaten", "de").0, 10000.0);
        assert_eq!(one("about 10,000 troops", "en").0, 10000.0);
        assert_eq!(one("about 10 000 troops", "en").0, 10000.0);
        assert_eq!(one("rund 10\u{a0}000 Soldaten", "de").0, 10000.0);
        assert_eq!(one("rund 10'000 Soldaten", "de").0, 10000.0);
        assert_eq!(one("1,5 Millionen Granaten", "de").0, 1_500_000.0);
        assert_eq!(one("1.5 million shells", "en").0, 1_500_000.0);
        assert!(one("2000 Soldaten", "de").0 == 2000.0);
    }

    #[test]
    fn words_and_ranges() {
        assert_eq!(one("zehntausend Soldaten", "de").0, 10000.0);
        assert_eq!(one("sechs Tausend Mann", "de").0, 6000.0);
        assert_eq!(one("three thousand troops", "en").0, 3000.0);
        assert_eq!(one("three-thousand troops", "en").0, 3000.0);
        assert_eq!(one("six thousand and nine soldiers", "en").0, 6009.0);
        assert_eq!(
            one("elf- bis zwölftausend Soldaten", "de"),
            (11000.0, 12000.0, Shape::Range)
        );
        assert_eq!(
            one("10 to 12 thousand troops", "en"),
            (10000.0, 12000.0, Shape::Range)
        );
        assert_eq!(
            one("11.000 bis 12.000 Soldaten", "de"),
            (11000.0, 12000.0, Shape::Range)
        );
        assert_eq!(
            one("between 1,100 and 3,000 troops", "en"),
            (1100.0, 3000.0, Shape::Range)
        );
        assert_eq!(
            one("10,000-12,000 troops", "en"),
            (10000.0, 12000.0, Shape::Range)
        );
        assert_eq!(
            one("several hundred soldiers", "en"),
            (200.0, 900.0, Shape::Vague)
        );
        assert_eq!(
            one("Zehntausende Soldaten", "de"),
            (20000.0, 90000.0, Shape::Vague)
        );
        assert_eq!(parse_de_word("zweitausendfuenfhundert"), Some(2500));
        assert_eq!(parse_de_word("einundzwanzig"), Some(21));
    }
}
