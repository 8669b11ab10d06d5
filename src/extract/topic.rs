//! The topic file: subject markers, quantity triggers and the claimant alias table, compiled
//! into regexes once. The default topic is built in; `--topic FILE` replaces it.

use crate::claims::Quantity;
use crate::error::{Error, Result};
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::path::Path;

/// Words that speak of a count ("the total", "Zahl", "of them"): a sentence without any of
/// them, a trigger or a personnel noun cannot hold a claim.
pub const COUNT_WORDS: &str = r"(?i)\b(?:total|number|figure|count|tally|toll|estimates?|zahl|gesamtzahl|anzahl|summe|schätzung\w*|angaben|insgesamt|bilanz|of them|von ihnen|davon)\b";

pub const DEFAULT_TOPIC: &str = include_str!("../defaults/topic.toml");

#[derive(Debug, Deserialize)]
struct TopicFile {
    name: String,
    #[serde(default)]
    title: Option<String>,
    subject: SubjectFile,
    quantities: QuantitiesFile,
    #[serde(default)]
    claimants: Vec<ClaimantFile>,
}

#[derive(Debug, Deserialize)]
struct SubjectFile {
    markers: Vec<String>,
    #[serde(default)]
    others: Vec<String>,
    #[serde(default)]
    personnel: Vec<String>,
    #[serde(default)]
    not_personnel: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct QuantitiesFile {
    #[serde(default)]
    deployed: Vec<String>,
    #[serde(default)]
    killed: Vec<String>,
    #[serde(default)]
    wounded: Vec<String>,
    #[serde(default)]
    casualties: Vec<String>,
    #[serde(default)]
    captured: Vec<String>,
    #[serde(default)]
    missing: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ClaimantFile {
    name: String,
    aliases: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default = "source")]
    kind: String,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    generic: bool,
}

fn source() -> String {
    "source".into()
}

/// What role a named party plays in passing a figure on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Outlet,
    Relay,
}

#[derive(Debug)]
pub struct Claimant {
    pub name: String,
    pub kind: Kind,
    /// The side it speaks for ("South Korea", "Ukraine", …).
    pub group: Option<String>,
    /// A catch-all name that gives way to a specific one of its group.
    pub generic: bool,
}

/// A compiled topic.
#[derive(Debug)]
pub struct Topic {
    pub name: String,
    pub title: String,
    pub markers: Regex,
    pub others: Regex,
    pub personnel: Regex,
    /// The first words of personnel nouns of more than one word ("north" of "north koreans"):
    /// only after one of them is a two-word noun looked for.
    pub personnel_first_words: Vec<String>,
    pub not_personnel: Regex,
    /// One regex for all triggers, longest first, without capture groups (fast to search).
    pub triggers: Regex,
    /// Anything a claim's sentence must have: a trigger, a personnel noun or a word for a
    /// count ([`COUNT_WORDS`]), in one pass.
    pub countable: Regex,
    /// Each trigger pattern anchored, in the same order, as one set: which of them a phrase
    /// matches, in one pass.
    trigger_set: RegexSet,
    /// The quantity of each pattern of the set.
    trigger_quantity: Vec<Quantity>,
    pub claimants: Vec<Claimant>,
    /// Strong aliases of every claimant in one regex without groups.
    claimant_any: Regex,
    /// Each claimant's aliases anchored (strong and weak), as one set: names the claimant of a
    /// match in one pass.
    claimant_set: RegexSet,
    /// Weak aliases count only inside an attribution ("laut Kiew", "Washington said"): the
    /// words of attribution right before a weak alias, and right after one.
    weak_re: Vec<Regex>,
    weak_any: Option<Regex>,
    /// Tells apart the topics in one process, for the per-thread word memo.
    id: usize,
}

/// The questions kept in [`Topic::memo`]: a word's class, the trigger a phrase is, the
/// claimant an alias names.
const MEMO_WORD: usize = 0;
const MEMO_TRIGGER: usize = 1;
const MEMO_CLAIMANT: usize = 2;

/// What the lexicons say of one word on its own (see [`Topic::word_class`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClass {
    pub personnel: bool,
    pub not_personnel: bool,
    /// A trigger starts at the word's first letter.
    pub trigger_at_start: bool,
}

/// A trigger found in a text: byte span and quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
}

/// Patterns are folded like the text they run on (see `fold`).
fn alternation(pats: &[String]) -> String {
    pats.iter()
        .map(|p| format!("(?:{})", super::fold::fold_pattern(p)))
        .collect::<Vec<_>>()
        .join("|")
}

fn word_re(pats: &[String], what: &str, path: &str) -> Result<Regex> {
    // an empty list matches nothing
    let body = if pats.is_empty() {
        "[^\\s\\S]".to_string()
    } else {
        alternation(pats)
    };
    Regex::new(&format!(r"(?i)\b(?:{body})\b"))
        .map_err(|e| Error::input(path, None, format!("{what}: bad pattern: {e}")))
}

impl Topic {
    pub fn builtin() -> Topic {
        Topic::parse(DEFAULT_TOPIC, "built-in topic").expect("the built-in topic compiles")
    }

    pub fn load(path: Option<&Path>) -> Result<Topic> {
        match path {
            None => Ok(Topic::builtin()),
            Some(p) => {
                let s = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                Topic::parse(&s, &p.display().to_string())
            }
        }
    }

    pub fn parse(s: &str, origin: &str) -> Result<Topic> {
        let f: TopicFile = toml::from_str(s)
            .map_err(|e| Error::input(origin, None, format!("not a topic file: {e}")))?;
        let q = &f.quantities;
        // Longer phrases first so "killed or wounded" wins over "killed".
        let mut trig: Vec<(String, Quantity)> = Vec::new();
        let fp = super::fold::fold_pattern;
        for (list, qty) in [
            (&q.casualties, Quantity::Casualties),
            (&q.killed, Quantity::Killed),
            (&q.wounded, Quantity::Wounded),
            (&q.captured, Quantity::Captured),
            (&q.missing, Quantity::Missing),
            (&q.deployed, Quantity::Deployed),
        ] {
            for p in list {
                trig.push((fp(p), qty));
            }
        }
        trig.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let bad =
            |e: regex::Error| Error::input(origin, None, format!("quantities: bad pattern: {e}"));
        let body = trig
            .iter()
            .map(|(p, _)| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let triggers = Regex::new(&format!(r"(?i)\b(?:{body})\b")).map_err(bad)?;
        let personnel = word_re(&f.subject.personnel, "subject.personnel", origin)?;
        let countable = Regex::new(&format!(
            "{}|{}|{}",
            triggers.as_str(),
            personnel.as_str(),
            super::fold::fold_pattern(COUNT_WORDS)
        ))
        .map_err(bad)?;
        let trigger_set =
            RegexSet::new(trig.iter().map(|(p, _)| format!(r"(?i)^(?:{p})$"))).map_err(bad)?;
        let trigger_quantity = trig.iter().map(|(_, q)| *q).collect();

        let mut claimants = Vec::new();
        let mut groups = Vec::new();
        let mut weak_groups = Vec::new();
        let mut claimant_each = Vec::new();
        for (i, c) in f.claimants.iter().enumerate() {
            let kind = match c.kind.as_str() {
                "source" => Kind::Source,
                "outlet" => Kind::Outlet,
                "relay" => Kind::Relay,
                k => {
                    return Err(Error::input(
                        origin,
                        None,
                        format!(
                            "claimant {}: unknown kind {k:?} (source, outlet or relay)",
                            c.name
                        ),
                    ))
                }
            };
            claimants.push(Claimant {
                name: c.name.clone(),
                kind,
                group: c.group.clone(),
                generic: c.generic,
            });
            // Longest aliases first inside each group.
            let mut al = c.aliases.clone();
            al.sort_by_key(|a| std::cmp::Reverse(a.len()));
            let _ = i;
            groups.push(format!("(?:{})", alternation(&al)));
            if !c.weak.is_empty() {
                weak_groups.push(format!("(?:{})", alternation(&c.weak)));
            }
            let mut both = al.clone();
            both.extend(c.weak.iter().cloned());
            claimant_each.push(
                Regex::new(&format!(r"(?i)^(?:{})$", alternation(&both))).map_err(|e| {
                    Error::input(
                        origin,
                        None,
                        format!("claimant {}: bad pattern: {e}", c.name),
                    )
                })?,
            );
        }
        let claimant_set = RegexSet::new(claimant_each.iter().map(|r| r.as_str()))
            .map_err(|e| Error::input(origin, None, format!("claimants: bad pattern: {e}")))?;
        let claimant_any = Regex::new(&format!(r"(?i)\b(?:{})\b", groups.join("|")))
            .map_err(|e| Error::input(origin, None, format!("claimants: bad pattern: {e}")))?;
        let weak_any = if weak_groups.is_empty() {
            None
        } else {
            Some(
                Regex::new(&format!(r"(?i)\b(?:{})\b", weak_groups.join("|"))).map_err(|e| {
                    Error::input(origin, None, format!("claimants: bad weak pattern: {e}"))
                })?,
            )
        };
        let weak_re = if weak_groups.is_empty() {
            Vec::new()
        } else {
            let attrib_before = r"(?:laut|according to|nach angaben (?:aus|von|der|des)?|citing|so|wie|per|(?:counted|estimated|reported|confirmed|cited|given|tallied|assessed) by|(?:geschätzt|gezählt|gemeldet|bestätigt) von|(?:hieß|heißt) es (?:aus|in)|verlautete (?:aus|in))\s+(?:der |dem |den |des |the )?";
            let attrib_after = r"(?:'+s\s+(?:own\s+|latest\s+|new\s+|official\s+)?(?:count|tally|estimates?|figures|assessment)|\s+(?:said|says|estimated|estimates|reported|reports|claimed|claims|believes|told|sagte|sagt|erklärte|erklärt|schätzt\w*|berichtet\w*|teilte|teilt|gab|gibt|gaben|geht|spricht|sprach|zufolge|meldet|meldete|melden|meldeten|nennt|nannte|beziffert\w*|(?:\S+\s+){0,2}?(?:angekündigt|mitgeteilt|erklärt|bestätigt|announced|confirmed|disclosed|revealed|warned|estimated|said)))";
            let mk = |p: String| {
                Regex::new(&p).map_err(|e| {
                    Error::input(origin, None, format!("claimants: bad weak pattern: {e}"))
                })
            };
            vec![
                // folded like the text ("erklärte" is "erklaerte" there)
                mk(super::fold::fold_pattern(&format!(
                    r"(?i)\b{attrib_before}$"
                )))?,
                mk(super::fold::fold_pattern(&format!(
                    r"(?i)^{attrib_after}\b"
                )))?,
            ]
        };
        Ok(Topic {
            name: f.name,
            title: f.title.unwrap_or_default(),
            markers: word_re(&f.subject.markers, "subject.markers", origin)?,
            others: word_re(&f.subject.others, "subject.others", origin)?,
            personnel,
            personnel_first_words: f
                .subject
                .personnel
                .iter()
                .filter_map(|p| {
                    let first = p.split([' ', '\\']).next()?;
                    (first.len() < p.len()
                        && !first.is_empty()
                        && first.chars().all(|c| c.is_alphabetic()))
                    .then(|| super::fold::fold(&first.to_lowercase()))
                })
                .collect(),
            not_personnel: word_re(&f.subject.not_personnel, "subject.not_personnel", origin)?,
            triggers,
            countable,
            trigger_set,
            trigger_quantity,
            claimants,
            claimant_any,
            claimant_set,
            weak_re,
            weak_any,
            id: {
                static NEXT: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }

    /// Keeps per thread the answers to a question asked of short strings again and again
    /// (one word, one alias as matched): `kind` names the question, `f` answers it. Words
    /// recur (a few thousand distinct ones make up most of any news text), and a hash lookup
    /// costs a fraction of a regex search. A memo is emptied when it grows large or the topic
    /// changes.
    fn memo(&self, kind: usize, key: &str, f: impl FnOnce() -> u32) -> u32 {
        use std::cell::RefCell;
        use std::collections::HashMap;
        type Memo = (usize, HashMap<Box<str>, u32, foldhash::fast::RandomState>);
        thread_local! {
            static MEMO: RefCell<[Memo; 3]> = RefCell::new(Default::default());
        }
        let hit = MEMO.with(|m| {
            let m = &mut m.borrow_mut()[kind];
            if m.0 != self.id {
                m.0 = self.id;
                m.1.clear();
            }
            m.1.get(key).copied()
        });
        if let Some(v) = hit {
            return v;
        }
        let v = f();
        MEMO.with(|m| {
            let m = &mut m.borrow_mut()[kind].1;
            if m.len() >= 1 << 16 {
                m.clear();
            }
            m.insert(key.into(), v);
        });
        v
    }

    /// The first pattern of `set` that matches `s` (the set reports them in order), kept in
    /// memo `kind`.
    fn first_of_set(&self, kind: usize, set: &RegexSet, s: &str) -> Option<usize> {
        let i = self.memo(kind, s, || {
            set.matches(s).iter().next().map_or(u32::MAX, |i| i as u32)
        });
        (i != u32::MAX).then_some(i as usize)
    }

    /// The lexicons' verdict on one word, the same as asking each regex of the word alone.
    pub fn word_class(&self, word: &str) -> WordClass {
        let bits = self.memo(MEMO_WORD, word, || {
            u32::from(self.personnel.is_match(word))
                | u32::from(self.not_personnel.is_match(word)) << 1
                | u32::from(self.first_trigger(word).is_some_and(|t| t.start == 0)) << 2
        });
        WordClass {
            personnel: bits & 1 != 0,
            not_personnel: bits & 2 != 0,
            trigger_at_start: bits & 4 != 0,
        }
    }

    /// The quantity a word or phrase stands for, when it is a trigger.
    pub fn quantity_of(&self, phrase: &str) -> Option<Quantity> {
        // the first pattern in order that matches (the set reports them in order)
        let i = self.first_of_set(MEMO_TRIGGER, &self.trigger_set, phrase)?;
        Some(self.trigger_quantity[i])
    }

    /// The first trigger in `text`.
    pub fn first_trigger(&self, text: &str) -> Option<Trigger> {
        let m = self.triggers.find(text)?;
        Some(Trigger {
            start: m.start(),
            end: m.end(),
            quantity: self.quantity_of(m.as_str())?,
        })
    }

    /// The last trigger in `text`.
    pub fn last_trigger(&self, text: &str) -> Option<Trigger> {
        let m = self.triggers.find_iter(text).last()?;
        Some(Trigger {
            start: m.start(),
            end: m.end(),
            quantity: self.quantity_of(m.as_str())?,
        })
    }

    pub fn claimant(&self, name: &str) -> Option<&Claimant> {
        self.claimants.iter().find(|c| c.name == name)
    }

    /// Two claimants that may be one source named twice: the same name, an unattributed
    /// mention, or a generic and a specific name of one group. Returns the name to keep.
    pub fn merge_claimants<'a>(&self, a: &'a str, b: &'a str) -> Option<&'a str> {
        if a == b || b == "unattributed" {
            return Some(a);
        }
        if a == "unattributed" {
            return Some(b);
        }
        let (ca, cb) = (self.claimant(a)?, self.claimant(b)?);
        if ca.group.is_some() && ca.group == cb.group && (ca.generic || cb.generic) {
            return Some(if ca.generic { b } else { a });
        }
        None
    }

    /// Every claimant mention in `text`: (start, end, claimant index).
    pub fn claimant_mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        let who = |m: &str| self.first_of_set(MEMO_CLAIMANT, &self.claimant_set, m);
        for m in self.claimant_any.find_iter(text) {
            if let Some(i) = who(m.as_str()) {
                out.push((m.start(), m.end(), i));
            }
        }
        if let Some(weak_any) = &self.weak_any {
            let (before, after) = (&self.weak_re[0], &self.weak_re[1]);
            for m in weak_any.find_iter(text) {
                let (s, e) = (m.start(), m.end());
                // "in Russland bezifferte der Geheimdienst": in German a place after a
                // preposition is not who speaks ("officials in Seoul said" is English)
                let english_verb = || {
                    let next = text[e..].split_whitespace().next().unwrap_or("");
                    [
                        "said",
                        "says",
                        "told",
                        "estimated",
                        "estimates",
                        "reported",
                        "reports",
                        "claimed",
                        "claims",
                        "believes",
                        "announced",
                        "confirmed",
                    ]
                    .contains(&next.trim_end_matches(|c: char| !c.is_alphanumeric()))
                };
                let governed = || {
                    !english_verb()
                        && text[..s]
                            .trim_end()
                            .rsplit(|c: char| !c.is_alphanumeric())
                            .next()
                            .is_some_and(|w| {
                                ["in", "nach", "aus", "gegen", "fuer", "mit", "von", "an"]
                                    .iter()
                                    .any(|p| p.eq_ignore_ascii_case(w))
                            })
                };
                if !(before.is_match(&text[..s]) || (after.is_match(&text[e..]) && !governed())) {
                    continue;
                }
                if let Some(i) = who(m.as_str()) {
                    if !out.iter().any(|&(os, oe, _)| s < oe && os < e) {
                        out.push((s, e, i));
                    }
                }
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn builtin_topic_compiles_and_resolves_aliases() {
        let t = Topic::builtin();
        let m = t.claimant_mentions("laut dem Nationalen Geheimdienst Südkoreas und Selenskyj");
        let names: Vec<_> = m.iter().map(|x| t.claimants[x.2].name.as_str()).collect();
        assert_eq!(names, ["NIS", "Zelensky"]);
        assert!(t.claimant_mentions("der Krieg in der Ukraine").is_empty());
        let m = t.claimant_mentions("laut Kiew");
        assert_eq!(t.claimants[m[0].2].name, "Ukraine");
    }

    #[test]
    fn bad_topic_names_the_file() {
        let e = Topic::parse("name = 1", "my.toml").unwrap_err().to_string();
        assert!(e.contains("my.toml"), "{e}");
    }
}
