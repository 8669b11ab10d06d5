//! Sentence segmentation that survives hard-wrapped lines, page breaks, headlines, list items
//! and fact boxes. Offsets are bytes into the document text.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Paragraph number (blocks separated by blank lines, continuations joined).
    pub para: usize,
}

const ABBREV: [&str; 37] = [
    "z.b", "bzw", "ca", "dr", "mr", "mrs", "ms", "nr", "st", "gen", "u.a", "v.a", "vgl", "etc",
    "jan", "feb", "aug", "sept", "okt", "nov", "dez", "dec", "oct", "u.s", "inkl", "prof", "lt",
    "col", "rep", "sen", "gov", "maj", "capt", "sgt", "adm", "cpl", "vs",
];

/// Splits `text` into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    // 1. blocks between blank lines; a block that starts in lower case continues the last one
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for (start, end) in blank_lines(text) {
        blocks.push((pos, start));
        pos = end;
    }
    blocks.push((pos, text.len()));
    let mut paras: Vec<Vec<(usize, usize)>> = Vec::new();
    for (s, e) in blocks {
        let b = &text[s..e];
        if b.trim().is_empty() {
            continue;
        }
        let first = b.trim_start().chars().next().unwrap_or(' ');
        let continues = first.is_lowercase()
            && paras
                .last()
                .and_then(|p| p.last())
                .is_some_and(|&(ps, pe)| !ends_sentence(text[ps..pe].trim_end()));
        if continues {
            paras.last_mut().unwrap().push((s, e));
        } else {
            paras.push(vec![(s, e)]);
        }
    }
    let mut out = Vec::new();
    for (pi, blocks) in paras.iter().enumerate() {
        // 2. lines inside a paragraph: a line break ends a sentence after terminal punctuation,
        // after a heading, list item or fact-box line, and after a document's first line
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut cur: Option<(usize, usize)> = None;
        for &(bs, be) in blocks {
            let mut ls = bs;
            for line in text[bs..be].split_inclusive('\n') {
                let le = ls + line.len();
                let t = line.trim();
                let standalone = is_standalone_line(t);
                if t.is_empty() {
                    ls = le;
                    continue;
                }
                if standalone {
                    if let Some(c) = cur.take() {
                        segs.push(c);
                    }
                    segs.push((ls, le));
                } else {
                    cur = Some(match cur {
                        Some((cs, _)) => (cs, le),
                        None => (ls, le),
                    });
                    if ends_sentence(t)
                        && t.len() < 40
                        && t.split_whitespace().count() <= 6
                        && !t.ends_with(',')
                    {
                        // a short line ending in punctuation (e.g. "Kursk:" label) stays with the sentence splitter
                    }
                }
                ls = le;
            }
        }
        if let Some(c) = cur.take() {
            segs.push(c);
        }
        // 3. sentence ends inside each segment
        for (s, e) in segs {
            split_segment(text, s, e, pi, &mut out);
        }
    }
    out
}

/// The blank-line breaks of `text`, as the regex `\n[ \t\u{a0}\r]*\n\s*` finds them, by
/// hand (it runs over every byte of every document).
fn blank_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'\n', &b[i..]) {
        let start = i + off;
        let mut j = start + 1;
        loop {
            match b.get(j) {
                Some(b' ' | b'\t' | b'\r') => j += 1,
                Some(0xC2) if b.get(j + 1) == Some(&0xA0) => j += 2,
                _ => break,
            }
        }
        if b.get(j) != Some(&b'\n') {
            i = start + 1;
            continue;
        }
        // then any whitespace at all
        let rest = &text[j..];
        let end = j + rest.len() - rest.trim_start().len();
        out.push((start, end));
        i = end.max(start + 1);
        if i >= b.len() {
            break;
        }
    }
    out
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['.', '!', '?', '…', ':', '"', '“', '”', '»', '«']) && !t.ends_with(",\"")
}

/// Headings, list items, fact-box lines and table rows stand alone.
fn is_standalone_line(t: &str) -> bool {
    // a live ticker's entry heading: "+++ 10:20 Uhr – Seoul: rund 1.100 Tote +++"
    is_list_start(t) || t.contains('\t') || t.starts_with("+++") || is_fact_line(t)
}

/// A heading, list item or table row starts like `^(?:#{1,6}\s|[-*•]\s|\d{1,2}[.)]\s|\|)`
/// (checked by hand: it runs on every line).
fn is_list_start(t: &str) -> bool {
    let ws = |r: &str| r.starts_with(char::is_whitespace);
    if t.starts_with('|') {
        return true;
    }
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && ws(&t[hashes..]) {
        return true;
    }
    if let Some(r) = t.strip_prefix(['-', '*', '•']) {
        return ws(r);
    }
    // any other symbol as a bullet: "▶ Crash in Kazakhstan", "▪️ …", "📊 …"
    let mut cs = t.chars();
    if let Some(c) = cs
        .next()
        .filter(|c| !c.is_ascii() && !c.is_alphanumeric() && !"„“”«»‚‘’–—…".contains(*c))
    {
        let r = cs.as_str().trim_start_matches(['\u{fe0f}', '\u{200d}']);
        return c.len_utf8() > 1 && ws(r);
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits) && t[digits..].strip_prefix(['.', ')']).is_some_and(ws)
}

/// A fact-box line: a short label, a colon and a short value ("Verletzte: 2700", "Killed and
/// wounded: ~4,700").
pub(crate) fn is_fact_line(t: &str) -> bool {
    // "Verletzte: 2700", "Ort: Kursk"
    if let Some((k, v)) = t.split_once(':') {
        if k.split_whitespace().count() <= 2
            && !k.is_empty()
            && v.len() < 40
            && !k.contains(['.', ','])
        {
            return true;
        }
        // a fact-box line with a longer label: "Killed and wounded: ~4,700",
        // "Reinforcements, Jan-Feb 2025: ~3,000 (JCS)", "Sent in total (NIS, 30 Apr): about
        // 15,000"; the label's brackets name a source or a date
        let v = v.trim_start().trim_start_matches(['~', '≈', '>', '<', '+']);
        if v.len() < 40
            && k.trim_start().starts_with(char::is_uppercase)
            && (v.starts_with(|c: char| c.is_ascii_digit()) || starts_with_hedge(v))
        {
            let label = without_brackets(k);
            return label.split_whitespace().count() <= 5 && !label.contains(['.', ';']);
        }
    }
    false
}

/// The text with its bracketed parts left out.
pub(crate) fn without_brackets(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut depth = 0usize;
    for c in k.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A value that begins with a hedge or a vague amount and has a figure: "about 15,000",
/// "some 3,000 more", "several hundred", "etwa 300", "mehr als 1.000".
fn starts_with_hedge(v: &str) -> bool {
    const HEDGES: &[&str] = &[
        "about ",
        "around ",
        "some ",
        "roughly ",
        "nearly ",
        "almost ",
        "at least ",
        "more than ",
        "over ",
        "up to ",
        "fewer than ",
        "less than ",
        "as many as ",
        "an estimated ",
        "several ",
        "hundreds",
        "thousands",
        "dozens",
        "etwa ",
        "rund ",
        "circa ",
        "ca. ",
        "ungefähr ",
        "knapp ",
        "fast ",
        "mindestens ",
        "mehr als ",
        "über ",
        "bis zu ",
        "weniger als ",
        "mehrere ",
        "hunderte",
        "tausende",
        "dutzende",
        "schätzungsweise ",
    ];
    let l = v.to_lowercase();
    HEDGES.iter().any(|h| l.starts_with(h))
        && (l.contains(|c: char| c.is_ascii_digit())
            || ["hundert", "tausend", "dozen", "thousand", "hundred"]
                .iter()
                .any(|w| l.contains(w)))
}

fn split_segment(text: &str, s: usize, e: usize, para: usize, out: &mut Vec<Sentence>) {
    let seg = &text[s..e];
    let mut start = 0;
    for (m_start, m_end) in sentence_ends(seg) {
        let next = seg[m_end..].chars().next();
        if !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“„»«'‘(".contains(c))
        {
            continue;
        }
        // the word before the punctuation: abbreviations and German ordinals ("24. Oktober") don't end sentences
        let before = &seg[start..m_start];
        let word = before
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let w = word.to_lowercase();
        if seg[m_start..].starts_with('.') {
            if ABBREV.contains(&w.as_str()) || (w.len() == 1 && w.chars().all(char::is_alphabetic))
            {
                continue;
            }
            if !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            // a unit's ordinal: "der russischen 155. Marineinfanteriebrigade"
            if !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()) {
                const UNITS: [&str; 12] = [
                    "brigade",
                    "division",
                    "regiment",
                    "bataillon",
                    "armee",
                    "korps",
                    "kompanie",
                    "staffel",
                    "flotte",
                    "geschwader",
                    "garde",
                    "batterie",
                ];
                let next_word = seg[m_end..]
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if UNITS.iter().any(|u| next_word.ends_with(u)) {
                    continue;
                }
            }
        }
        push(text, s + start, s + m_end, para, out);
        start = m_end;
    }
    push(text, s + start, e, para, out);
}

/// Every possible sentence end in `seg` as (start, end): terminal punctuation, closing quotes
/// and brackets, then whitespace, as the regex `[.!?…]+["“”»«'’)\]]*\s+` finds them. By hand:
/// it runs over every byte of every document.
fn sentence_ends(seg: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const TERMINAL: [char; 4] = ['.', '!', '?', '…'];
    const CLOSING: [char; 9] = ['"', '“', '”', '»', '«', '\'', '’', ')', ']'];
    let b = seg.as_bytes();
    let has_ellipsis = seg.contains('…');
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            // the next byte that can start a terminal mark ('…' starts with 0xE2)
            let hay = &b[i..];
            let ascii = memchr::memchr3(b'.', b'!', b'?', hay);
            // '…' only where the text has one (its lead byte 0xE2 also starts quotes)
            let ellipsis = if has_ellipsis {
                memchr::memmem::find(hay, "…".as_bytes())
            } else {
                None
            };
            let off = match (ascii, ellipsis) {
                (Some(a), Some(e)) => a.min(e),
                (a, e) => a.or(e)?,
            };
            let start = i + off;
            let rest = &seg[start..];
            let run = rest.len() - rest.trim_start_matches(TERMINAL).len();
            if run == 0 {
                // an 0xE2 that is not '…'
                i = start + 1;
                continue;
            }
            let after_run = &rest[run..];
            let closed = after_run.trim_start_matches(CLOSING);
            let ws = closed.len() - closed.trim_start().len();
            let end = start + rest.len() - closed.len() + ws;
            i = end.max(start + run);
            if ws > 0 {
                return Some((start, end));
            }
        }
        None
    })
}

fn push(text: &str, s: usize, e: usize, para: usize, out: &mut Vec<Sentence>) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if t.trim().is_empty() {
        return;
    }
    out.push(Sentence {
        start: s + lead,
        end: e - trail,
        para,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    fn texts(t: &str) -> Vec<String> {
        split(t)
            .iter()
            .map(|s| t[s.start..s.end].to_string())
            .collect()
    }
    #[test]
    fn wraps_and_page_breaks_join() {
        let t = "Headline about troops\n\nThe first sentence is\nwrapped here. Laut\n\n\n\nsüdkoreanischem Geheimdienst sind es viele. Am 24. Oktober kam mehr.";
        let s = texts(t);
        assert_eq!(s[0], "Headline about troops");
        assert_eq!(s[1], "The first sentence is\nwrapped here.");
        assert!(
            s[2].starts_with("Laut") && s[2].ends_with("viele."),
            "{s:?}"
        );
        assert_eq!(s[3], "Am 24. Oktober kam mehr.");
    }
    proptest::proptest! {
        /// The hand-written scanners find what the regexes they replace find.
        #[test]
        fn scanners_match_their_regexes(t in "[ a.!?…\"“”»«'’)\\]\n\t\r\u{a0}b\u{2003}]{0,40}") {
            let blank = Regex::new(r"\n[ \t\u{a0}\r]*\n\s*").unwrap();
            let want: Vec<(usize, usize)> = blank.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(blank_lines(&t), want);
            let end = Regex::new(r#"[.!?…]+["“”»«'’)\]]*\s+"#).unwrap();
            let want: Vec<(usize, usize)> = end.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = sentence_ends(&t).collect();
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn list_start_matches_its_regex(t in "[#|*•\\-0-9.) a\t]{0,12}") {
            let list = Regex::new(r"^(?:#{1,6}\s|[-*•]\s|\d{1,2}[.)]\s|\|)").unwrap();
            proptest::prop_assert_eq!(is_list_start(&t), list.is_match(&t));
        }
    }

    #[test]
    fn fact_box_lines_stand_alone() {
        let s = texts("Details\nGetötete: etwa 300\nVerletzte: 2700\n");
        assert!(s.contains(&"Getötete: etwa 300".to_string()), "{s:?}");
        assert!(s.contains(&"Verletzte: 2700".to_string()));
    }
}
