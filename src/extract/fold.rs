//! ASCII folding that keeps byte offsets: every character becomes as many ASCII bytes as it
//! had in UTF-8 ("ä" → "ae", "ß" → "ss", "–" → " - ", a no-break space → two spaces). The
//! grammar's regexes run on the folded text, where the regex engine's fast DFA can handle word
//! boundaries (on non-ASCII text it falls back to a far slower engine), and every offset found
//! there is an offset into the original text.

/// Folds `s` to ASCII of exactly the same byte length.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // a run of ASCII is copied as it is
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        let n = c.len_utf8();
        rest = &rest[n..];
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'Ä' => "Ae",
            'Ö' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'ë' => "ee",
            'á' | 'à' | 'â' | 'å' => "aa",
            'ó' | 'ò' | 'ô' => "oo",
            'í' | 'ì' | 'î' | 'ï' => "ii",
            'ú' | 'ù' | 'û' => "uu",
            'ç' | 'č' | 'ć' => "cc",
            'ñ' | 'ń' => "nn",
            'š' | 'ś' => "ss",
            'ž' | 'ź' | 'ż' => "zz",
            'ł' => "ll",
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => "'''",
            '\u{201E}' | '\u{201C}' | '\u{201D}' | '\u{201F}' => "\"  ",
            '\u{00AB}' | '\u{00BB}' => "\" ",
            '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => " - ",
            '\u{2026}' => "...",
            '\u{20AC}' => "$$$",
            '\u{00A3}' => "$$",
            _ => "",
        };
        if rep.len() == n {
            out.push_str(rep);
        } else if c.is_alphabetic() {
            let filler = if c.is_uppercase() { 'X' } else { 'x' };
            out.extend(std::iter::repeat_n(filler, n));
        } else {
            out.extend(std::iter::repeat_n(' ', n));
        }
    }
    debug_assert_eq!(out.len(), s.len());
    out
}

/// Folds the literal characters of a regex pattern the same way, so patterns may be written
/// with umlauts and typographic marks and still match the folded text. The Unicode classes
/// (`\w`, `\d`, `\s`, `\p{L}`) are narrowed to their ASCII parts: on folded text they mean the
/// same, and they keep the lazy DFA small where the Unicode classes would multiply its states.
/// A plain class with a letter that folds to two ("[öo]") cannot stay a class on folded text:
/// it becomes an alternation ("(?:ö|o)", folded later to "(?:oe|o)").
fn umlaut_classes(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find('[') {
        let escaped = rest[..i].ends_with('\\');
        let close = rest[i + 1..].find(']').map(|j| i + 1 + j);
        match close {
            Some(j) if !escaped => {
                let body = &rest[i + 1..j];
                let plain = !body.is_empty() && !body.contains(['-', '^', '\\', '[']);
                if plain && body.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü', 'ß']) {
                    out.push_str(&rest[..i]);
                    out.push_str("(?:");
                    out.push_str(&body.chars().map(String::from).collect::<Vec<_>>().join("|"));
                    out.push(')');
                } else {
                    out.push_str(&rest[..=j]);
                }
                rest = &rest[j + 1..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn fold_pattern(p: &str) -> String {
    let p = p
        .replace("[’']", "'+")
        .replace("['’]", "'+")
        .replace('’', "")
        .replace("[-–—]", "-")
        .replace("[–—]", "-")
        .replace(['–', '—'], "-");
    let p = p
        .replace(['€', '£'], "\\$")
        .replace("\\u{a0}", "")
        .replace("\\u{202f}", "")
        .replace("\\u{2009}", "");
    let p = umlaut_classes(&p);
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let n = chars.next();
                let class = match n {
                    Some('w') => Some("0-9A-Za-z_"),
                    Some('d') => Some("0-9"),
                    Some('s') => Some("\\t-\\r "),
                    Some('p') if chars.peek() == Some(&'{') => {
                        // \p{L} (the only property the grammar uses)
                        for x in chars.by_ref() {
                            if x == '}' {
                                break;
                            }
                        }
                        Some("A-Za-z")
                    }
                    _ => None,
                };
                match (class, n) {
                    (Some(cl), _) if in_class => out.push_str(cl),
                    (Some(cl), _) => {
                        out.push('[');
                        out.push_str(cl);
                        out.push(']');
                    }
                    (None, Some('S')) if !in_class => out.push_str("[!-~]"),
                    (None, Some(n)) => {
                        out.push('\\');
                        out.push(n);
                    }
                    (None, None) => out.push('\\'),
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap());
                }
                continue;
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
                continue;
            }
            _ => {}
        }
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            '…' => out.push_str("\\.\\.\\."),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folding_keeps_every_offset() {
        for s in [
            "Grüße aus Köln – 10\u{a0}000 Soldaten, „laut“ Russia’s 5 € …",
            "plain",
            "日本 ünd 🙂",
        ] {
            let f = fold(s);
            assert_eq!(f.len(), s.len());
            assert!(f.is_ascii());
            for (i, _) in s.char_indices() {
                assert!(f.is_char_boundary(i));
            }
        }
        assert_eq!(fold("Südkoreas Geheimdienst"), "Suedkoreas Geheimdienst");
        // a class with an umlaut becomes an alternation; other classes stay
        assert_eq!(fold_pattern("pj[öo]ngjang"), "pj(?:oe|o)ngjang");
        assert_eq!(fold_pattern("[a-z][ab]"), "[a-z][ab]");
        assert_eq!(
            fold_pattern("südkorea\\w* [’']s"),
            "suedkorea[0-9A-Za-z_]* '+s"
        );
    }
}
