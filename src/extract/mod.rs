//! Text → claims, with no I/O. The grammar reads each sentence the way an analyst does: find
//! the figures, drop those that are dates, years, ages, durations or other nouns, decide what
//! each counts (the nearest trigger in its clause), whether it is about the subject, how it is
//! hedged, who says so (following relay chains and carrying a source to later sentences), and
//! whether it is a projection, an increment or one incident's count.

pub mod fold;
pub mod numbers;
pub mod sentences;
pub mod speakers;
pub mod tables;
pub mod topic;

use crate::article::Article;
use crate::claims::{Claim, Qualifier, Quantity, Scope, Status};
use crate::dates::{month_number, PartialDate};
use chrono::{Datelike, Duration, NaiveDate};
use numbers::{find_figures, floor_boundary, Figure, Shape};
use regex::Regex;
use sentences::Sentence;
use std::sync::OnceLock;
use topic::Kind;
pub use topic::Topic;

/// [`re`] for a pattern that has to be put together: built only the first time.
fn re_fmt(cell: &'static OnceLock<Regex>, pat: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&fold::fold_pattern(&pat())).expect("static regex"))
}

/// A static regex, its pattern folded like the text it runs on (see `fold`).
fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&fold::fold_pattern(pat)).expect("static regex"))
}

const MONTHS: &str = r"(?:januar|jänner|january|jan|februar|february|feb|märz|march|mar|april|apr|mai|may|juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|dezember|december|dez|dec)";
const WEEKDAYS: &str = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

/// Someone the alias table does not know, named as saying something in a sentence (offsets
/// into the sentence, the name as written).
#[derive(Debug, Clone)]
struct Named {
    start: usize,
    end: usize,
    name: String,
    /// Titled by a relay ("lawmaker Lee …"): passes on the claims of a source beside it.
    relay: bool,
}

/// A claimant chosen for a sentence, with how it was found.
#[derive(Debug, Clone, Default)]
struct Attribution {
    claimant: Option<String>,
    via: Vec<String>,
    carried: bool,
}

/// Extracts every claim from one article.
pub fn extract(article: &Article, topic: &Topic) -> Vec<Claim> {
    let original = article.text.as_str();
    let folded = fold::fold(original);
    let text = folded.as_str();
    let lang = if article.lang == "de" { "de" } else { "en" };
    // A document that never names the subject has no claims about it.
    let doc_markers = topic.markers.find_iter(text).take(2).count();
    if doc_markers == 0
        && !article
            .title
            .as_deref()
            .is_some_and(|t| topic.markers.is_match(&fold::fold(t)))
    {
        return Vec::new();
    }
    let published = article
        .published
        .as_deref()
        .and_then(|p| PartialDate::parse(p).ok());
    let sents = sentences::split(original);
    let mut drafts: Vec<Claim> = Vec::new();
    // claimant mentions are looked for only where a figure needs them (and in the few
    // sentences before it, for a source carried over)
    let mention_cache: Vec<std::cell::OnceCell<Vec<(usize, usize, usize)>>> =
        (0..sents.len()).map(|_| Default::default()).collect();
    let mentions_of = |i: usize| {
        mention_cache[i]
            .get_or_init(|| topic.claimant_mentions(&text[sents[i].start..sents[i].end]))
    };
    // people and groups the alias table does not know, named where something is said: looked
    // for, like the mentions, only where a figure needs them
    let speaker_cache: Vec<std::cell::OnceCell<Vec<Named>>> =
        (0..sents.len()).map(|_| Default::default()).collect();
    let speakers_of = |i: usize| -> &[Named] {
        speaker_cache[i].get_or_init(|| {
            let (a, b) = (sents[i].start, sents[i].end);
            let known = mentions_of(i);
            static DEBUG: OnceLock<bool> = OnceLock::new();
            let debug = *DEBUG.get_or_init(|| std::env::var_os("RANGEFINDER_DEBUG").is_some());
            let surname = |w: &str| speakers::is_surname(text, w);
            speakers::speakers(&text[a..b], lang, &surname)
                .into_iter()
                .filter_map(|(mut s, e, _)| {
                    let mut relay = false;
                    for m in known {
                        let title = topic.claimants[m.2].kind != Kind::Source;
                        if m.0 < e && s < m.1 {
                            // a relay's title is not part of the name: "lawmaker Lee
                            // Seong-kweun", "Der FDP-Abgeordnete Jonas Reuter"
                            if !title || m.1 >= e {
                                return None;
                            }
                            s = m.1
                                + (text[a + m.1..a + e].len()
                                    - text[a + m.1..a + e].trim_start().len());
                            relay = true;
                        } else if title && m.1 <= s && text[a + m.1..a + s].trim().is_empty() {
                            relay = true;
                        }
                    }
                    // a span of the folded text may cut a character of the original
                    let written = original.get(a + s..a + e)?;
                    text[a + s..a + e]
                        .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '"')
                        .then(|| Named {
                            start: s,
                            end: e,
                            name: collapse_ws(written),
                            relay,
                        })
                })
                .inspect(|sp| {
                    if debug {
                        eprintln!(
                            "[debug] speaker {:?} in sentence {i} (relay: {})",
                            sp.name, sp.relay
                        );
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    // tables are read cell by cell, with the claimant and date of their row
    let tabs = tables::tables(text);
    // who speaks, in a transcript or an interview: the turn's label, within its paragraph
    let turn_list = std::cell::OnceCell::new();
    let turn_of = |si: usize| -> Option<&str> {
        let turns: &Vec<(usize, String)> =
            turn_list.get_or_init(|| speakers::turns(text, &|w| speakers::is_surname(text, w)));
        let k = turns.partition_point(|t| t.0 <= sents[si].start);
        let (at, name) = turns.get(k.checked_sub(1)?)?;
        let li = sents.partition_point(|s| s.start <= *at).checked_sub(1)?;
        (sents[li].para == sents[si].para).then_some(name.as_str())
    };
    let mut teasers = teaser_sentences(&sents, text);
    teasers.extend(digest_other_stories(&sents, text, topic));
    // an opinion piece's byline: its author is who speaks in the first person
    let author_cell = std::cell::OnceCell::new();
    let author = || {
        author_cell
            .get_or_init(|| opinion_author(original))
            .as_deref()
    };
    for (si, sent) in sents.iter().enumerate() {
        let s = &text[sent.start..sent.end];
        if !numbers::may_have_figures(s) {
            continue;
        }
        // a question asks about a figure, it does not claim it ("Did 50,000 die in Kursk?",
        // "Sind wirklich 3.000 gefallen?"); a question without the verb first often echoes
        // what was said ("So roughly three thousand in all?")
        if s.trim_end()
            .trim_end_matches(['"', '\'', ')', '*'])
            .ends_with('?')
        {
            const ASKS: [&str; 39] = [
                "did", "do", "does", "is", "are", "was", "were", "has", "have", "had", "can",
                "could", "will", "would", "should", "how", "why", "what", "who", "where", "sind",
                "ist", "hat", "haben", "wurden", "wurde", "waren", "war", "gibt", "stimmt", "kann",
                "koennen", "koennten", "wie", "wer", "was", "warum", "wo", "wieso",
            ];
            let first = s
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if ASKS.iter().any(|a| a.eq_ignore_ascii_case(first)) {
                continue;
            }
        }
        if teasers.contains(&si) {
            continue;
        }
        if tabs
            .iter()
            .any(|t| t.start <= sent.start && sent.start < t.end)
        {
            continue;
        }
        // a sentence with nothing that says what is counted cannot hold a claim
        // (a fact-box line may leave that to its box's heading)
        // (or a bare increment, "weitere 5.000 sollen folgen", counts what was just counted)
        let asked = asked_for(si, &sents, text, topic);
        static BARE_MORE: OnceLock<Regex> = OnceLock::new();
        static NAMES_ANY: OnceLock<Regex> = OnceLock::new();
        if !topic.countable.is_match(s)
            && asked.is_none()
            && !re_fmt(&NAMES_ANY, || format!(r"(?i)\b(?:{NAMING_VERBS})\b")).is_match(s)
            && section_quantity(si, &sents, text, topic).is_none()
            && !re(
                &BARE_MORE,
                r"(?i)\b(?:weitere[nrs]?|zusätzliche[nrs]?|another|additional|further)\s+(?:(?:etwa|rund|bis zu|mehr als|über|about|around|some|up to|more than|over)\s+)?\d|\b(?:wave|batch|welle|tranche|schub)\s+(?:of|von|aus)\b|(?:\d|\bthousand|\bhundred|tausend|hundert)\s+(?:more|weitere)\b|\b(?:seien|sind|waren|wären|könnten|dürften|sollen|sollten|werden|würden)\s+es\b|\bes\s+(?:seien|sind|waren|wären|könnten|dürften|sollen|sollten|werden|würden)\b|\bvon\s+(?:\S+\s+){0,2}\d\S*\s+(?:aus|gesprochen)\b|\bes\s+(?:\S+\s+){1,5}(?:werden|sein)\s+(?:könnten|könne|dürften|würden|werde|werden|sollen|sollten)\b|\b(?:up|down)\s+from\s+(?:(?:about|around|roughly|some|nearly|almost|more than|over|at least|an estimated|approximately)\s+)?\d|\b(?:it|that)\s+(?:was|is|has been|had been|now stands at|stood at|stands at|rose to|has risen to|had risen to|grew to|has grown to|had grown to|reached|has reached|had reached)\s+(?:(?:about|around|roughly|some|nearly|almost|more than|over|at least|up to|an estimated|approximately)\s+)?\d",
            )
            .is_match(s)
        {
            continue;
        }
        // a fact check quotes the claim it checks ("Claim: "Kim sent 12,000 men …"",
        // "Behauptung: …"): the check says whose figure it is, the line is not a claim
        if s.trim_start().get(..11).is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            h.starts_with("claim:") || h.starts_with("behauptung:")
        }) {
            continue;
        }
        // a correction notice repeats the retracted figure: not a claim (the right one is
        // stated where the story states it)
        static CORRECTION: OnceLock<Regex> = OnceLock::new();
        let correction = re(
            &CORRECTION,
            r"(?i)\b(?:an earlier version|a previous version|an earlier draft|in einer früheren (?:fassung|version)|in einer vorherigen (?:fassung|version))\b",
        );
        if correction.is_match(s) {
            continue;
        }
        // a figure the next words call into question ("… seien bereits 5.000 gefallen. Stimmt
        // das?", "Is that realistic?") is put to someone, not claimed (unless a source is named
        // for it: "Kyiv says more than 4,000 … Is that credible?")
        if let Some(next) = sents.get(si + 1).filter(|n| n.para == sent.para) {
            let t = text[next.start..next.end].trim();
            static CHALLENGE: OnceLock<Regex> = OnceLock::new();
            if t.ends_with('?')
                && t.len() < 60
                && re(
                    &CHALLENGE,
                    r"(?i)^(?:(?:und|and|aber|but|so)\s+)?(?:stimmt das|stimmt es|ist das|ist es|kann das|kann es|is that|is it|is this|can that|could that|does that|are those|sind diese|sind das)\b",
                )
                .is_match(t)
                && !mentions_of(si)
                    .iter()
                    .any(|m| topic.claimants[m.2].kind == Kind::Source)
            {
                continue;
            }
        }
        // hearsay: a figure that circulates on social media or in rumours, with no one named
        // for it ("in sozialen Netzwerken liest man …", "a video shared widely … claims to show")
        static HEARSAY: OnceLock<Regex> = OnceLock::new();
        static HEARSAY_WORD: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
        if numbers::literals(
            &HEARSAY_WORD,
            &[
                "sozialen", "social media", "shared", "viral", "to show", "kursier", "circulat",
                "liest", "geruecht", "rumor", "rumour",
            ],
        )
        .is_match(s)
            && re(
            &HEARSAY,
            r"(?i)\b(?:in (?:den )?sozialen (?:netzwerken|medien)|on social media|shared widely|widely shared|went viral|claims? to show|purports? to show|kursier\w*|circulating|man liest|liest man|gerücht\w*|rumou?r\w*)\b",
        )
        .is_match(s)
            && !mentions_of(si)
                .iter()
                .any(|m| topic.claimants[m.2].kind == Kind::Source)
        {
            continue;
        }
        let figs = find_figures(s, lang);
        if !figs.is_empty() {
            // the source named last in the sentences before, looked for only when a figure
            // here names none
            let last_source_cell = std::cell::OnceCell::new();
            let last_source = || {
                last_source_cell
                    .get_or_init(|| {
                        (si.saturating_sub(3)..si).rev().find_map(|j| {
                            let known = mentions_of(j)
                                .iter()
                                .rev()
                                .find(|m| topic.claimants[m.2].kind == Kind::Source);
                            // a speaker said after the source, unless it only relays it
                            let named = speakers_of(j)
                                .iter()
                                .rev()
                                .find(|sp| known.is_none() || !sp.relay);
                            // "Citing the NIS, Kang said …": the speaker relays the source
                            static CITING: OnceLock<Regex> = OnceLock::new();
                            let cited = |m: &(usize, usize, usize)| {
                                re(
                                    &CITING,
                                    r"(?i)\b(?:citing|quoting|according to|laut|unter berufung auf|beruft sich auf|berief sich auf)\s+(?:the\s+|den\s+|dem\s+|die\s+|der\s+)?$",
                                )
                                .is_match(&text[sents[j].start..sents[j].start + m.0])
                            };
                            match (known, named) {
                                (Some(m), Some(sp)) if sp.start > m.0 && !cited(m) => {
                                    Some((sp.name.clone(), j))
                                }
                                (Some(m), _) => Some((topic.claimants[m.2].name.clone(), j)),
                                (None, Some(sp)) => Some((sp.name.clone(), j)),
                                (None, None) => None,
                            }
                        })
                    })
                    .as_ref()
            };
            let mut ctx = SentenceCtx::new(s, topic, lang, &figs, &mention_cache[si], published);
            ctx.prev_quantity = drafts.last().map(|c| c.quantity);
            ctx.prev_near = drafts
                .last()
                .is_some_and(|c| c.start >= sents[si.saturating_sub(2)].start);
            ctx.section = section_quantity(si, &sents, text, topic);
            ctx.asked = asked;
            ctx.lead_in = si
                .checked_sub(1)
                .map(|j| &sents[j])
                .filter(|p| p.para == sent.para)
                .map(|p| &text[p.start..p.end])
                .filter(|p| !p.bytes().any(|b| b.is_ascii_digit()));
            let quote = std::cell::OnceCell::new();
            for (fi, fig) in figs.iter().enumerate() {
                let Some(mut c) = ctx.read(fi, fig) else {
                    // "60.000 Geflüchtete …, im Landkreis sind es 4.000": "es" is that figure's
                    // (a year or a date between is no such figure: "By April 2025 it was …")
                    if !ctx.not_a_count.get() {
                        ctx.prev_near = false;
                    }
                    continue;
                };
                // "hand both men over", "Die beiden Männer …": the two already counted
                if !fig.digits && fig.low == 2.0 && fig.high == 2.0 {
                    let raw = fig.raw.to_ascii_lowercase();
                    let article_before =
                        s[..fig.start]
                            .split_whitespace()
                            .next_back()
                            .is_some_and(|w| {
                                [
                                    "the", "die", "den", "der", "these", "those", "diese", "diesen",
                                ]
                                .iter()
                                .any(|a| w.eq_ignore_ascii_case(a))
                            });
                    // (a count of its own says what befell them: "the two … held by")
                    let anaphoric =
                        (raw == "both" || article_before) && c.quantity == Quantity::Deployed;
                    if anaphoric
                        && drafts
                            .iter()
                            .any(|d| d.low == Some(2.0) && d.high == Some(2.0))
                    {
                        continue;
                    }
                }
                ctx.prev_quantity = Some(c.quantity);
                ctx.prev_near = true;
                let att = attribute(
                    &ctx,
                    fig,
                    si,
                    &sents,
                    text,
                    &last_source,
                    &speakers_of,
                    &|| turn_of(si),
                    &author,
                );
                c.claimant = att.claimant.unwrap_or_else(|| "unattributed".into());
                c.via = att.via;
                if att.carried {
                    c.confidence -= 0.15;
                }
                // "…, hieß es weiter", "the agency added": the source of the claim before
                static GOES_ON: OnceLock<Regex> = OnceLock::new();
                if c.claimant == "unattributed"
                    && re(
                        &GOES_ON,
                        r"(?i)\b(?:hieß es weiter|heißt es weiter|hieß es zudem|hieß es außerdem|so (?:der|die|das) \w+ weiter|fügte (?:er|sie|der \w+|die \w+) hinzu|it added|the agency added|the service added|the ministry added|(?:he|she|they) added)\b",
                    )
                    .is_match(s)
                {
                    if let Some(d) = drafts
                        .last()
                        .filter(|d| d.start >= sents[si.saturating_sub(3)].start)
                        .filter(|d| d.claimant != "unattributed")
                    {
                        c.claimant = d.claimant.clone();
                        c.via = d.via.clone();
                        c.confidence -= 0.15;
                    }
                }
                let q = quote.get_or_init(|| collapse_ws(&original[sent.start..sent.end]));
                stamp(
                    &mut c,
                    article,
                    lang,
                    sent.start + fig.start,
                    sent.start + fig.end,
                    q,
                );
                drafts.push(c);
            }
        }
    }
    for t in &tabs {
        table_claims(t, article, text, topic, lang, published, &mut drafts);
    }
    // the headline: the document's first paragraph, with the short paragraphs that follow it
    // (a kicker, the headline, a teaser of one or two sentences: "Seoul meldet gegen 3000
    // zusätzliche Soldaten")
    let headline_end = sents
        .iter()
        .take_while(|x| x.para == sents.first().map_or(0, |f| f.para))
        .last()
        .map_or(0, |x| x.end);
    let mut top_end = 0;
    let mut k = 0;
    for para_no in 0..4 {
        let Some(first) = sents.get(k) else { break };
        let para = first.para;
        let n = sents[k..].iter().take_while(|x| x.para == para).count();
        let end = sents[k + n - 1].end;
        if para_no > 0 && (n > 2 || end - first.start > 300) {
            break;
        }
        top_end = end;
        k += n;
    }
    let mut claims = merge(drafts, topic, [headline_end, top_end]);
    for c in &mut claims {
        c.id = Claim::make_id(&c.doc, c.quantity, c.low, c.high, c.qualifier, c.start);
    }
    claims
}

/// Verbs with which a source names a bare figure ("Der Geheimdienst nennt rund 600").
const NAMING_VERBS: &str = "nennt|nannte|nannten|nennen|genannt|spricht von|sprach von|sprechen von|sprachen von|gesprochen|names|named|cites|cited|puts it at|put it at|puts the figure at|put the figure at|gave a range of|gives a range of|gave a figure of|gives a figure of|gave an estimate of|gives an estimate of";

/// The author of an opinion piece ("Meinung", "Kommentar", "Opinion", "Commentary" near the
/// top, and a byline "Ein Kommentar von Thorsten Klemm", "By Jane Doe").
fn opinion_author(original: &str) -> Option<String> {
    static GENRE: OnceLock<Regex> = OnceLock::new();
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    let head = &original[..floor_boundary(original, 700.min(original.len()))];
    let genre = GENRE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:meinung|kommentar|kolumne|gastbeitrag|leitartikel|opinion|commentary|column|op-ed)\b")
            .expect("static regex")
    });
    if !genre.is_match(head) {
        return None;
    }
    let byline = BYLINE.get_or_init(|| {
        Regex::new(r"\b(?:[Vv]on|[Bb]y)\s+(?:(?:Prof|Dr)\.?\s+){0,2}(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2})\b")
            .expect("static regex")
    });
    byline
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// When the sentence before `si` (in its paragraph or the one before) asks how many, and says
/// of what ("Wie viele Soldaten hat Nordkorea geschickt?", "How many are still at the
/// front?"), the quantity it asks for: its trigger's, or a deployment's for a head count.
fn asked_for(si: usize, sents: &[Sentence], text: &str, topic: &Topic) -> Option<Quantity> {
    static HOW_MANY: OnceLock<Regex> = OnceLock::new();
    // the question right before, or before a short lead-in without a figure ("Schwer zu
    // sagen. Nach meiner Schätzung etwa 1.200.")
    let q = (si.saturating_sub(2)..si).rev().find_map(|j| {
        let t = text[sents[j].start..sents[j].end].trim_end();
        (t.ends_with('?') && sents[j].para + 1 >= sents[si].para).then_some((j, t))
    });
    let (j, q) = q?;
    if (j + 1..si).any(|k| {
        text[sents[k].start..sents[k].end]
            .bytes()
            .any(|b| b.is_ascii_digit())
    }) {
        return None;
    }
    // "How many have died?", "And the overall number sent?", "Und die Zahl der Toten?"
    let at = re(
        &HOW_MANY,
        r"(?i)\b(?:how many|wie viele|wieviele|(?:the|die|der)\s+(?:\w+\s+)?(?:number|figure|count|total|toll|zahl|anzahl|gesamtzahl|bilanz))\b",
    )
    .find(q)?;
    let rest = &q[at.end()..];
    topic
        .first_trigger(rest)
        .map(|t| t.quantity)
        .or_else(|| Some(Quantity::Deployed))
}

/// The sentences of links to other stories: "Read more: …", "Lesen Sie auch: …", and the
/// rest of a paragraph under such a heading. Their figures are other articles' claims.
fn teaser_sentences(sents: &[Sentence], text: &str) -> Vec<usize> {
    static TEASER: OnceLock<Regex> = OnceLock::new();
    let teaser = re(
        &TEASER,
        r"(?i)^(?:read more|read also|also read|related(?: articles?| stories| story| coverage| content| reading| news)?|more on (?:this|the) (?:story|topic)|more coverage|see also|recommended(?: stories)?|lesen sie (?:auch|mehr|hier)|auch lesen|mehr zum thema(?: [^:]{1,40})?|mehr dazu|mehr lesen|auch interessant|weitere artikel|weiterlesen|das könnte sie auch interessieren|verwandte (?:artikel|themen)|zum thema|trending(?: now| stories| (?:on|auf) \S+)?|most (?:read|popular|viewed|watched|shared)|meistgelesen\w*|meistgesehen\w*|am meisten gelesen|top stories|more (?:stories|news|headlines)(?: from \S+)?|latest (?:news|stories|headlines)|weitere (?:nachrichten|meldungen|schlagzeilen)|neueste (?:nachrichten|meldungen)|auch spannend)(?:\s*(?::|»|>|\||$)|[ \t]*\r?\n)",
    );
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (i, s) in sents.iter().enumerate() {
        if block == Some(s.para) {
            out.push(i);
            continue;
        }
        let t = text[s.start..s.end].trim_start_matches(['#', '*', '-', ' ']);
        // "MEHR ZUM THEMA Kims Elite-Kämpfer: …": a heading in capitals runs into the headline
        const CAPS: [&str; 7] = [
            "MEHR ZUM THEMA",
            "LESEN SIE AUCH",
            "AUCH INTERESSANT",
            "READ MORE",
            "RELATED",
            "MORE ON THIS",
            "SEE ALSO",
        ];
        if CAPS.iter().any(|c| t.starts_with(c)) {
            out.push(i);
            continue;
        }
        if let Some(m) = teaser.find(t) {
            out.push(i);
            if t[m.end()..].trim().is_empty() || m.as_str().ends_with('\n') {
                block = Some(s.para);
            }
        }
    }
    out
}

/// The sentences of a wire digest's other stories. A paragraph that opens with a dateline
/// ("JAKARTA - ", "KYIV (Reuters) – ", "Seoul (dpa) – ") starts a story, which runs to the next
/// one; in a document of two or more such stories, a story that never names the subject holds
/// no claim about it ("JAKARTA - Rescuers were searching for 14 people missing …").
fn digest_other_stories(sents: &[Sentence], text: &str, topic: &Topic) -> Vec<usize> {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let dateline = re(
        &DATELINE,
        r"^(?:[A-Z][A-Z'.]+(?:[ /-][A-Z][A-Z'.]+){0,3}(?:,\s*[A-Z][A-Za-z.]+)?(?:\s*\([^)\n]{1,30}\))?|[A-Z][a-z'.]+(?:[ /-][A-Z][a-z'.]+){0,3}\s*\([^)\n]{1,30}\))\s+-{1,2}\s",
    );
    let mut starts: Vec<usize> = if text.contains(" - ") {
        (0..sents.len())
            .filter(|&i| i == 0 || sents[i].para != sents[i - 1].para)
            .filter(|&i| dateline.is_match(&text[sents[i].start..sents[i].end]))
            .collect()
    } else {
        Vec::new()
    };
    if starts.len() < 2 {
        // news in brief: under a heading that says so ("WORLD IN BRIEF", "Nachrichten in
        // Kürze"), each item opens with a heading line of its own
        static BRIEF: OnceLock<Regex> = OnceLock::new();
        let brief = re(
            &BRIEF,
            r"(?i)^(?:(?:[a-z]+\s+){0,2}(?:in brief|briefs|round-?up|digest|in kürze|kurz gemeldet|kurzmeldungen|meldungen|kompakt|nachrichtenüberblick|nachrichten am \w+|news roundup)\b|(?:[a-z]+\s+){0,2}(?:brief|briefing|newsletter|update)\s*$|(?:\w+\s+)?things (?:you need|to know)|what you need to know|das wichtigste (?:in kürze|am morgen|am abend|des tages|vom tag)|auf einen blick)",
        );
        // an item's heading is a paragraph of its own, or the first line of its item's
        // paragraph ("▶ Crash in Kazakhstan" over the item's text)
        let alone = |i: usize| {
            (i == 0 || sents[i - 1].para != sents[i].para)
                && sents.get(i + 1).is_none_or(|n| {
                    n.para != sents[i].para || text[sents[i].end..n.start].contains('\n')
                })
        };
        let Some(g) = (0..sents.len().min(6)).find(|&i| {
            let line = text[sents[i].start..sents[i].end]
                .lines()
                .next()
                .unwrap_or("");
            line.len() <= 40 && brief.is_match(line)
        }) else {
            return Vec::new();
        };
        starts = (g + 1..sents.len())
            .filter(|&i| {
                let t = text[sents[i].start..sents[i].end].trim_end();
                alone(i)
                    && t.len() < 100
                    && !t.ends_with(['.', '!', '?', ':', '"'])
                    && sents.get(i + 1).is_some()
            })
            .collect();
        if starts.len() < 3 {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(sents.len());
        let story = &text[sents[a].start..sents[b - 1].end];
        if !topic.markers.is_match(story) {
            out.extend(a..b);
        }
    }
    out
}

/// The quantity a fact box's heading names, for a fact-box line under it: the lines above it
/// are fact-box lines up to a short heading without a colon ("TROOPS", "Entsandt").
fn section_quantity(si: usize, sents: &[Sentence], text: &str, topic: &Topic) -> Option<Quantity> {
    let line = |i: usize| text[sents[i].start..sents[i].end].trim();
    if !sentences::is_fact_line(line(si)) {
        return None;
    }
    for j in (si.saturating_sub(12)..si).rev() {
        let l = line(j);
        if sentences::is_fact_line(l) {
            continue;
        }
        let heading =
            !l.contains(':') && !l.ends_with(['.', '!', '?']) && l.split_whitespace().count() <= 4;
        // a heading that names the men ("TROOPS", "Soldaten") counts those deployed
        return heading
            .then(|| {
                topic
                    .first_trigger(l)
                    .map(|t| t.quantity)
                    .or_else(|| topic.personnel.is_match(l).then_some(Quantity::Deployed))
            })
            .flatten();
    }
    None
}

/// Where a claim was printed: the article's metadata, the figure's offsets (into the document
/// text) and its quote.
fn stamp(c: &mut Claim, article: &Article, lang: &str, start: usize, end: usize, quote: &str) {
    c.doc = article.doc.clone();
    c.url = article.url.clone();
    c.publisher = article.publisher.clone();
    c.published = article.published.clone();
    c.lang = lang.to_string();
    c.start = article.base_offset + start;
    c.end = article.base_offset + end;
    c.quote = quote.to_string();
    c.confidence = (c.confidence * 100.0).round().clamp(5.0, 100.0) / 100.0;
}

/// The claims of a table: each cell read as the fact-box line "header: cell" (a cell of several
/// figures split at its semicolons), its claimant and date taken from the row.
fn table_claims(
    t: &tables::Table,
    article: &Article,
    text: &str,
    topic: &Topic,
    lang: &str,
    published: Option<PartialDate>,
    drafts: &mut Vec<Claim>,
) {
    let original = article.text.as_str();
    // a cell trimmed in the folded text may cut a character of the original ("–" folds to
    // " - "): widen the span to whole characters
    let written = |s: usize, e: usize| {
        let mut s = s.min(original.len());
        let mut e = e.min(original.len()).max(s);
        while !original.is_char_boundary(s) {
            s -= 1;
        }
        while !original.is_char_boundary(e) {
            e += 1;
        }
        &original[s..e]
    };
    // a column of row numbers ("#", "Nr.", or 1, 2, 3 … down the rows) counts nothing
    let index_col = (0..t.header.len()).find(|&i| {
        let h = t.header[i].trim().trim_end_matches('.').to_lowercase();
        matches!(
            h.as_str(),
            "#" | "no" | "nr" | "rank" | "platz" | "item" | "lfd"
        ) || (!t.rows.is_empty()
            && t.rows.iter().enumerate().all(|(k, r)| {
                r.cells
                    .get(i)
                    .is_some_and(|&(s, e)| text[s..e].trim() == (k + 1).to_string())
            }))
    });
    let measure_col = (0..t.header.len())
        .filter(|&i| Some(i) != t.source_col && Some(i) != t.date_col)
        .find(|&i| {
            let named = t
                .rows
                .iter()
                .filter(|r| {
                    r.cells.get(i).is_some_and(|&(s, e)| {
                        let c = &text[s..e];
                        !c.bytes().any(|b| b.is_ascii_digit()) && topic.first_trigger(c).is_some()
                    })
                })
                .count();
            named > 0 && named * 2 >= t.rows.len()
        });
    for row in &t.rows {
        let cell_text = |i: Option<usize>| {
            i.and_then(|i| row.cells.get(i))
                .map(|&(s, e)| (s, e))
                .filter(|(s, e)| s < e)
        };
        let claimant = cell_text(t.source_col).map(|(s, e)| {
            topic
                .claimant_mentions(&text[s..e])
                .first()
                .map(|m| topic.claimants[m.2].name.clone())
                .unwrap_or_else(|| {
                    // a source the alias table does not know, as the table names it
                    collapse_ws(&sentences::without_brackets(written(s, e)))
                })
        });
        let claimant = claimant
            .filter(|c| c.chars().any(char::is_alphanumeric))
            .unwrap_or_else(|| "unattributed".into());
        let ref_date = cell_text(t.date_col).and_then(|(s, e)| {
            tables::cell_date(written(s, e)).or_else(|| {
                date_expressions(&text[s..e], published, false)
                    .first()
                    .map(|d| d.1)
            })
        });
        let quote = collapse_ws(&original[row.line.0..row.line.1]);
        // a column that says what each row counts ("Measure: killed + wounded") labels the
        // row's figures in place of their own column's heading ("Figure")
        let measure = measure_col
            .and_then(|i| row.cells.get(i))
            .map(|&(s, e)| text[s..e].trim())
            .filter(|m| !m.is_empty());
        for (ci, &(cs, ce)) in row.cells.iter().enumerate() {
            if Some(ci) == t.source_col
                || Some(ci) == t.date_col
                || Some(ci) == measure_col
                || Some(ci) == index_col
                || cs >= ce
            {
                continue;
            }
            let Some(head) = measure.or(t.header.get(ci).map(String::as_str)) else {
                continue;
            };
            let mut at = cs;
            for part in text[cs..ce].split(';') {
                let (ps, pe) = (at, at + part.len());
                at = pe + 1;
                let synth = format!("{head}: {part}");
                let prefix = head.len() + 2;
                let figs = find_figures(&synth, lang);
                if figs.is_empty() {
                    continue;
                }
                let mentions = std::cell::OnceCell::new();
                let mut ctx = SentenceCtx::new(&synth, topic, lang, &figs, &mentions, published);
                for (fi, fig) in figs.iter().enumerate() {
                    if fig.start < prefix {
                        continue;
                    }
                    let Some(mut c) = ctx.read(fi, fig) else {
                        continue;
                    };
                    ctx.prev_quantity = Some(c.quantity);
                    c.claimant = claimant.clone();
                    c.via = Vec::new();
                    if let Some(d) = ref_date {
                        c.ref_date = Some(d.to_string());
                    }
                    let (fs, fe) = (ps + fig.start - prefix, ps + fig.end - prefix);
                    stamp(&mut c, article, lang, fs, fe.min(pe), &quote);
                    drafts.push(c);
                }
            }
        }
    }
}

/// "… said the NIS": a verb of saying right before a name (it attributes only what precedes it).
fn inverted_say(before: &str) -> bool {
    static INV: OnceLock<Regex> = OnceLock::new();
    re(&INV, r"(?i)\b(?:said|says|told|sagte|sagten|erklärte|teilte)\s+(?:the\s+|der\s+|die\s+|das\s+)?$").is_match(before)
}

/// Drops hedges and fillers at the end of a left window, so "killed at least" is adjacent.
fn strip_hedges(left: &str) -> &str {
    static H: OnceLock<Regex> = OnceLock::new();
    let h = re(
        &H,
        r"(?i)\s*\b(?:at least|more than|up to|as many as|about|around|some|roughly|nearly|almost|over|an estimated|estimated|a total of|another|an additional|additional|further|mindestens|mehr als|über|bis zu|etwa|rund|circa|ca\.|ungefähr|schätzungsweise|knapp|fast|weitere[nrs]?|insgesamt|bereits|schon|nur|only|already|the|a)\s*$",
    );
    // the pattern is anchored at the end, so removing its match is cutting the text short
    let mut t = left;
    for _ in 0..4 {
        match h.find(t) {
            // every hedge is a word, so a match is never empty
            Some(m) if !m.is_empty() => t = &t[..m.start()],
            _ => break,
        }
    }
    t
}

/// The words of folded (ASCII) text as byte spans: a letter, then letters, hyphens and
/// apostrophes (the regex `[\p{L}][\p{L}\-']*` on folded text, without a regex).
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let s = i;
        i += 1;
        while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-' || b[i] == b'\'') {
            i += 1;
        }
        Some((s, i))
    })
}

/// Collapses runs of white space (line and page breaks inside a quote) to one space.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// One claim mentioned several times in a document (headline, body, fact box) is one claim: the
/// first quote is kept, the mentions are counted, and the hedge and claimant come from the
/// attributed mention.
/// `tops`: where the headline ends, and where the short paragraphs at the top end.
fn merge(drafts: Vec<Claim>, topic: &Topic, tops: [usize; 2]) -> Vec<Claim> {
    // a claim at the top, and one below it
    let headline = |c: &Claim, d: &Claim| tops.iter().any(|&e| c.start < e && d.start >= e);
    // "North Korea has lost about 300 soldiers" in a headline over "About 300 … have been
    // killed" in the body: a loss that names no wounded is the same claim as the killed
    static LOST: OnceLock<Regex> = OnceLock::new();
    let lost = re(
        &LOST,
        r"(?i)\b(?:lost|loses|lose|losing|verloren|verlor|verliert)\b",
    );
    static HURT: OnceLock<Regex> = OnceLock::new();
    let hurt = re(
        &HURT,
        r"(?i)\b(?:wounded|injured|injuries|hurt|verwundet\w*|verletzt\w*|verwundete\w*|verletzte\w*)\b",
    );
    let loss_only = |c: &Claim| {
        c.quantity == Quantity::Casualties && {
            let q = fold::fold(&c.quote);
            lost.is_match(&q) && !hurt.is_match(&q)
        }
    };
    let same_quantity = |c: &Claim, d: &Claim| {
        c.quantity == d.quantity
            || (c.quantity == Quantity::Killed && loss_only(d))
            || (d.quantity == Quantity::Killed && loss_only(c))
    };
    let mut out: Vec<Claim> = Vec::new();
    for d in drafts {
        let same = out.iter_mut().find(|c| {
            // a headline shortens what the body says in full ("Schoigu: Nordkorea schickt 6000
            // Minenräumer" over "Nordkorea will weitere 6.000 Militärangehörige entsenden")
            let headline = headline(c, &d);
            same_quantity(c, &d)
                && c.low == d.low
                && c.high == d.high
                && (headline || c.projection == d.projection)
                // "1.500 Mann" and later "weitere 1.500" are two claims
                && (headline || c.increment == d.increment)
                && topic.merge_claimants(&c.claimant, &d.claimant).is_some()
        });
        match same {
            Some(c) => {
                c.mentions += 1;
                if d.quantity == Quantity::Killed {
                    c.quantity = Quantity::Killed;
                }
                // the body says in full what the headline shortened
                if headline(c, &d) {
                    c.projection |= d.projection;
                    c.increment |= d.increment;
                }
                let keep = topic
                    .merge_claimants(&c.claimant, &d.claimant)
                    .unwrap_or(&c.claimant)
                    .to_string();
                let d_better = (c.claimant != keep)
                    || (c.claimant == d.claimant
                        && c.qualifier == Qualifier::Exact
                        && d.qualifier != Qualifier::Exact);
                if d_better {
                    c.claimant = d.claimant;
                    c.via = d.via;
                    c.qualifier = d.qualifier;
                    c.increment |= d.increment;
                    c.ref_date = d.ref_date.or(c.ref_date.take());
                    c.scope = d.scope;
                }
                c.confidence = c.confidence.max(d.confidence);
            }
            None => out.push(d),
        }
    }
    out
}

struct SentenceCtx<'a> {
    s: &'a str,
    topic: &'a Topic,
    lang: &'a str,
    figs: &'a [Figure],
    /// The claimant mentions of the sentence, looked for when a figure first needs them.
    mention_cell: &'a std::cell::OnceCell<Vec<(usize, usize, usize)>>,
    published: Option<PartialDate>,
    /// The quantity of the last claim before this figure (for "the total", "of them").
    prev_quantity: Option<Quantity>,
    /// The last claim lies in this sentence or the two before, and the figure before this one
    /// in the sentence, if any, was a claim (or no count at all: a year, a date).
    prev_near: bool,
    /// The last figure read was no count at all (a date, a year, an age).
    not_a_count: std::cell::Cell<bool>,
    /// For a fact-box line, what the heading of its box counts ("TROOPS", "VERLUSTE").
    section: Option<Quantity>,
    /// What the question right before asked for ("How many troops are still there?"), when
    /// this sentence answers it.
    asked: Option<Quantity>,
    /// The sentence before, when it has no figure of its own: what it is about ("Bei den
    /// Toten wird es heikel.") is what a bare figure here counts.
    lead_in: Option<&'a str>,
    /// Per-sentence work done once for all its figures.
    dates: [std::cell::OnceCell<Vec<(usize, PartialDate)>>; 2],
    masked: std::cell::OnceCell<String>,
    has_marker: std::cell::OnceCell<bool>,
    /// Where a relay chain's "citing" ends, if the sentence has one.
    chain: std::cell::OnceCell<Option<usize>>,
    /// The sentence sums up published estimates (nobody's own claim).
    synthesis: std::cell::OnceCell<bool>,
    /// Whether the sentence rejects something ("dismissed", "wies … zurück") and names a past
    /// war: looked for once a sentence, when a figure first needs it.
    rejects: std::cell::OnceCell<bool>,
    past_war: std::cell::OnceCell<bool>,
    /// Where the sentence's clauses and coordinated parts meet (byte spans, in order).
    clause_spans: std::cell::OnceCell<Vec<(usize, usize)>>,
    coord_spans: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// Every trigger of the sentence, found once (see [`SentenceCtx::trigger_in`]).
    triggers: std::cell::OnceCell<Vec<(usize, usize, Option<Quantity>)>>,
    /// Another army is counted somewhere in the sentence (its mentions and places masked).
    other_counted: std::cell::OnceCell<bool>,
    /// Projection and scope of a clause, by its span: the figures of one clause share them.
    clause_reads: std::cell::RefCell<Vec<((usize, usize), bool, Scope)>>,
}

/// The end of the last span that ends at or before `pos`.
fn last_end_before(spans: &[(usize, usize)], pos: usize) -> Option<usize> {
    let n = spans.partition_point(|m| m.1 <= pos);
    n.checked_sub(1).map(|i| spans[i].1)
}

impl<'a> SentenceCtx<'a> {
    /// A sentence with nothing yet worked out about it.
    fn new(
        s: &'a str,
        topic: &'a Topic,
        lang: &'a str,
        figs: &'a [Figure],
        mention_cell: &'a std::cell::OnceCell<Vec<(usize, usize, usize)>>,
        published: Option<PartialDate>,
    ) -> Self {
        SentenceCtx {
            s,
            topic,
            lang,
            figs,
            mention_cell,
            published,
            prev_quantity: None,
            prev_near: false,
            not_a_count: std::cell::Cell::new(false),
            section: None,
            asked: None,
            lead_in: None,
            dates: Default::default(),
            masked: Default::default(),
            has_marker: Default::default(),
            chain: Default::default(),
            synthesis: Default::default(),
            rejects: Default::default(),
            past_war: Default::default(),
            clause_spans: Default::default(),
            coord_spans: Default::default(),
            triggers: Default::default(),
            other_counted: Default::default(),
            clause_reads: Default::default(),
        }
    }

    /// Every match of `r` in the sentence, found once.
    fn spans<'c>(
        cell: &'c std::cell::OnceCell<Vec<(usize, usize)>>,
        r: &Regex,
        s: &str,
    ) -> &'c [(usize, usize)] {
        cell.get_or_init(|| r.find_iter(s).map(|m| (m.start(), m.end())).collect())
    }

    /// The first (or last) trigger in `text`, a slice of the sentence, as `Topic::first_trigger`
    /// (`last_trigger`) finds it there, with offsets into `text`. The sentence's triggers are
    /// found once; a window's are the same as those lying wholly inside it, unless a trigger
    /// straddles an edge of the window or an edge cuts a word, when the window is searched.
    fn trigger_in(&self, text: &str, last: bool) -> Option<topic::Trigger> {
        let search = || {
            if last {
                self.topic.last_trigger(text)
            } else {
                self.topic.first_trigger(text)
            }
        };
        let base = self.s.as_ptr() as usize;
        let at = (text.as_ptr() as usize).wrapping_sub(base);
        if at > self.s.len() || at + text.len() > self.s.len() {
            return search(); // not a slice of the sentence
        }
        let (lo, hi) = (at, at + text.len());
        let word = |i: usize| {
            self.s
                .as_bytes()
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        };
        let cuts_word = |i: usize| i > 0 && word(i - 1) && word(i);
        if cuts_word(lo) || cuts_word(hi) {
            return search();
        }
        let all = self.triggers.get_or_init(|| {
            self.topic
                .triggers
                .find_iter(self.s)
                .map(|m| (m.start(), m.end(), self.topic.quantity_of(m.as_str())))
                .collect()
        });
        // the triggers that end after `lo`, up to those that start at or after `hi`
        let from = all.partition_point(|t| t.1 <= lo);
        let to = all.partition_point(|t| t.0 < hi);
        let inside = &all[from..to.max(from)];
        let straddles = |t: &(usize, usize, Option<Quantity>)| t.0 < lo || t.1 > hi;
        if inside.first().is_some_and(straddles) || inside.last().is_some_and(straddles) {
            return search();
        }
        let t = if last { inside.last() } else { inside.first() }?;
        Some(topic::Trigger {
            start: t.0 - lo,
            end: t.1 - lo,
            quantity: t.2?,
        })
    }

    fn mentions(&self) -> &[(usize, usize, usize)] {
        self.mention_cell
            .get_or_init(|| self.topic.claimant_mentions(self.s))
    }

    /// Does the sentence name the subject?
    fn names_subject(&self) -> bool {
        *self
            .has_marker
            .get_or_init(|| self.topic.markers.is_match(self.s))
    }

    fn before(&self, i: usize, max: usize) -> &str {
        let s = floor_boundary(self.s, i.saturating_sub(max));
        &self.s[s..i]
    }
    fn after(&self, i: usize, max: usize) -> &str {
        let mut e = (i + max).min(self.s.len());
        while !self.s.is_char_boundary(e) {
            e += 1;
        }
        &self.s[i..e]
    }

    /// Reads one figure; `None` when it is not a claim.
    fn read(&self, fi: usize, fig: &Figure) -> Option<Claim> {
        static DEBUG: OnceLock<bool> = OnceLock::new();
        let debug = *DEBUG.get_or_init(|| std::env::var_os("RANGEFINDER_DEBUG").is_some());
        self.not_a_count.set(false);
        if self.is_not_a_count(fi, fig) {
            self.not_a_count.set(true);
            if debug {
                eprintln!("[debug] {:?}: not a count", fig.raw);
            }
            return None;
        }
        let Some((quantity, np_end, from_left)) = self.quantity(fi, fig) else {
            if debug {
                eprintln!("[debug] {:?}: no quantity", fig.raw);
            }
            return None;
        };
        if !self.about_subject(fig, np_end) {
            if debug {
                eprintln!("[debug] {:?}: {quantity} not about the subject", fig.raw);
            }
            return None;
        }
        let (qualifier, mut low, mut high) = self.qualifier(fig);
        let (projection, scope) = self.clause_read(fig);
        let increment = self.increment(fig);
        if qualifier.is_lower_bound() {
            high = None;
        }
        if qualifier.is_upper_bound() {
            low = None;
        }
        let ref_date = self.ref_date(fig, projection);
        let mut confidence = 0.9;
        if from_left {
            confidence -= 0.1;
        }
        if !self.names_subject() {
            confidence -= 0.15;
        }
        Some(Claim {
            id: String::new(),
            doc: String::new(),
            url: None,
            publisher: None,
            published: None,
            lang: String::new(),
            quantity,
            low,
            best: None,
            high,
            qualifier,
            projection,
            increment,
            scope,
            claimant: String::new(),
            via: Vec::new(),
            ref_date: ref_date.map(|d| d.to_string()),
            quote: String::new(),
            start: 0,
            end: 0,
            confidence,
            mentions: 1,
            status: Status::Extracted,
        })
    }

    /// Dates, years, ages, durations, times, percentages, money, ordinals, units.
    fn is_not_a_count(&self, fi: usize, fig: &Figure) -> bool {
        static AFTER: OnceLock<Regex> = OnceLock::new();
        static BEFORE: OnceLock<Regex> = OnceLock::new();
        static DURATION: OnceLock<Regex> = OnceLock::new();
        static MONTH_BEFORE: OnceLock<Regex> = OnceLock::new();
        static MONTH_AFTER: OnceLock<Regex> = OnceLock::new();
        let after = self.after(fig.end, 60);
        let before = self.before(fig.start, 40);
        if (fig.low < 1.0 || (fig.low == 1.0 && !fig.digits)) && fig.shape == Shape::Point {
            return true;
        }
        // a citation or footnote mark: "[5]", "[2, 3]"
        if fig.digits
            && before.trim_end().ends_with(['[', ','])
            && before
                .rfind('[')
                .is_some_and(|b| !before[b..].contains(']'))
            && after.trim_start().starts_with([']', ','])
        {
            return true;
        }
        // a ratio: "etwa neun Verwundete auf einen Toten", "seven wounded for every soldier
        // killed"
        static FOR_EVERY: OnceLock<Regex> = OnceLock::new();
        if re(
            &FOR_EVERY,
            r"(?i)^\s*(?:[\w-]+\s+){0,4}?(?:for every|for each|to every|to each|per|auf (?:einen|einem|jeden|jede)|pro|je)\s+(?:(?:one|single|dead|wounded|einzelnen|toten)\s+)?[\w-]*\b",
        )
        .find(after)
        .is_some_and(|m| {
            let tail = &after[m.end().saturating_sub(24).min(after.len())..];
            self.topic.first_trigger(tail).is_some() || self.topic.personnel.is_match(tail)
        }) {
            return true;
        }
        // a whole army's size: "eine Armee von rund 1,2 Millionen Soldaten", "North Korea's
        // army, at roughly 1.2 million troops"
        static ARMY_OF: OnceLock<Regex> = OnceLock::new();
        if fig.low >= 100_000.0
            && re(
                &ARMY_OF,
                r"(?i)\b(?:army|armee|armed forces|streitkräfte|standing army|military)\b[^.;]{0,25}$",
            )
            .is_match(before)
        {
            return true;
        }
        // a figure in reports someone rejects: "dismissing reports that some 10,000 …",
        // "Angaben …, wonach bereits 8000 … gefallen seien, wies … zurück"
        static DENIED: OnceLock<Regex> = OnceLock::new();
        static REJECTS_BACK: OnceLock<Regex> = OnceLock::new();
        static BACK: OnceLock<Regex> = OnceLock::new();
        static REPORTS_THAT: OnceLock<Regex> = OnceLock::new();
        static REJECT_WORD: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
        if *self.rejects.get_or_init(|| {
            // a literal search first: the full pattern is costly, and rarely needed
            numbers::literals(
                &REJECT_WORD,
                &[
                    "denied", "denies", "deny", "denying", "dismiss", "reject", "refut", "rebuff",
                    "zurueck", "dementi", "bestritt", "bestreite", "unbelegt", "falsch",
                    "erfunden", "haltlos", "propaganda",
                ],
            )
            .is_match(self.s)
                && (re(
                    &DENIED,
                    r"(?i)\b(?:den(?:ied|ies|y|ying)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:ed|es|ing)|rebuff(?:ed|s)|zurückgewiesen|dementier\w*|bestritt\w*|bestreite\w*|als (?:unbelegt|falsch|erfunden|haltlos|propaganda))\b",
                )
                .is_match(self.s)
                    || (re(&REJECTS_BACK, r"(?i)\b(?:wies|weist|wiesen|weisen)\b").is_match(self.s)
                        && re(&BACK, r"(?i)\bzurück\b").is_match(self.s)))
        })
        {
            let wide = self.before(fig.start, 160);
            if re(
                &REPORTS_THAT,
                r"(?i)\b(?:reports?|claims?|suggestions?|allegations?|rumou?rs?|angaben|berichte\w*|behauptung\w*|gerüchte\w*|meldung\w*)\b[^.;]{0,60}?\b(?:that|wonach|dass|of)\b[^.;]{0,60}$",
            )
            .is_match(wide)
            {
                return true;
            }
        }
        // a past war's figures are history: "lost an estimated 215,000 soldiers in the Korean
        // War", "Seit dem Koreakrieg (1950–53) hat …"
        static PAST_WAR: OnceLock<Regex> = OnceLock::new();
        static PAST_WAR_ANY: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
        if *self.past_war.get_or_init(|| {
            numbers::literals(
                &PAST_WAR_ANY,
                &[
                    "korean war", "koreakrieg", "world war", "weltkrieg", "vietnam", "afghan",
                    "1950", "1951", "1952", "1953",
                ],
            )
            .is_match(self.s)
        }) && re(
                &PAST_WAR,
                r"(?i)\b(?:korean war|koreakrieg\w*|world war (?:i|ii|one|two)|(?:first|second) world war|weltkrieg\w*|vietnam war|vietnamkrieg\w*|soviet-afghan war|afghanistankrieg\w*|(?:1950|1951|1952|1953)\s*[–-]\s*(?:19)?5[0-3])\b",
            )
            .is_match(self.clause(fig))
        {
            return true;
        }
        // a head count is whole: "15.01.2025" in a dateline is no figure of 15.01
        if fig.shape == Shape::Point && (fig.low.fract() != 0.0 || fig.high.fract() != 0.0) {
            return true;
        }
        // "about nine to one", "neun zu eins": a ratio
        static TO_ONE: OnceLock<Regex> = OnceLock::new();
        if fig.high <= 100.0 && re(&TO_ONE, r"(?i)^\s*(?:to|zu)\s+(?:one|1|eins)\b").is_match(after)
        {
            return true;
        }
        // "Die beiden Männer sind 20 und 26 Jahre alt": the two already spoken of, described
        static PAIR_DESCRIBED: OnceLock<Regex> = OnceLock::new();
        if !fig.digits
            && fig.high == 2.0
            && re(
                &PAIR_DESCRIBED,
                r"(?i)^[^,;.]{0,40}?\b(?:sind|waren|is|are|were)\s+(?:\w+\s+)?\d{1,2}\s+(?:und|and)\s+\d{1,2}(?:\s+jahre\s+alt|\s+years\s+old)?\b",
            )
            .is_match(after)
        {
            return true;
        }
        // a footnote mark in round brackets at a clause's end: "… schicken (7).", "(12),"
        if fig.digits
            && fig.high < 1000.0
            && !fig.raw.contains(['.', ',', ' ', '\''])
            && before.ends_with('(')
            && after.starts_with(')')
            && (after[1..].trim_start().is_empty() || after[1..].starts_with(['.', ',', ';', ':']))
        {
            return true;
        }
        // "which cited two officers in Ukraine's military intelligence": the sources, not a count
        static CITED: OnceLock<Regex> = OnceLock::new();
        if re(
            &CITED,
            r"(?i)\b(?:cited|citing|quoting|quoted|zitiert\w*|zitierte|unter berufung auf|beruft sich auf|berief sich auf)\s+$",
        )
        .is_match(before)
        {
            return true;
        }
        // a count is never written with a leading zero: "call 0161 496 0752", "Tel. 03834 …"
        if fig.digits
            && fig.raw.starts_with('0')
            && fig.raw[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
        // glued to a word: "11th", "3D", "A320"
        if fig.digits && after.chars().next().is_some_and(|c| c.is_alphabetic()) {
            return true;
        }
        let after_re = re(
            &AFTER,
            r"(?i)^(?:\s*(?:%|prozent|percent|per\s?cent|uhr|a\.m\.|p\.m\.|gmt\b|utc\b|mez\b|mesz\b|cet\b|cest\b|bst\b|kst\b|msk\b|min\b|mins\b|sek\b|std\b|mm\b|cm\b|km\b|km²|km2\b|kilometer|quadratkilometer|quadratmeter|square (?:kilomet|mile|met)|hektar|hectares?|acres?|meilen|miles)|-?\s*(?:jährig|jahre\s+alt|years?[- ]old|year\b|mm\b|millimet(?:er|re)|kaliber|calibre|caliber|km\b|kilomet(?:er|re)|fach|mal\b|figures?\b|digits?\b|stellig)|:\d|\.\d{1,2}\.|/\d)",
        );
        if after_re.is_match(after) {
            return true;
        }
        // "14 Harrow Lane": a house number
        static STREET: OnceLock<Regex> = OnceLock::new();
        if fig.digits
            && fig.high < 10_000.0
            && re(
                &STREET,
                r"^\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Lane|Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Drive|Place|Square|Terrace|Close|Way)\b",
            )
            .is_match(after)
        {
            return true;
        }
        // "ages 21 and 25", "im Alter von 20 und 26"
        static AGES: OnceLock<Regex> = OnceLock::new();
        if re(
            &AGES,
            r"(?i)\b(?:aged|ages|im alter von)\s+\d{1,3}\s*(?:,|and|und|or|oder|bis|to|-)\s*$",
        )
        .is_match(before)
        {
            return true;
        }
        static PAIR_AGE: OnceLock<Regex> = OnceLock::new();
        if re(&PAIR_AGE, r"(?i)^\s*(?:und|and|bis|to|or|oder|-|–|,\s*(?:der|die|the)\s+(?:andere|other|zweite|second))\s*\d{1,3}\s*(?:jahre\s+alt|years?\s+old|-year-old|-jährig)").is_match(after) {
            return true;
        }
        // "oft nicht älter als 20", "no older than 19", "jünger als 25": an age
        static OLDER_THAN: OnceLock<Regex> = OnceLock::new();
        if fig.high < 100.0
            && re(
                &OLDER_THAN,
                r"(?i)\b(?:älter|jünger|older|younger)\s+(?:als|than)\s*$",
            )
            .is_match(before)
        {
            return true;
        }
        // labels, and (at the end) "in groups of 20 to 30" (each of many groups: "a first group
        // of 1,500 troops" is a deployment) and "a killed-to-wounded ratio of roughly 1 to 9"
        let before_re = re(
            &BEFORE,
            r"(?i)(?:\$|\bus-?\$|\bnr\.?|\bno\.|\bnummer|\bnumber|\bpage|\bseite|\barticle|\bsection|\babschnitt|\bfrage|\bquestion|\bpunkt|\bteil|\bpart|\bschritt|\bstep|\bim alter von|\bat the age of|\baged|\bages|\bkapitel|\bartikel|\bplatz|\bparagraphs?|\babsatz|\babsätze|\bitem|\bupdate|\bfolge|\bepisode|\bausgabe|\bissue|\bvolume|\bexit|\bausfahrt|\broute|\bhighway|\binterstate|\bgleis|\bterminal|\bflight|\bflug|\bzimmer|\broom|\bchapter|\bresolution|§|\b(?:groups|squads|teams|gruppen|trupps)\s+(?:of|von|zu|à|mit)|\b(?:ratio|verhältnis|quote)\s+(?:of|von)\s+(?:\S+\s+){0,2})\s*$",
        );
        if let Some(m) = before_re.find(before) {
            // "the wounded now number 2,700": the verb, not a label
            static NUMBER_VERB: OnceLock<Regex> = OnceLock::new();
            let verb = m.as_str().trim_end().eq_ignore_ascii_case("number")
                && re(
                    &NUMBER_VERB,
                    r"(?i)\b(?:now|to|could|would|will|may|might|which|that|who|they|also|still|already|soldiers|troops|men|wounded|dead|killed|casualties|losses|forces|koreans)\s+$",
                )
                .is_match(&before[..m.start()]);
            if !verb {
                return true;
            }
        }
        // "one of the two men", "einer der beiden": men already counted, not a new count
        static OF_THE: OnceLock<Regex> = OnceLock::new();
        let of_the = re(
            &OF_THE,
            r"(?i)\b(?:(?:one|each|both|either|neither|none) of (?:the|these|those)|(?:einer|eine|eines|jeder|jede|keiner|keine) (?:der|dieser))\s*$",
        );
        if fig.high <= 10.0 && of_the.is_match(before) {
            return true;
        }
        // "between the two countries", "zwischen den beiden Ländern": a pair of parties
        if fig.high == 2.0 && !fig.digits {
            let b = before.trim_end().to_ascii_lowercase();
            if b.ends_with("between the") || b.ends_with("zwischen den") {
                return true;
            }
        }
        // "one in three of the soldiers": a ratio
        static THE_TWO: OnceLock<Regex> = OnceLock::new();
        static RATIO: OnceLock<Regex> = OnceLock::new();
        static RATIO_B: OnceLock<Regex> = OnceLock::new();
        let ratio = re(
            &RATIO,
            r"(?i)^\s*in\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:of|der|von|soldiers|troops|men|north|nordkorean\w*|soldaten)\b",
        );
        // the first number of "one in three of …", or the second
        if (fig.high <= 10.0 && ratio.is_match(after))
            || re(&RATIO_B, r"(?i)\b(?:one|\d)\s+in\s*$").is_match(before)
        {
            return true;
        }
        // "14:10", "08:50 Uhr": the minutes of a time; "11/2025", "3/4": a date or a fraction
        if fig.digits
            && before
                .strip_suffix([':', '/'])
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
        {
            return true;
        }
        // "Kim Jong Un, 40, has not commented": an age in commas after a name
        if fig.digits
            && fig.high < 120.0
            && after.starts_with(',')
            && before.ends_with(", ")
            && before[..before.len() - 2]
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) && w.len() > 1)
        {
            return true;
        }
        // "Sergej Schoigu (70)": an age in brackets after a name
        if fig.digits
            && fig.high < 120.0
            && before.trim_end().ends_with('(')
            && after.starts_with(')')
            && before
                .trim_end()
                .trim_end_matches('(')
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        {
            return true;
        }
        // "the two were taken alive": the men already spoken of
        if !fig.digits
            && fig.high <= 10.0
            && before.trim_end().to_ascii_lowercase().ends_with(" the")
            && self.first_noun_after(fig.end).is_none()
            && re(
                &THE_TWO,
                r"(?i)^\s+(?:were|was|are|had|have|would|will|could|men|of them)\b",
            )
            .is_match(after)
        {
            return true;
        }
        // German ordinals and list numbering: "24. Oktober", "1. Startseite", "die 11. Brigade"
        if fig.digits
            && fig.raw.len() <= 3
            && !fig.raw.contains([',', '.', ' '])
            && after.starts_with('.')
            && after[1..].starts_with(|c: char| c.is_whitespace())
        {
            let next_word = after[1..].split_whitespace().next().unwrap_or("");
            // "… beliefen sich auf 300." ends a sentence with a count; only a following word in
            // the same line makes it an ordinal
            if !next_word.is_empty()
                && !after[1..].trim_start_matches([' ', '\t']).starts_with('\n')
            {
                return true;
            }
        }
        // dates: "24 October", "October 24", "December 14 and 15"
        let month_after = re_fmt(&MONTH_AFTER, || {
            format!(r"(?i)^\s*(?:und|and|bis|to|-|–)?\s*(?:\d{{1,2}}\.?\s*)?\.?\s*{MONTHS}\b")
        });
        let month_before = re_fmt(&MONTH_BEFORE, || {
            format!(
                r"(?i)\b{MONTHS}\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:und|and|bis|to|-|–)\s*)?$"
            )
        });
        if fig.digits
            && fig.low <= 31.0
            && (month_after.is_match(after) || month_before.is_match(before))
        {
            return true;
        }
        // durations: "drei Monate", "for ten days", "seit rund drei Monaten"
        let duration = re(
            &DURATION,
            r"(?i)^[\s-]*(?:[\p{L}]+\s+)?(?:tage?n?|tagen|wochen?|monate?n?|monaten|jahre?n?|jahrzehnte?n?|stunden?|minuten?|sekunden|nächte?n?|days?|weeks?|months?|years?|decades?|hours?|minutes?|seconds|nights?)\b",
        );
        // (but "around 11,000 a month later" dates the figure, it does not measure time)
        let later = |m: regex::Match| {
            // (only past an article: "two days after" still counts days)
            let article = m
                .as_str()
                .trim_start_matches([' ', '-'])
                .split_whitespace()
                .next()
                .is_some_and(|w| {
                    ["a", "an", "one", "ein", "einen", "einem"]
                        .iter()
                        .any(|a| w.eq_ignore_ascii_case(a))
                });
            let next = after[m.end()..]
                .trim_start()
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            [
                "later",
                "earlier",
                "after",
                "before",
                "ago",
                "afterwards",
                "spaeter",
                "danach",
                "zuvor",
                "darauf",
            ]
            .iter()
            .any(|w| next.eq_ignore_ascii_case(w))
                && article
        };
        if duration.find(after).is_some_and(|m| !later(m))
            && !self
                .topic
                .personnel
                .is_match(after.split_whitespace().next().unwrap_or(""))
        {
            return true;
        }
        // years: a bare 19xx/20xx is a count only when a count's noun or hedge goes with it
        static YEAR_CTX: OnceLock<Regex> = OnceLock::new();
        let year_ctx = re_fmt(&YEAR_CTX, || {
            format!(
                r"(?i)(?:\b{MONTHS}\.?|\bim jahr(?:e)?|\bjahres|\bseit|\bsince|\bin|\bof|\bvon|\bbis|\byear|\bfrühjahr|\bsommer|\bherbst|\bwinter|\bspring|\bsummer|\bautumn|\bfall|\d\.)\s*$"
            )
        });
        if fig.year_like && year_ctx.is_match(before) {
            return true;
        }
        if fig.year_like {
            static QBEFORE: OnceLock<Regex> = OnceLock::new();
            let q = re(
                &QBEFORE,
                r"(?i)\b(?:etwa|rund|circa|ca\.|ungefähr|mindestens|mehr als|über|bis zu|about|around|some|roughly|nearly|almost|at least|more than|over|up to|weitere|another|additional|knapp|fast)\s*$",
            );
            let noun_next = self
                .first_noun_after(fig.end)
                .is_some_and(|(_, personnel)| personnel);
            let trig_next = self
                .topic
                .first_trigger(after)
                .is_some_and(|t| t.start <= 2 && t.quantity != Quantity::Deployed);
            if !(noun_next || trig_next || q.is_match(before)) {
                return true;
            }
        }
        let _ = fi;
        false
    }

    /// The first noun-like word after `pos` within four words: (end offset, is personnel).
    /// `None` when there is none, or a non-personnel noun comes first.
    fn first_noun_after(&self, pos: usize) -> Option<(usize, bool)> {
        let rest = self.after(pos, 80);
        const STOP: [&str; 58] = [
            "in", "im", "into", "of", "from", "to", "at", "on", "by", "for", "with", "and", "or",
            "the", "a", "an", "nach", "aus", "bei", "mit", "von", "vom", "fuer", "und", "oder",
            "der", "die", "das", "den", "dem", "des", "zu", "zur", "zum", "auf", "an", "am",
            "seit", "since", "were", "was", "had", "have", "has", "are", "is", "sind", "wurden",
            "waren", "seien", "sei", "hat", "haben", "worden", "werden", "who", "that", "which",
        ];
        for (ws, we) in words(rest).take(4) {
            let word = &rest[ws..we];
            if STOP.iter().any(|s| s.eq_ignore_ascii_case(word)) {
                return None;
            }
            // "about 15,000, across two rotations": a comma ends the noun phrase (unless the
            // men follow it: "The first 1,500, special forces from …")
            if rest[..ws].contains([',', ';'])
                && !self
                    .topic
                    .personnel
                    .find(&rest[ws..])
                    .is_some_and(|m| m.start() == 0)
            {
                return None;
            }
            let abs_end = pos + we;
            let class = self.topic.word_class(word);
            if class.not_personnel && !class.personnel {
                return Some((abs_end, false));
            }
            if class.personnel {
                // "Nordkorea-Soldaten", "North Korean troops"
                return Some((abs_end, true));
            }
            // a personnel noun of two words: "North Koreans"
            let first_word = self
                .topic
                .personnel_first_words
                .iter()
                .any(|f| f.eq_ignore_ascii_case(word));
            if let Some(p) = first_word
                .then(|| self.topic.personnel.find(&rest[ws..]))
                .flatten()
                .filter(|p| p.start() == 0 && p.end() > word.len())
            {
                return Some((pos + ws + p.end(), true));
            }
            if class.trigger_at_start {
                return None;
            }
            // German capitalises its nouns: one the lexicons do not know as people is the head
            // of something else ("zwei weitere Ortschaften", "fünf Lagern")
            let dative = word.strip_suffix('n').unwrap_or(word);
            if self.lang == "de"
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.len() > 2
                && !rest[..ws].contains(['\n', ';', ',', '.', ':', '(', ')'])
                && !self.topic.markers.is_match(word)
                && !self.topic.others.is_match(word)
                && self.topic.first_trigger(word).is_none()
                && self.topic.first_trigger(dative).is_none()
                && !self.topic.personnel.is_match(dative)
            {
                return Some((abs_end, false));
            }
        }
        None
    }

    /// What the figure counts: (quantity, end of its noun phrase, found on the left).
    fn quantity(&self, fi: usize, fig: &Figure) -> Option<(Quantity, usize, bool)> {
        static CLAUSE_END: OnceLock<Regex> = OnceLock::new();
        static PARTITIVE: OnceLock<Regex> = OnceLock::new();
        let clause_end = re(
            &CLAUSE_END,
            r"(?i)(?:;|\s[–—]\s|,\s*(?:while|während|but|aber|wobei|whereas|doch|sodass|so that|womit|damit|bringing|taking|raising|pushing|putting|bringt|brachte|according to|laut|citing|darunter|including|among them|davon)\b|,\s*(?:\w+\s+){1,4}(?:said|says|told|added|estimated|reported|sagte|sagt|sagten|erklärte|teilte|schätzte|berichtete)\b|\.\s)",
        );
        let partitive = re(
            &PARTITIVE,
            r"(?i)^\s*(?:der|of the|of|von den|von|unter den|among the|among)\s*$",
        );
        let noun = self.first_noun_after(fig.end);
        if noun.is_some_and(|(_, p)| !p) {
            return None;
        }
        // right window: up to the next figure (past a partitive "1.000 der 11.000 Soldaten")
        let mut r_start = fig.end;
        let mut r_end = self.s.len();
        if let Some(next) = self.figs.get(fi + 1) {
            if partitive.is_match(&self.s[fig.end..next.start]) {
                // skip the next figure's own noun phrase
                r_end = self.figs.get(fi + 2).map_or(self.s.len(), |n| n.start);
                r_start = self
                    .first_noun_after_any(next.end)
                    .unwrap_or(next.end)
                    .min(r_end);
            } else {
                r_end = next.start;
            }
        }
        let right = &self.s[r_start..r_end];
        // "c. 4,000", "ca. 300": an abbreviation's full stop ends nothing
        let abbrev_stop = |t: &str, m: &regex::Match| {
            m.as_str().starts_with('.') && {
                let w = t[..m.start()]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                [
                    "c", "ca", "approx", "est", "vs", "bzw", "nr", "no", "st", "dr", "mr",
                ]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
            }
        };
        let right = match clause_end.find_iter(right).find(|m| !abbrev_stop(right, m)) {
            Some(m) => &right[..m.start()],
            None => right,
        };
        let l_start = if fi > 0 { self.figs[fi - 1].end } else { 0 };
        // a fact-box line's label says what its value counts, whatever dates or numbers its
        // brackets hold: "Killed and wounded (US officials, Dec 2024): several hundred"
        let label: Option<String> = self.s.find(':').and_then(|colon| {
            (colon < fig.start && sentences::is_fact_line(self.s.trim())).then(|| {
                let mut l = sentences::without_brackets(&self.s[..colon]);
                l.push_str(&self.s[colon..fig.start]);
                l
            })
        });
        // "Artillery shells shipped (Seoul): more than 9 million": the label counts materiel
        if let Some(l) = &label {
            static MATERIEL: OnceLock<Regex> = OnceLock::new();
            static IN_RUSSIA: OnceLock<Regex> = OnceLock::new();
            let materiel = re(
                &MATERIEL,
                r"(?i)\b(?:arbeit\w*|workers?|labou?rers?|container\w*|granat\w*|shells?|munition\w*|ammunition|raketen\w*|missiles?|rockets?|drohnen\w*|drones?|panzer\w*|tanks?|fahrzeug\w*|vehicles?|geschütz\w*|artillery|haubitze\w*|howitzers?|guns?|waffen|weapons?|dollar\w*|euro\w*|tonnen|tons?|tonnes?)\b",
            );
            let head = &l[..l.find(':').unwrap_or(l.len())];
            if materiel.is_match(head) && !self.topic.personnel.is_match(head) {
                return None;
            }
            // "Nordkoreas Armee: rund 1,2 Millionen Soldaten": a whole army's size
            static WHOLE_ARMY: OnceLock<Regex> = OnceLock::new();
            if re(
                &WHOLE_ARMY,
                r"(?i)\b(?:armee|army|armed forces|streitkräfte|truppenstärke|military strength|active duty)\b",
            )
            .is_match(head)
                && !head.contains(['(', '['])
                && !re(&IN_RUSSIA, r"(?i)\b(?:in|nach|to|im)\s+(?:russland|russia|kursk)").is_match(head)
            {
                return None;
            }
        }
        let wide_left =
            &self.s[l_start.max(floor_boundary(self.s, fig.start.saturating_sub(250)))..fig.start];
        let left =
            &self.s[l_start.max(floor_boundary(self.s, fig.start.saturating_sub(120)))..fig.start];
        let left = match clause_end
            .find_iter(left)
            .filter(|m| !abbrev_stop(left, m))
            .last()
        {
            Some(m) => &left[m.end()..],
            None => left,
        };
        let left = label.as_deref().unwrap_or(left);
        // "the number of North Korean soldiers killed … at about 300": the construction's own
        // noun phrase says what is counted
        static NUMBER_OF: OnceLock<Regex> = OnceLock::new();
        let number_of = re(
            &NUMBER_OF,
            r"(?i)\b(?:number|figure|count|toll|total|zahl|anzahl|gesamtzahl)\s+(?:of|der|an|von)\s+",
        );
        if let Some(m) = number_of.find_iter(wide_left).last() {
            let np = &wide_left[m.end()..];
            let np_words: String = np.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
            if let Some((q, _)) = self.first_trigger(&np_words, 12) {
                return Some((q, fig.end, true));
            }
            if self.topic.personnel.is_match(&np_words) {
                return Some((Quantity::Deployed, fig.end, true));
            }
        }
        let last_left = self.last_trigger(strip_hedges(left));
        // a verb right before the figure governs it: "had killed 50 … and wounded 47"
        if let Some((q, 0)) = last_left {
            // (but "eliminated 38 and wounded 55": a verb right before the next figure is
            // that one's)
            let next_governed = self.figs.get(fi + 1).is_some_and(|_| {
                self.trigger_in(right, true)
                    .is_some_and(|t| right[t.end..].trim().is_empty())
            });
            let specific_right = !next_governed
                && self
                    .first_trigger(right, 3)
                    .is_some_and(|(rq, _)| rq != Quantity::Deployed && rq != q);
            if (q != Quantity::Deployed || noun.is_none()) && !specific_right {
                return Some((q, fig.end, true));
            }
        }
        // "the casualties numbered in the high hundreds", "die Verluste beliefen sich auf 300":
        // a linking verb between the counted noun and its figure
        if let Some((q, dist)) = last_left.filter(|&(_, d)| (1..=12).contains(&d)) {
            static LINK: OnceLock<Regex> = OnceLock::new();
            let link = re(
                &LINK,
                r#"(?i)\b(?:numbered|numbers|stood at|stands at|rose to|risen to|climbed to|reached|totals|totalled|totaled|amounted to|came to|(?:beliefen|belaufen|beläuft|belief) sich (?:\S+\s+){0,6}?auf|(?:liegt|lag|liegen|lagen) (?:\S+\s+){0,6}?bei|(?:stieg|stiegen|gestiegen) (?:\S+\s+){0,6}?auf|betrug|betragen|beträgt)\s+(?:\S+\s+){0,4}$"#,
            );
            let stripped = strip_hedges(left);
            if link.is_match(stripped)
                && self.trigger_in(stripped, true).is_some_and(|t| {
                    !stripped[t.end..].contains(',')
                        && stripped[t.end..].split_whitespace().count() == dist
                })
            {
                return Some((q, fig.end, true));
            }
        }
        // "roughly 3,000 more had followed …, and put casualties at …": a bare increment
        // whose clause names nothing else
        if noun.is_none()
            && (self.increment_word_before(fig) || right.trim_start().starts_with("more"))
            && self
                .trigger_in(right, false)
                .is_none_or(|t| right[..t.start].contains(','))
        {
            return Some((Quantity::Deployed, fig.end, true));
        }
        // a verb whose parts frame the men: "Die Ukraine hält zwei Soldaten aus Nordkorea
        // fest", "nahm drei Nordkoreaner gefangen", "have taken two North Korean soldiers
        // alive", "took 2 soldiers prisoner"
        if let Some((end, true)) = noun {
            static FRAME_DE: OnceLock<Regex> = OnceLock::new();
            static FRAME_DE_END: OnceLock<Regex> = OnceLock::new();
            static FRAME_EN: OnceLock<Regex> = OnceLock::new();
            static FRAME_EN_END: OnceLock<Regex> = OnceLock::new();
            let stripped = strip_hedges(left);
            let framed = if self.lang == "de" {
                re(
                    &FRAME_DE,
                    r"(?i)\b(?:hält|hielt|halten|hielten|nimmt|nahm|nahmen|nehmen)\s+(?:\S+\s+){0,4}$",
                )
                .is_match(stripped)
                    && right.split_whitespace().count() <= 10
                    && re(&FRAME_DE_END, r"(?i)\s(?:fest|gefangen)[\s.!?\x22]*$").is_match(right)
            } else {
                re(
                    &FRAME_EN,
                    r"(?i)\b(?:took|taken|take|takes|taking)\s+(?:\S+\s+){0,4}$",
                )
                .is_match(stripped)
                    && re(
                        &FRAME_EN_END,
                        r"(?i)^\s*(?:\S+\s+){0,5}?(?:alive|prisoners?|captives?)\b",
                    )
                    .is_match(right)
            };
            if framed {
                return Some((Quantity::Captured, end, false));
            }
        }
        // "about 15,000 troops to Russia, casualties near 4,700": after a comma, the word
        // right before the next figure is that one's
        let next_label = self
            .figs
            .get(fi + 1)
            .is_some_and(|n| n.start == r_start + right.len())
            && self.trigger_in(right, false).is_some_and(|t| {
                right[..t.start].contains(',') && right[t.end..].split_whitespace().count() <= 2
            });
        // first trigger on the right, within twelve words
        if let Some((q, words)) = self.first_trigger(right, 12).filter(|_| !next_label) {
            // "300 soldiers sent to fight for Russia have been killed": the men and a
            // participle that describes them, then the verb that counts them
            if q == Quantity::Deployed {
                if let Some(q2) = self.verb_after_description(right, 12) {
                    return Some((q2, fig.end + noun.map_or(0, |n| n.0 - fig.end), false));
                }
            }
            // "zwei verwundete Nordkoreaner gefangen genommen", "two wounded soldiers were
            // captured": the adjective describes the men, the verb after them counts them
            if words == 0 && matches!(q, Quantity::Wounded | Quantity::Killed) {
                let then = self.trigger_in(right, false).and_then(|t| {
                    let rest = &right[t.end..];
                    self.trigger_in(rest, false)
                        .map(|t2| (t2.quantity, &rest[..t2.start]))
                });
                if let Some((Quantity::Captured, between)) = then {
                    if between.split_whitespace().count() <= 4
                        && self.topic.personnel.is_match(between)
                    {
                        return Some((
                            Quantity::Captured,
                            fig.end + noun.map_or(0, |n| n.0 - fig.end),
                            false,
                        ));
                    }
                }
            }
            return Some((q, fig.end + noun.map_or(0, |n| n.0 - fig.end), false));
        }
        if let Some((q, dist)) = last_left {
            if q != Quantity::Deployed && dist <= 3 {
                return Some((q, fig.end, true));
            }
        }
        if let Some((end, true)) = noun {
            if let Some(q) = right
                .get(end.saturating_sub(r_start)..)
                .filter(|_| end >= r_start)
                .and_then(|rest| self.final_participle(rest))
            {
                return Some((q, end, false));
            }
            // a head count with nothing else said about it is a deployment figure
            if let Some((q, dist)) = last_left {
                if dist <= 10 {
                    return Some((q, end, true));
                }
            }
            return Some((Quantity::Deployed, end, false));
        }
        if let Some((q, dist)) = last_left {
            if dist <= 10 {
                return Some((q, fig.end, true));
            }
        }
        // a fact-box line whose label names no quantity: its box's heading does
        if label.is_some() {
            if let Some(q) = self.section {
                return Some((q, fig.end, true));
            }
        }
        // "the total could rise to 10,000", "2,000 of them": the quantity last spoken of
        static ANAPHOR_L: OnceLock<Regex> = OnceLock::new();
        static ANAPHOR_R: OnceLock<Regex> = OnceLock::new();
        let al = re(
            &ANAPHOR_L,
            r"(?i)\b(?:total|number|figure|count|tally|toll|estimates?|zahl|gesamtzahl|anzahl|summe|schätzung\w*|angaben|insgesamt|bilanz)\b",
        );
        let ar = re(
            &ANAPHOR_R,
            r"(?i)^\s*(?:of them|of those|of these|von ihnen|davon|unter ihnen)\b",
        );
        // "a force the agency still estimates at some eleven thousand", "ein Kontingent, das
        // der NIS auf 11.000 schätzt": the force's size, whatever was counted before
        static FORCE: OnceLock<Regex> = OnceLock::new();
        if noun.is_none()
            && re(
                &FORCE,
                r"(?i)(?:\b(?:force|contingent|kontingent|truppe|streitmacht)\b[^,.;]{0,50}\b(?:estimates?|estimated|puts?|schätzt|schätzte|beziffert|bezifferte)\b[^,.;]{0,20}|\b(?:puts?|estimates?|estimated|schätzt|schätzte|beziffert|bezifferte)\s+(?:the|its|their|die|das|den|seine|ihre)\s+(?:force|contingent|kontingent|truppe|streitmacht|deployment)\s+(?:at|auf)\s+[^,.;]{0,20})$",
            )
            .is_match(left)
        {
            return Some((Quantity::Deployed, fig.end, true));
        }
        if let Some(prev) = self.prev_quantity {
            // "nach Angaben der Regierung" names a source, not the figure spoken of
            let anaphor = al.find_iter(left).any(|m| {
                !(m.as_str().eq_ignore_ascii_case("angaben")
                    && left[..m.start()]
                        .trim_end()
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case("nach")))
            });
            // "of them" points at men counted just before, not pages back
            if anaphor || (self.prev_near && ar.is_match(self.after(fig.end, 20))) {
                return Some((prev, fig.end, true));
            }
            // "Bis Dezember könnten es 15.000 sein": "es" is what the sentence before counted
            static ES: OnceLock<Regex> = OnceLock::new();
            let es = re(
                &ES,
                r"(?i)\b(?:(?:seien|sind|waren|wären|könnten|dürften|sollen|sollten|werden|würden)\s+es|es\s+(?:seien|sind|waren|wären|könnten|dürften|sollen|sollten|werden|würden))\b",
            );
            if self.prev_near && es.is_match(left) {
                return Some((prev, fig.end, true));
            }
            // "…, dass es bis Jahresende bis zu fünfzehntausend werden könnten"
            static ES_WERDEN: OnceLock<Regex> = OnceLock::new();
            if self.prev_near
                && noun.is_none()
                && re(&ES_WERDEN, r"(?i)^\s*(?:werden|sein|geworden)\b").is_match(right)
                && left
                    .split_whitespace()
                    .rev()
                    .take(6)
                    .any(|w| w.eq_ignore_ascii_case("es"))
            {
                return Some((prev, fig.end, true));
            }
            // "By April it was about 15,000": "it" is the count just given
            static IT_WAS: OnceLock<Regex> = OnceLock::new();
            let it_was = re(
                &IT_WAS,
                r"(?i)(?:^|,)\s*(?:(?:by|in|at|since|until|as of)\s+(?:\S+\s+){1,3})?(?:it|that)\s+(?:was|is|has been|had been|now stands at|stood at|stands at|rose to|has risen to|had risen to|grew to|has grown to|had grown to|reached|has reached|had reached)\s*$",
            );
            // "That is up from about 600 in April": the earlier value of the same count
            static UP_FROM: OnceLock<Regex> = OnceLock::new();
            let up_from = re(
                &UP_FROM,
                r"(?i)\b(?:up|down|rising|risen|rose|grown|grew|increased|decreased|climbed)\s+from\s*$",
            );
            if self.prev_near
                && noun.is_none()
                && (it_was.is_match(strip_hedges(left)) || up_from.is_match(strip_hedges(left)))
            {
                return Some((prev, fig.end, true));
            }
        }
        // "When the first units arrived …, intelligence counted roughly 11,000 of them": with
        // nothing counted before, "of them" are the men the sentence spoke of
        if self.prev_quantity.is_none() && ar.is_match(self.after(fig.end, 20)) {
            if let Some(t) = self.trigger_in(wide_left, true) {
                return Some((t.quantity, fig.end, true));
            }
        }
        // "Bei den Toten wird es heikel. Der Geheimdienst nennt rund 600.", "HUR hatte sogar
        // 12.000 genannt": a source names a bare figure of what was just spoken of
        if noun.is_none() {
            static NAMES: OnceLock<Regex> = OnceLock::new();
            let names = re_fmt(&NAMES, || {
                format!(r"(?i)\b(?:{NAMING_VERBS})\s+(?:\S+\s+){{0,3}}$")
            });
            let stripped = strip_hedges(left);
            let next = right.trim_start();
            let named_after = ["genannt", "angegeben", "beziffert"]
                .iter()
                .any(|w| next.starts_with(w))
                // "hatte noch von 8000 gesprochen", "HUR geht inzwischen von rund 4.000 aus"
                || (stripped.trim_end().ends_with(" von")
                    && (next.starts_with("gesprochen")
                        || (next.starts_with("aus")
                            && !next[3..].starts_with(|c: char| c.is_alphanumeric())
                            && {
                                static GOES: OnceLock<Regex> = OnceLock::new();
                                re(
                                    &GOES,
                                    r"(?i)\b(?:geht|ging|gehen|gingen|gegangen)\b[^,.;]{0,60}$",
                                )
                                .is_match(stripped)
                            })));
            if names.is_match(stripped) || names.is_match(left) || named_after {
                let lead_in = self
                    .lead_in
                    .and_then(|p| self.topic.first_trigger(p))
                    .map(|t| t.quantity);
                // (a question between says what the answer names: "And the overall number
                // sent?" – "In April the agency put it at about 15,000")
                let prev = self.prev_quantity.filter(|_| self.prev_near);
                if let Some(q) = self.asked.or(lead_in).or(prev) {
                    return Some((q, fig.end, true));
                }
            }
        }
        // "… schätzte die Verluste auf rund 1.100, Präsident Selenskyj sogar auf mehr als
        // 3.000", "put the dead at 300 and Kyiv at 1,000": a gapped clause repeats the
        // preposition of the figure before it, and counts what that one counted
        if noun.is_none() && self.prev_near {
            let prep = |at: usize| {
                strip_hedges(self.before(at, 40))
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .map(str::to_ascii_lowercase)
                    .filter(|w| ["auf", "at", "to"].contains(&w.as_str()))
            };
            if let (Some(p), Some(pf)) = (prep(fig.start), fi.checked_sub(1).map(|i| &self.figs[i]))
            {
                if prep(pf.start).as_deref() == Some(p.as_str())
                    && self.s[pf.end..fig.start].contains(',')
                {
                    if let Some(q) = self.prev_quantity {
                        return Some((q, fig.end, true));
                    }
                }
            }
        }
        if noun.is_none() && self.wave_before(fig) {
            return Some((Quantity::Deployed, fig.end, true));
        }
        // "weitere 5.000 sollen folgen", "a promise of 6,000 more": only a deployment grows
        let next_words = self.after(fig.end, 12).trim_start();
        if noun.is_none()
            && (self.increment_word_before(fig)
                || next_words.starts_with("more")
                || next_words.starts_with("weitere"))
        {
            return Some((Quantity::Deployed, fig.end, true));
        }
        // "How many are still at the front?" – "Fewer than 10,000, I'd say.": the question
        // says what the answer counts
        if noun.is_none() {
            if let Some(q) = self.asked {
                return Some((q, fig.end, true));
            }
        }
        None
    }

    fn first_noun_after_any(&self, pos: usize) -> Option<usize> {
        let rest = self.after(pos, 80);
        self.topic
            .personnel
            .find(rest)
            .filter(|m| m.start() < 40)
            .map(|m| pos + m.end())
    }

    /// The first trigger in `text` within `max_words`, with killed-and-wounded pairs read as
    /// casualties.
    fn first_trigger(&self, text: &str, max_words: usize) -> Option<(Quantity, usize)> {
        let t = self.trigger_in(text, false)?;
        let words = text[..t.start].split_whitespace().count();
        if words > max_words {
            return None;
        }
        Some((
            self.pair(t.quantity, &text[t.end..], &text[..t.start]),
            words,
        ))
    }

    /// After a figure's head noun and participles that describe it ("soldiers sent to fight
    /// for Russia", "nach Russland entsandte Soldaten"), the quantity of a finite verb with its
    /// auxiliary ("have been killed", "sind getötet worden"), within `max_words` words and the
    /// same clause. `None` when a deployment verb has an auxiliary of its own ("were sent"):
    /// then the deployment is what is said.
    fn verb_after_description(&self, right: &str, max_words: usize) -> Option<Quantity> {
        static AUX: OnceLock<Regex> = OnceLock::new();
        let aux = re(
            &AUX,
            r"(?i)\b(?:have|has|had|were|was|are|is|been|being|wurden|wurde|sind|seien|waren|worden|haben|hatten)\s+(?:\w+\s+){0,2}$",
        );
        let mut at = 0;
        loop {
            let t = self.trigger_in(&right[at..], false)?;
            let (ts, te) = (at + t.start, at + t.end);
            if right[..ts].split_whitespace().count() > max_words
                || right[at..ts].contains([',', ';'])
            {
                return None;
            }
            static AUX_AFTER: OnceLock<Regex> = OnceLock::new();
            let aux_after = re(
                &AUX_AFTER,
                r"(?i)^\s*(?:genommen\s+|gemacht\s+)?(?:worden|wurden|wurde|sind|seien|waren|wären|haben|hatten|hätten|hätte|habe|hat)\b",
            );
            // "getötet oder verletzt wurden": the pair, then its auxiliary
            let (te, quantity) = match self.trigger_in(&right[te..], false) {
                Some(t2)
                    if t.quantity != Quantity::Deployed
                        && t2.quantity != Quantity::Deployed
                        && t2.start <= 8
                        && self.pair(t.quantity, &right[te..], &right[..ts])
                            == Quantity::Casualties =>
                {
                    (te + t2.end, Quantity::Casualties)
                }
                _ => (te, t.quantity),
            };
            let has_aux = aux.is_match(&right[..ts]) || aux_after.is_match(&right[te..]);
            if t.quantity == Quantity::Deployed {
                // "bei den Kämpfen", "in the fighting": a noun after a preposition, no verb
                static PREP_BEFORE: OnceLock<Regex> = OnceLock::new();
                if re(
                    &PREP_BEFORE,
                    r"(?i)\b(?:bei|beim|in|im|während|nach|vor|seit|during|after|before|since)\s+(?:den|dem|der|the|heftigen|schweren|heavy)?\s*$",
                )
                .is_match(&right[..ts])
                {
                    at = te;
                    continue;
                }
                if has_aux {
                    return self.final_participle(&right[te..]);
                }
                at = te;
                continue;
            }
            return has_aux.then_some(quantity);
        }
    }

    /// "2.000 Soldaten sind nach Einschätzung des NIS … gefallen": after the men, German puts
    /// an auxiliary first and the participle that counts them at the clause's end. `rest`
    /// follows the noun.
    fn final_participle(&self, rest: &str) -> Option<Quantity> {
        static AUX_FIRST: OnceLock<Regex> = OnceLock::new();
        let aux = re(
            &AUX_FIRST,
            r"(?i)^\s*(?:sind|seien|waren|wären|wurden|würden|haben|hätten|hatten|habe|hat)\s",
        );
        if self.lang != "de" || !aux.is_match(rest) {
            return None;
        }
        let clause = &rest[..rest.find([',', ';', '.', ':', '(']).unwrap_or(rest.len())];
        if clause.split_whitespace().count() > 20 {
            return None;
        }
        let last = self.trigger_in(clause, true)?;
        // "… verwundet worden", "… gefallen sein": an auxiliary may close the clause
        let tail = clause[last.end..].trim();
        let closes = tail.is_empty()
            || tail.split_whitespace().count() <= 2
                && tail.split_whitespace().all(|w| {
                    [
                        "worden", "sein", "seien", "sind", "wurden", "werden", "haben", "hatten",
                        "waren",
                    ]
                    .contains(&w)
                });
        (last.quantity != Quantity::Deployed && closes).then_some(last.quantity)
    }

    /// The last trigger in `text` and how many words stand between it and the end.
    fn last_trigger(&self, text: &str) -> Option<(Quantity, usize)> {
        let t = self.trigger_in(text, true)?;
        let dist = text[t.end..].split_whitespace().count();
        Some((
            self.pair(t.quantity, &text[t.end..], &text[..t.start]),
            dist,
        ))
    }

    /// "killed and wounded", "verletzt oder getötet": one figure for both is casualties.
    fn pair(&self, q: Quantity, after: &str, before: &str) -> Quantity {
        static JOIN_AFTER: OnceLock<Regex> = OnceLock::new();
        static JOIN_BEFORE: OnceLock<Regex> = OnceLock::new();
        if !matches!(q, Quantity::Killed | Quantity::Wounded) {
            return q;
        }
        // "die Gesamtverluste einschließlich der Verwundeten", "losses including the wounded"
        static INCLUDING: OnceLock<Regex> = OnceLock::new();
        if re(
            &INCLUDING,
            r"(?i)\b(?:einschließlich|inklusive|samt|mitsamt|including|incl\.|plus)\s+(?:der\s+|die\s+|den\s+|the\s+)?$",
        )
        .is_match(before)
        {
            return Quantity::Casualties;
        }
        let ja = re(
            &JOIN_AFTER,
            r"(?i)^\s*(?:,|oder|or|und|and|bzw\.?|/|&|\+)\s*",
        );
        if let Some(m) = ja.find(after) {
            let rest = &after[m.end()..];
            // the partner may follow at once or after one word ("killed and badly wounded")
            let skip_one = rest
                .char_indices()
                .find(|(_, c)| c.is_whitespace())
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            for start in [0, skip_one] {
                if let Some(t) = self.trigger_in(&rest[start.min(rest.len())..], false) {
                    let q2 = Some(t.quantity);
                    if t.start == 0
                        && matches!(q2, Some(Quantity::Killed | Quantity::Wounded))
                        && q2 != Some(q)
                    {
                        return Quantity::Casualties;
                    }
                }
            }
        }
        let jb = re(&JOIN_BEFORE, r"(?i)(?:,|oder|or|und|and|bzw\.?|/|&|\+)\s*$");
        if let Some(m) = jb.find(before) {
            let trimmed = &before[..m.start()];
            if let Some(t) = self.trigger_in(trimmed, true) {
                let q2 = Some(t.quantity);
                if t.end + 1 >= trimmed.trim_end().len()
                    && matches!(q2, Some(Quantity::Killed | Quantity::Wounded))
                    && q2 != Some(q)
                {
                    return Quantity::Casualties;
                }
            }
        }
        q
    }

    /// Is the figure about the subject? Its noun phrase must not name another army, its clause
    /// must not make another army the one counted ("Russia has lost 700,000 soldiers"), a whole
    /// army's size is not a deployment, and a mixed force is no one's figure. Then the sentence
    /// names the subject, or the document does.
    fn about_subject(&self, fig: &Figure, np_end: usize) -> bool {
        static LOCATION: OnceLock<Regex> = OnceLock::new();
        static OWN: OnceLock<Regex> = OnceLock::new();
        static ARMY: OnceLock<Regex> = OnceLock::new();
        static ACTIVE: OnceLock<Regex> = OnceLock::new();
        static STRONG: OnceLock<Regex> = OnceLock::new();
        static LOST: OnceLock<Regex> = OnceLock::new();
        static CLAUSE: OnceLock<Regex> = OnceLock::new();
        let np_end = np_end.max(fig.end).min(self.s.len());
        let np_after = &self.s[fig.end..np_end];
        let after = self.after(fig.end, 100);
        // "700.000 russische Soldaten"
        if self.topic.others.is_match(np_after) && !self.topic.markers.is_match(np_after) {
            return false;
        }
        // "15 of its own soldiers"
        if re(
            &OWN,
            r"(?i)^\s*(?:of (?:its|their) own|ihrer eigenen|seiner eigenen|eigene[n]?)\b",
        )
        .is_match(after)
        {
            return false;
        }
        // "a 50,000-strong group of Russian and North Korean troops", "50.000 Mann starke Gruppe aus …"
        if re(
            &STRONG,
            r"(?i)^(?:-|\s)(?:mann\s+)?(?:strong|starke\w*|köpfige\w*)",
        )
        .is_match(after)
        {
            // a force of given strength: if another army is in the sentence, it is a mixed force
            let mut masked = self.s.to_string();
            for &(s, e, _) in self.mentions() {
                masked.replace_range(s..e, &" ".repeat(e - s));
            }
            if self.topic.others.is_match(&masked) {
                return false;
            }
        }
        // "more than 13,000 North Koreans entered Russia last year" (migration data), "reisten
        // … rund 8.000 Nordkoreaner mit Arbeitsvisum ein": border crossings, not soldiers
        static ENTERED: OnceLock<Regex> = OnceLock::new();
        static SOLDIER_WORD: OnceLock<Regex> = OnceLock::new();
        let soldier_word = re(
            &SOLDIER_WORD,
            r"(?i)\b(?:soldat\w*|soldiers?|troops?|truppen|kämpfer\w*|fighters?|servicemen|militär\w*|military|personnel)\b",
        );
        if !soldier_word.is_match(np_after)
            && re(
                &ENTERED,
                r"(?i)\b(?:(?:entered|entering)\s+(?:russia|the country|russian territory)|einreisten|eingereist|reisten\b[^.;]{0,80}\bein\b|migration data|migration statistics|border (?:data|statistics)|grenzstatistik\w*|einreisestatistik\w*|visas?|visum|arbeitsvisum|studentenvisum)\b",
            )
            .is_match(self.s)
        {
            return false;
        }
        // "12,000 North Koreans are now working on Russian building sites", "arbeiten dort
        // auf Baustellen": workers, not soldiers
        static WORKING: OnceLock<Regex> = OnceLock::new();
        if re(
            &WORKING,
            r"(?i)^\s*(?:(?:are|were|is|was|have been|had been|sind|waren|seien)\s+(?:now\s+|already\s+|still\s+|nun\s+|jetzt\s+|bereits\s+|inzwischen\s+)?(?:working|employed|hired|beschäftigt|angestellt)|(?:arbeiten|arbeiteten|work)\s+(?:now\s+|nun\s+|jetzt\s+|dort\s+|there\s+|bereits\s+)?(?:on|in|at|as|auf|in|als)\b)",
        )
        .is_match(&self.s[np_end..])
        {
            return false;
        }
        // "a combined Russian and North Korean grouping of roughly 50,000 troops", "eine
        // gemischte Gruppe aus russischen und nordkoreanischen Soldaten von 50.000 Mann": a
        // force of both armies, named before its size
        static MIXED: OnceLock<Regex> = OnceLock::new();
        let group_before = self.before(fig.start, 90);
        if re(
            &MIXED,
            r"(?i)\b(?:group(?:ing)?|force|formation|contingent|army|gruppe|gruppierung|verband|truppe|streitmacht|kontingent)\s+(?:of|von|aus|mit)\s+(?:(?:some|about|roughly|around|nearly|almost|up to|more than|over|at least|etwa|rund|circa|ungefähr|fast|knapp|bis zu|mehr als|über|mindestens)\s+)?$",
        )
        .is_match(group_before)
        {
            let np = group_before
                .rsplit([',', ';', ':', '.'])
                .next()
                .unwrap_or(group_before);
            let joined = np.split_whitespace().any(|w| {
                ["and", "und", "combined", "joint", "gemeinsame", "gemischte", "mixed"]
                    .iter()
                    .any(|j| w.eq_ignore_ascii_case(j))
            });
            if joined && self.topic.others.is_match(np) && self.topic.markers.is_match(np) {
                return false;
            }
        }
        // the left part of the figure's clause, with claimants, places and "sends to Russia" masked
        let clause_re = re(
            &CLAUSE,
            r"(?i)(?:[,;:]|\s[–—]\s|\b(?:while|während|as|als|whereas|wobei)\b)",
        );
        // "mehr als", "more … as": a comparison, not a new clause
        let comparative = |st: usize, en: usize| {
            let w = self.s[st..en].trim();
            (w.eq_ignore_ascii_case("als") || w.eq_ignore_ascii_case("as"))
                && self.s[..st]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|p| {
                        [
                            "mehr", "weniger", "more", "less", "fewer", "many", "much", "such",
                        ]
                        .iter()
                        .any(|c| p.eq_ignore_ascii_case(c))
                    })
        };
        let cstart = Self::spans(&self.clause_spans, clause_re, self.s)
            .iter()
            .rfind(|&&(st, en)| en <= fig.start && !comparative(st, en))
            .map_or(0, |m| m.1);
        let loc = re(
            &LOCATION,
            r"(?i)\b(?:nach|in|im|to|into|from|aus|within|inside|gegen|against|für|for|on|an der|at|with|mit)\s+(?:the\s+|die\s+|der\s+|den\s+)?(?:russland|russia|ukraine|der ukraine|kursk\w*|russischen?\s+\p{L}+|russian\s+\p{L}+|ukrainischen?\s+\p{L}+|ukrainian\s+\p{L}+)",
        );
        let masked = self.masked.get_or_init(|| {
            // blanked in place: the text is ASCII, so a span of spaces keeps every offset
            let mut m = self.s.as_bytes().to_vec();
            for &(s, e, _) in self.mentions() {
                m[s..e].fill(b' ');
            }
            let spans: Vec<(usize, usize)> = loc
                .find_iter(std::str::from_utf8(&m).expect("ASCII"))
                .map(|x| (x.start(), x.end()))
                .collect();
            for (s, e) in spans {
                m[s..e].fill(b' ');
            }
            String::from_utf8(m).expect("ASCII")
        });
        let left_clause = &masked[cstart.min(fig.start)..fig.start];
        // "… only for Russia's own losses, which it now puts at about 950,000": a relative
        // clause counts the losses its antecedent names
        static RELATIVE: OnceLock<Regex> = OnceLock::new();
        static ANTECEDENT: OnceLock<Regex> = OnceLock::new();
        if cstart > 0
            && cstart <= fig.start
            && re(&RELATIVE, r"(?i)^\s*(?:which|die|welche|deren)\b").is_match(left_clause)
        {
            let prev = &self.s[floor_boundary(self.s, cstart.saturating_sub(80))..cstart];
            let prev = prev.trim_end_matches([',', ';', ':', ' ']);
            if re(
                &ANTECEDENT,
                r"(?i)\b(?:losses|verluste\w*|casualties|toll|bilanz|dead|toten)$",
            )
            .is_match(prev)
                && self.topic.others.is_match(prev)
                && !self.topic.markers.is_match(prev)
            {
                return false;
            }
        }
        // a whole army: "Nordkoreas Armee umfasst rund 1,2 Millionen"
        if re(&ARMY, r"(?i)\b(?:armee|army|armed forces|streitkräfte|militär|bundeswehr|bundesheer)\w*\s+(?:\S+\s+){0,3}(?:umfasst|umfassen|zählt|zählen|has|have|numbers?|of|hat|verfügt|verfügen)\s+(?:\S+\s+){0,3}$").is_match(left_clause)
            || re(&ACTIVE, r"(?i)^\s*(?:active|aktive)").is_match(after)
        {
            return false;
        }
        // "South Korean estimates put the force at …": a source's adjective, not an army counted
        let source_word = |e: usize| {
            left_clause[e..].split_whitespace().next().is_some_and(|w| {
                let w = w
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase();
                [
                    "estimates",
                    "estimate",
                    "figures",
                    "intelligence",
                    "officials",
                    "sources",
                    "assessments",
                    "schaetzungen",
                    "angaben",
                    "quellen",
                    "stellen",
                    "kreise",
                    "kreisen",
                    "geheimdienst",
                    "geheimdienste",
                    "geheimdienstes",
                    "behoerden",
                ]
                .contains(&w.as_str())
            })
        };
        let last_other = self
            .topic
            .others
            .find_iter(left_clause)
            .filter(|m| !source_word(m.end()))
            .last();
        let last_marker = self.topic.markers.find_iter(left_clause).last();
        let np_text = after
            .split([',', ';', '('])
            .next()
            .unwrap_or("")
            .split(" - ")
            .next()
            .unwrap_or("");
        let np_text: String = np_text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let np_names_subject = self.topic.markers.is_match(&np_text);
        if let Some(o) = last_other.filter(|_| !np_names_subject) {
            let marker_nearer = last_marker.is_some_and(|m| m.start() > o.start());
            let tail = &left_clause[o.end()..];
            let lost = re(
                &LOST,
                r"(?i)\b(?:lost|loses|losing|verloren|verlor|verliert|verlieren|losses|verluste)\b",
            );
            let verb_after = lost.is_match(tail) || lost.is_match(self.after(fig.end, 40));
            // "Russia has around 50,000 troops in Kursk": the other army's own
            static HAS: OnceLock<Regex> = OnceLock::new();
            let has = re(
                &HAS,
                r"(?i)^[\s,]*(?:now |currently |already |inzwischen |derzeit |mittlerweile )?(?:has|have|had|hat|hatte|haben|hatten|verfügt über|verfügen über|keeps|maintains|unterhält)\s+(?:\S+\s+){0,3}$",
            );
            if !marker_nearer && (verb_after || has.is_match(tail) || self.counts_people(tail, 5)) {
                return false;
            }
        }
        if self.names_subject() {
            return true;
        }
        // no marker in the sentence: another army counted anywhere in it rules it out
        !*self.other_counted.get_or_init(|| {
            let masked_all = masked;
            self.topic.others.find_iter(masked_all).any(|m| {
                // "… that 91 Indians had been recruited, eight of whom had died": another
                // people counted by a figure of its own
                masked_all[..m.start()]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit())
                    || self.counts_people(&masked_all[m.end()..], 3)
                    // "die Verluste der russischen Armee … auf 696.410": the army itself
                    || masked_all[m.end()..]
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| {
                            let w = w
                                .trim_end_matches(|c: char| !c.is_alphanumeric())
                                .to_ascii_lowercase();
                            ["armee", "army", "streitkraefte", "armed", "militaer", "military"]
                                .contains(&w.as_str())
                        })
            })
        })
    }

    /// The first `words` words of `tail` name people or a loss: what follows another army's
    /// name when its own soldiers are counted ("Russian soldiers", "russische Verluste").
    fn counts_people(&self, tail: &str, words: usize) -> bool {
        let head: String = tail
            .split_whitespace()
            .take(words)
            .collect::<Vec<_>>()
            .join(" ");
        self.topic.personnel.is_match(&head)
            || self
                .topic
                .first_trigger(&head)
                .is_some_and(|t| t.quantity != Quantity::Deployed)
    }

    /// The hedge before or after the figure.
    fn qualifier(&self, fig: &Figure) -> (Qualifier, Option<f64>, Option<f64>) {
        static FILLER: OnceLock<Regex> = OnceLock::new();
        static Q: OnceLock<Regex> = OnceLock::new();
        static POST: OnceLock<Regex> = OnceLock::new();
        static CONCERNING: OnceLock<Regex> = OnceLock::new();
        let (lo, hi) = (Some(fig.low), Some(fig.high));
        match fig.shape {
            Shape::Vague => return (Qualifier::Vague, lo, hi),
            Shape::Range => return (Qualifier::Range, lo, hi),
            Shape::Point => {}
        }
        let mut before = self.before(fig.start, 60);
        let filler = re(
            &FILLER,
            r"(?i)\s*\b(?:insgesamt|bereits|schon|nun|jetzt|derzeit|inzwischen|sogar|wohl|noch|nur|already|now|currently|even|still|only|total(?: of)?|a total of|weitere[nrs]?|zusätzliche[nrs]?|another|additional|an additional|further|eine|einer|the|die|der|auf|bei|to|at|nordkoreanische[nr]?)\s*$",
        );
        let q = re(
            &Q,
            r"(?i)\b(?:(mindestens|wenigstens|zumindest|at least|no fewer than|not less than|a minimum of)|(mehr als|über|more than|over|upwards of|in excess of|well over|gut über|weit über|(?:somewhere |well |just )?north of|jenseits von)|(bis zu|up to|as many as|höchstens|maximal|at most|no more than|nicht mehr als|a maximum of)|(weniger als|fewer than|less than|unter|under|below|(?:somewhere |well |just )?south of)|(etwa|rund|circa|ca\.|c\.|zirka|ungefähr|schätzungsweise|geschätzte?n?|about|around|roughly|some|approximately|an estimated|estimated|nearly|almost|fast|knapp|close to|nahezu|beinahe|annähernd|gut|rougly|approx\.?|vielleicht|perhaps|maybe|possibly|womöglich|möglicherweise))\s*$",
        );
        static UEBER_ART: OnceLock<Regex> = OnceLock::new();
        if re(
            &UEBER_ART,
            r"(?i)\büber\s+(?:die|den|der|das|diese|jene)\s+$",
        )
        .is_match(before)
        {
            return (Qualifier::Exact, lo, hi);
        }
        // "Killed (NIS): ~600"
        if before.trim_end().ends_with('~') {
            return (Qualifier::Approx, lo, hi);
        }
        let mut caps = q.captures(before);
        for _ in 0..4 {
            if caps.is_some() {
                break;
            }
            // a filler is a word anchored at the end: dropping it cuts the window short
            match filler.find(before) {
                Some(m) if !m.is_empty() => before = &before[..m.start()],
                _ => break,
            }
            caps = q.captures(before);
        }
        if let Some(c) = caps {
            // "Informationen über 3.000 Soldaten": über means "concerning"
            let concerning = re(
                &CONCERNING,
                r"(?i)\b(?:informationen|angaben|berichte\w*|bericht|daten|details|erkenntnisse|gerüchte\w*|spekulationen|hinweise|vortrag\w*|vorträge\w*|buch|bücher|film\w*|artikel|studie\w*|analyse\w*|gespräch\w*|diskussion\w*|debatte\w*|streit|geschichte\w*|nachrichte?n?|meldung\w*|dokumentation\w*|reportage\w*|interview\w*|fragen?|rede\w*|beitrag\w*|podcast\w*|sendung\w*|texte?|erzählung\w*|aussage\w*|wissen|spricht|sprach|sprechen|redet|redete|reden|berichtet\w*|schreibt|schrieb|informiert\w*)\s+über\s*$",
            );
            if c.get(2).is_some() && concerning.is_match(before) {
                return (Qualifier::Exact, lo, hi);
            }
            let q = if c.get(1).is_some() {
                Qualifier::AtLeast
            } else if c.get(2).is_some() {
                Qualifier::MoreThan
            } else if c.get(3).is_some() {
                Qualifier::AtMost
            } else if c.get(4).is_some() {
                Qualifier::LessThan
            } else {
                Qualifier::Approx
            };
            return (q, lo, hi);
        }
        static PASSED: OnceLock<Regex> = OnceLock::new();
        if re(&PASSED, r"(?i)\b(?:pass|passed|passes|surpass|surpassed|exceed|exceeded|exceeds|top|topped|cross|crossed|überschritten|überschreiten|übersteigen|übersteigt|überstieg)\s+(?:the\s+|die\s+)?(?:mark of\s+|marke von\s+)?$").is_match(before) {
            return (Qualifier::MoreThan, lo, hi);
        }
        let post = re(
            &POST,
            r"(?i)^\s*(?:(oder mehr|or more|and more|plus|\+)|(or fewer|or less|oder weniger)|(or so|oder so))\b",
        );
        if let Some(c) = post.captures(self.after(fig.end, 20)) {
            return (
                if c.get(1).is_some() {
                    Qualifier::AtLeast
                } else if c.get(2).is_some() {
                    Qualifier::AtMost
                } else {
                    Qualifier::Approx
                },
                lo,
                hi,
            );
        }
        (Qualifier::Exact, lo, hi)
    }

    /// The clause around the figure (for modality and scope cues).
    fn clause(&self, fig: &Figure) -> &str {
        static COORD: OnceLock<Regex> = OnceLock::new();
        let coord = re(
            &COORD,
            r"(?i)(?:;|,\s+(?:and|und|but|aber|while|während|whereas|doch|sondern)\b)",
        );
        // a coordinator never overlaps a figure, so the sentence's matches split at it are
        // the matches of the text before and after it
        let spans = Self::spans(&self.coord_spans, coord, self.s);
        let start = last_end_before(spans, fig.start).unwrap_or(0);
        let start = start.max(floor_boundary(self.s, fig.start.saturating_sub(160)));
        let end = spans
            .iter()
            .find(|m| m.0 >= fig.end)
            .map_or(self.s.len(), |m| m.0);
        &self.s[start..end]
    }

    /// Whether the figure's clause projects, and its scope: worked out once a clause.
    fn clause_read(&self, fig: &Figure) -> (bool, Scope) {
        let c = self.clause(fig);
        let key = (c.as_ptr() as usize - self.s.as_ptr() as usize, c.len());
        if let Some(&(_, p, sc)) = self.clause_reads.borrow().iter().find(|r| r.0 == key) {
            return (p, sc);
        }
        let (p, sc) = (self.projection(c), self.scope(c));
        self.clause_reads.borrow_mut().push((key, p, sc));
        (p, sc)
    }

    fn projection(&self, c: &str) -> bool {
        static MODAL: OnceLock<Regex> = OnceLock::new();
        static GOAL: OnceLock<Regex> = OnceLock::new();
        static PLAN: OnceLock<Regex> = OnceLock::new();
        let plan = re(
            &PLAN,
            r"(?i)\b(?:plant|planen|plante|geplant|vorgesehen|plans?|planned|planning|intends?|intended|beabsichtigt\w*|beschlossen|decided to|decides to|preparing|prepares|prepared to|bereite\w*\s+(?:\S+\s+){0,12}vor|vorbereit\w*|rechnet\w*\s+(?:\S+\s+){0,5}mit|expects?|anticipates?|to (?:send|deploy|dispatch)|will\s+(?:\w+\s+)?(?:send|deploy|dispatch)|wird\s+(?:\w+\s+){0,4}(?:schicken|entsenden|senden)|werden\s+(?:\w+\s+){0,4}(?:entsandt|geschickt)\s+werden|is set to|are set to|expected to (?:send|deploy|reach|arrive|rise|grow|number)|erwartet\w*|prognos\w*|forecast\w*|projected)\b",
        );
        if plan.is_match(c) {
            return true;
        }
        let modal = re(
            &MODAL,
            r"(?i)\b(?:könnte|könnten|könne|dürfte|dürften|würde|würden|wird|werden|werde|wolle|wollen|soll|solle|sollen|could|can|may|might|will|would|likely|voraussichtlich|expected)\b",
        );
        let goal = re_fmt(&GOAL, || {
            format!(
                r"(?i)\b(?:ansteigen|steigen|anwachsen|wachsen|hinzukommen|dazukommen|erhöhen|erreichen|aufstocken|reach|rise|grow|increase|swell|climb|top|bis (?:ende |mitte |anfang |zum )?(?:{MONTHS}|jahresende)|by (?:the end of |the middle of |mid-|early |late )?(?:{MONTHS}|year-end|the end of the year)|schicken|entsenden|senden|folgen|nachrücken|send|deploy|dispatch|follow|be sent|be deployed|be dispatched|entsandt werden|geschickt werden|verlegt werden)\b"
            )
        });
        modal.is_match(c) && goal.is_match(c)
    }

    fn increment(&self, fig: &Figure) -> bool {
        static A: OnceLock<Regex> = OnceLock::new();
        let a = re(
            &A,
            r"(?i)^\s*(?:more|additional|weitere|zusätzliche|reinforcements|replacements|verstärkung\w*|nachschub)\b",
        );
        self.increment_word_before(fig)
            || (a.is_match(self.after(fig.end, 20)) && self.deploy_context(fig))
    }

    /// "weitere 3.000", "another 2,000", "an additional 1,500": a word of increment before.
    fn increment_word_before(&self, fig: &Figure) -> bool {
        static B: OnceLock<Regex> = OnceLock::new();
        let b = re(
            &B,
            r"(?i)\b(?:weitere[nrs]?|zusätzliche[nrs]?|zusätzlich|another|additional|further|extra|neue[nr]?\s+kontingent\w*|(?:second|third|fourth|new|fresh|zweite[nrs]?|dritte[nrs]?|vierte[nrs]?|neue[nrs]?)\s+(?:wave|batch|contingent|rotation|tranche|welle|kontingent|tranche|rotation|schub)\s+(?:of|von|aus|mit))\s+(?:(?:etwa|rund|mindestens|bis zu|mehr als|über|about|around|some|at least|up to|more than|over|nearly|knapp|fast)\s+)?$",
        );
        b.is_match(self.before(fig.start, 50))
    }

    /// "a second wave of about 3,000", "a first batch of 1,500", "eine zweite Welle von rund
    /// 3.000": a wave of a deployment, counted as it arrives.
    fn wave_before(&self, fig: &Figure) -> bool {
        static W: OnceLock<Regex> = OnceLock::new();
        re(
            &W,
            r"(?i)\b(?:first|second|third|fourth|new|fresh|initial|latest|erste[nrs]?|zweite[nrs]?|dritte[nrs]?|vierte[nrs]?|neue[nrs]?)\s+(?:wave|batch|contingent|rotation|tranche|welle|kontingent|tranche|rotation|schub)\s+(?:of|von|aus|mit)\s+(?:(?:etwa|rund|mindestens|bis zu|mehr als|über|about|around|some|roughly|at least|up to|more than|over|nearly|knapp|fast|ungefähr)\s+)?$",
        )
        .is_match(self.before(fig.start, 60))
    }

    /// "2.700 weitere seien verwundet" counts others, not an addition: only a deployment grows.
    fn deploy_context(&self, fig: &Figure) -> bool {
        let after = self.after(fig.end, 80);
        self.trigger_in(after, false)
            .is_none_or(|t| t.quantity == Quantity::Deployed)
    }

    fn scope(&self, c: &str) -> Scope {
        static I: OnceLock<Regex> = OnceLock::new();
        let inc = re(
            &I,
            r"(?i)\b(?:(?:in|within|innerhalb von|innerhalb|binnen|over|über)\s+(?:(?:nur|just|only|the past|the last|the previous|den letzten|der letzten|den vergangenen|der vergangenen|den zurückliegenden|vergangenen)\s+(?:(?:\p{L}+|\d+)\s+)?|(?:\p{L}+|\d+)\s+)(?:tage?n?|days?|stunden|hours|wochen?|weeks?)|(?:bei|in|during|während)\s+(?:einem|einer|einem einzigen|a|an|one|a single|the|dem|diesem|this)\s+(?:\p{L}+\s+)?(?:\p{L}*angriff\w*|gefecht\w*|schlacht|attack|strike|battle|clash|assault|ambush|hinterhalt|kampf|vorfall|incident|offensive|gegenangriff|raid|gegenstoß)|\ba single\s+(?:\p{L}+\s+)?(?:strike|attack|assault|raid|battle)|\bein(?:em|er)? einzige[nr]?\s+(?:\p{L}+\s+)?(?:\p{L}*angriff\w*|gefecht\w*|schlag)|(?:bei|in)\s+den\s+(?:kämpfen|gefechten|angriffen)\s+(?:am|vom|um)|(?:in|bei|during|während)\s+(?:clashes|kämpfen|gefechten|fighting|battles?|attacks|angriffen)\s+(?:on|am|vom|at|near|bei|um|last|this)|per day|pro tag|a day|täglich|daily|am tag|an einem tag|in one day|in a single day)\b",
        );
        if inc.is_match(c) {
            Scope::Incident
        } else {
            Scope::Total
        }
    }

    /// The date the figure refers to: the date expression nearest to it in its sentence,
    /// resolved against the publication date.
    fn ref_date(&self, fig: &Figure, projection: bool) -> Option<PartialDate> {
        let pubd = self.published;
        let mut best: Option<(usize, PartialDate)> = None;
        let mut consider = |pos: usize, d: Option<PartialDate>| {
            if let Some(d) = d {
                let dist = if pos < fig.start {
                    fig.start - pos
                } else {
                    pos.saturating_sub(fig.end)
                };
                if best.as_ref().is_none_or(|(bd, _)| dist < *bd) {
                    best = Some((dist, d));
                }
            }
        };
        let exprs = self.dates[usize::from(projection)]
            .get_or_init(|| date_expressions(self.s, pubd, projection));
        for &(pos, d) in exprs {
            if pos >= fig.start && pos < fig.end {
                continue;
            }
            consider(pos, Some(d));
        }
        let _ = self.lang;
        best.map(|(_, d)| d)
    }
}

/// Finds date expressions in a sentence and resolves them: (offset, date).
fn date_expressions(s: &str, pubd: Option<PartialDate>, future: bool) -> Vec<(usize, PartialDate)> {
    let mut out = date_expressions_all(s, pubd, future);
    // "since January", "seit Oktober 2024": where a period starts, not the date a running
    // figure refers to (that is now)
    static SINCE: OnceLock<Regex> = OnceLock::new();
    let since = re(
        &SINCE,
        r"(?i)\b(?:since|seit|seitdem)\s+(?:(?:dem|der|the|anfang|mitte|ende|early|mid-?|late|beginn|start of|the start of|the beginning of|the end of)\s+){0,2}$",
    );
    out.retain(|&(pos, _)| {
        let head = &s[pos..];
        let starts = head
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("since"))
            || head
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("seit"));
        !starts && !since.is_match(&s[floor_boundary(s, pos.saturating_sub(40))..pos])
    });
    out
}

fn date_expressions_all(
    s: &str,
    pubd: Option<PartialDate>,
    future: bool,
) -> Vec<(usize, PartialDate)> {
    static DAY_MONTH: OnceLock<Regex> = OnceLock::new();
    static MONTH_DAY: OnceLock<Regex> = OnceLock::new();
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static WEEKDAY: OnceLock<Regex> = OnceLock::new();
    static REL: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let mut out: Vec<(usize, PartialDate)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let year_for = |m: u32, explicit: Option<i32>| -> Option<i32> {
        if let Some(y) = explicit {
            return Some(y);
        }
        let p = pubd?;
        let pm = p.month.unwrap_or(12);
        Some(if future {
            if m >= pm {
                p.year
            } else {
                p.year + 1
            }
        } else if m <= pm {
            p.year
        } else {
            p.year - 1
        })
    };
    // each pattern below needs a month name, or one of a few other words: a sentence with
    // neither (most of them) is passed over in one search
    static ANY_MONTH: OnceLock<Regex> = OnceLock::new();
    static ANY_OTHER: OnceLock<Regex> = OnceLock::new();
    // (a month name ends at a word boundary, and starts at one, after a digit or after
    // "st", "nd", "rd", "th" in every pattern)
    let any_month = re_fmt(&ANY_MONTH, || {
        format!(r"(?i)(?:\b|[0-9]|[snrt][tdh]){MONTHS}\b")
    });
    let any_other = re_fmt(&ANY_OTHER, || {
        format!(
            r"(?i)(?:{WEEKDAYS}|gestern|yesterday|heute|today|woche|week|monat|month|jahr|year|\d{{4}})"
        )
    });
    if any_month.is_match(s) {
        let dm = re_fmt(&DAY_MONTH, || {
            format!(
                r"(?i)\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:(?:und|and|bis|to|-|–)\s*(\d{{1,2}})\.?\s*)?({MONTHS})\b\.?(?:,?\s+((?:19|20)\d\d))?"
            )
        });
        // a day and a month: (whole match, month, first day, last day of a pair, year)
        let mut day_month = |m0: regex::Match,
                             mon: &str,
                             first: &str,
                             last: Option<regex::Match>,
                             year: Option<regex::Match>| {
            if taken.iter().any(|&(a, b)| m0.start() < b && a < m0.end()) {
                return;
            }
            let Some(mon) = month_number(mon) else {
                return;
            };
            let day: u32 = last.map_or(first, |m| m.as_str()).parse().unwrap_or(0);
            if let Some(y) = year_for(mon, year.and_then(|y| y.as_str().parse().ok())) {
                if NaiveDate::from_ymd_opt(y, mon, day).is_some() {
                    out.push((m0.start(), PartialDate::ymd(y, mon, day)));
                    taken.push((m0.start(), m0.end()));
                }
            }
        };
        for c in dm.captures_iter(s) {
            day_month(c.get(0).unwrap(), &c[3], &c[1], c.get(2), c.get(4));
        }
        let md = re_fmt(&MONTH_DAY, || {
            format!(
                r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:und|and|-|–)\s*(\d{{1,2}}))?\b(?:,?\s+((?:19|20)\d\d))?"
            )
        });
        for c in md.captures_iter(s) {
            day_month(c.get(0).unwrap(), &c[1], &c[2], c.get(3), c.get(4));
        }
        let mo = re_fmt(&MONTH, || {
            format!(
                r"(?i)\b(?:(?:anfang|mitte|ende|early|mid-?|late|im|in|seit|since|bis|by|until|of|vom|from)\s+)({MONTHS})\b(?:\s+((?:19|20)\d\d))?"
            )
        });
        for c in mo.captures_iter(s) {
            let m0 = c.get(0).unwrap();
            if taken.iter().any(|&(a, b)| m0.start() < b && a < m0.end()) {
                continue;
            }
            let Some(mon) = month_number(&c[1]) else {
                continue;
            };
            let lower = m0.as_str().to_lowercase();
            let fut = future
                && (lower.starts_with("bis")
                    || lower.starts_with("by")
                    || lower.starts_with("until"));
            let y = match c.get(2).and_then(|y| y.as_str().parse().ok()) {
                Some(y) => Some(y),
                None => pubd.map(|p| {
                    let pm = p.month.unwrap_or(12);
                    if fut {
                        if mon >= pm {
                            p.year
                        } else {
                            p.year + 1
                        }
                    } else if mon <= pm {
                        p.year
                    } else {
                        p.year - 1
                    }
                }),
            };
            if let Some(y) = y {
                out.push((m0.start(), PartialDate::ym(y, mon)));
                taken.push((m0.start(), m0.end()));
            }
        }
    }
    // which of the patterns below can match at all: one scan for all their key words
    let (mut weekday, mut relative, mut year) = (false, false, false);
    for m in any_other.find_iter(s) {
        let w = m.as_str();
        if w.starts_with(|c: char| c.is_ascii_digit())
            || w.eq_ignore_ascii_case("jahr")
            || w.eq_ignore_ascii_case("year")
        {
            year = true;
        } else if [
            "gestern",
            "yesterday",
            "heute",
            "today",
            "woche",
            "week",
            "monat",
            "month",
        ]
        .iter()
        .any(|r| w.eq_ignore_ascii_case(r))
        {
            relative = true;
        } else {
            weekday = true;
        }
    }
    if !(weekday || relative || year) {
        out.retain(|(_, d)| (1900..=2200).contains(&d.year));
        return out;
    }
    if let Some(p) = pubd
        .filter(|_| weekday || relative)
        .and_then(|p| p.day.and(p.first_day()))
    {
        let wd = re_fmt(&WEEKDAY, || format!(r"(?i)\b{WEEKDAYS}\b"));
        for m in weekday.then(|| wd.find_iter(s)).into_iter().flatten() {
            if taken.iter().any(|&(a, b)| m.start() < b && a < m.end()) {
                continue;
            }
            let target = weekday_index(&m.as_str().to_lowercase());
            let mut d = p;
            for _ in 0..7 {
                if d.weekday().num_days_from_monday() == target {
                    break;
                }
                d -= Duration::days(1);
            }
            out.push((m.start(), PartialDate::from_date(d)));
        }
        let rel = re(
            &REL,
            r"(?i)\b(?:(gestern|yesterday)|(heute|today)|(last week|vergangene[nr]? woche|letzte[nr]? woche)|(last month|vergangene[nr]? monat|letzte[nr]? monat))\b",
        );
        for c in relative.then(|| rel.captures_iter(s)).into_iter().flatten() {
            let m0 = c.get(0).unwrap();
            let d = if c.get(1).is_some() {
                PartialDate::from_date(p - Duration::days(1))
            } else if c.get(2).is_some() {
                PartialDate::from_date(p)
            } else if c.get(3).is_some() {
                PartialDate::from_date(p - Duration::days(7)).month_only()
            } else {
                PartialDate::from_date(p.with_day(1).unwrap() - Duration::days(1)).month_only()
            };
            out.push((m0.start(), d));
        }
    }
    static YEAR_END: OnceLock<Regex> = OnceLock::new();
    let ye = re(
        &YEAR_END,
        r"(?i)\b(?:bis jahresende|bis zum jahresende|bis ende des jahres|zum jahresende|by the end of (?:the|this) year|by year-end|by the end of \d{4}|bis ende \d{4})\b",
    );
    if let Some(p) = pubd.filter(|_| year) {
        for m in ye.find_iter(s) {
            let y = m
                .as_str()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
                .parse()
                .unwrap_or(p.year);
            out.push((m.start(), PartialDate::ym(y, 12)));
            taken.push((m.start(), m.end()));
        }
    }
    let yr = re(
        &YEAR,
        r"(?i)\b(?:(im vergangenen jahr|im letzten jahr|letztes jahr|vergangenes jahr|last year|im vorjahr)|(in diesem jahr|dieses jahr|this year)|(?:im jahr|im jahre|in|seit|since|year)\s+((?:19|20)\d\d))\b",
    );
    for c in year.then(|| yr.captures_iter(s)).into_iter().flatten() {
        let m0 = c.get(0).unwrap();
        if taken.iter().any(|&(a, b)| m0.start() < b && a < m0.end()) {
            continue;
        }
        let d = if c.get(1).is_some() {
            pubd.map(|p| PartialDate::y(p.year - 1))
        } else if c.get(2).is_some() {
            pubd.map(|p| PartialDate::y(p.year))
        } else {
            c[3].parse().ok().map(PartialDate::y)
        };
        if let Some(d) = d {
            out.push((m0.start(), d));
        }
    }
    // a date far outside the reporting era is a misreading, not a reference date
    out.retain(|(_, d)| (1900..=2200).contains(&d.year));
    out
}

fn weekday_index(w: &str) -> u32 {
    match w {
        "montag" | "monday" => 0,
        "dienstag" | "tuesday" => 1,
        "mittwoch" | "wednesday" => 2,
        "donnerstag" | "thursday" => 3,
        "freitag" | "friday" => 4,
        "samstag" | "saturday" => 5,
        _ => 6,
    }
}

/// Who claims the figure: follows relay chains ("Reuters, citing a lawmaker briefed by the
/// NIS"), prefers a source over the outlets that carry it, and carries a source named in an
/// earlier sentence to a later one that refers back to it. (The document-level lookups come
/// in as closures, each computed only when needed.)
#[allow(clippy::too_many_arguments)]
/// Words that relay a source: what follows them is who said it.
const CHAIN_PAT: &str = r"(?i)\b(?:citing|unter berufung auf|briefed by|informed by|zitiert\w*|quoting|beruft sich auf|berufen sich auf|based on|gestützt auf|auf basis von)\b";

fn attribute<'a, 'b>(
    ctx: &SentenceCtx,
    fig: &Figure,
    si: usize,
    sents: &[Sentence],
    text: &str,
    last_source: &dyn Fn() -> Option<&'a (String, usize)>,
    speakers_at: &dyn Fn(usize) -> &'b [Named],
    turn: &dyn Fn() -> Option<&'a str>,
    author: &dyn Fn() -> Option<&'b str>,
) -> Attribution {
    let speakers_here = || speakers_at(si);
    // in a transcript, what a speaker says in the first person is that speaker's claim
    let own_turn = || {
        // "I remember the White House saying …": the speaker recalls someone else's figure
        static RECALLS: OnceLock<Regex> = OnceLock::new();
        let recalls = re(
            &RECALLS,
            r"(?i)\b(?:i|we|ich|wir)\s+(?:\w+\s+)?(?:remember|recall|read|heard|saw|erinnere|las|lese|hörte|höre|sah)\b",
        );
        (speakers::first_person(ctx.s) && !recalls.is_match(ctx.s))
            .then(turn)
            .flatten()
            .map(|t| Attribution {
                claimant: Some(t.to_string()),
                via: Vec::new(),
                carried: false,
            })
    };
    static CHAIN: OnceLock<Regex> = OnceLock::new();
    static BACKREF: OnceLock<Regex> = OnceLock::new();
    static REPORTED: OnceLock<Regex> = OnceLock::new();
    static LAUT: OnceLock<Regex> = OnceLock::new();
    let topic = ctx.topic;
    // how far a mention lies from the figure
    let distance = |start: usize, end: usize| {
        if start > fig.end {
            start - fig.end
        } else {
            fig.start.saturating_sub(end)
        }
    };
    let kind = |i: usize| topic.claimants[i].kind;
    let name = |i: usize| topic.claimants[i].name.clone();
    let sources: Vec<&(usize, usize, usize)> = ctx
        .mentions()
        .iter()
        .filter(|m| kind(m.2) == Kind::Source)
        .collect();
    let mut via: Vec<String> = Vec::new();
    for m in ctx.mentions().iter().filter(|m| kind(m.2) != Kind::Source) {
        let n = name(m.2);
        if !via.contains(&n) {
            via.push(n);
        }
    }
    // a source named in the sentence
    'known: {
        if sources.is_empty() {
            break 'known;
        }
        let chain = re(&CHAIN, CHAIN_PAT);
        static SAYS_AFTER: OnceLock<Regex> = OnceLock::new();
        static SAYS_BEFORE: OnceLock<Regex> = OnceLock::new();
        let says_after = re(
            &SAYS_AFTER,
            r"(?i)^[\s,]*(?:\([^)]*\)\s*)?(?:(?:hat|hatte|haben|hatten)\s+(?:\S+\s+){0,4}?(?:mitgeteilt|gesagt|erklärt|berichtet|geschätzt|bestätigt|gemeldet|angegeben|angekündigt)\b|(?:has|have|had)\s+(?:\S+\s+){0,2}?(?:said|told|estimated|reported|confirmed|announced)\b|(?:has |have |had |hat |hatte |haben )?(?:said|says|told|added|noted|wrote|writes|estimated|estimates|reported|reports|believes|claimed|claims|confirmed|stated|announced|warned|put|puts|fügte|ergänzte|sagte|sagt|sagten|erklärte|erklärt|schätzt\w*|berichtet\w*|teilte|teilt|gab|gibt|geht|ging|sprach|spricht|zufolge|bestätigte|meldete|warnte|nannte|bezifferte))\b",
        );
        let says_before = re(
            &SAYS_BEFORE,
            r"(?i)(?:\b(?:laut|according to|nach angaben|nach einschätzung|nach erkenntnissen|citing|per)\s+(?:\S+\s+){0,3}|\b(?:said|says|told|sagte|sagten|erklärte|teilte|so)\s+(?:the\s+|der\s+|die\s+|das\s+)?|\bso\s+(?:beziffert|bezifferte|schätzt|schätzte|sieht|sah|nennt|nannte|meldet|meldete|berichtet|berichtete|erklärt|erklärte|sagt|sagte)\s+(?:der\s+|die\s+|das\s+)?(?:\S+\s+)?)$",
        );
        // "Ukraine's Special Operations Forces": the head, not the possessor
        let sources: Vec<&(usize, usize, usize)> = sources
            .iter()
            .copied()
            .filter(|m| {
                !sources.iter().any(|n| {
                    n.0 > m.1
                        && n.0 <= m.1 + 4
                        && ctx.s[m.1..n.0]
                            .trim_start_matches(['\'', 's', ' '])
                            .is_empty()
                })
            })
            .collect();
        let attributed: Vec<&&(usize, usize, usize)> = sources
            .iter()
            .filter(|m| {
                says_after.is_match(&ctx.s[m.1..])
                    || (says_before.is_match(&ctx.s[..m.0])
                        && (m.0 > fig.end || !inverted_say(&ctx.s[..m.0])))
            })
            .collect();
        let attributed_any = !attributed.is_empty();
        let pool: Vec<&(usize, usize, usize)> = if attributed.is_empty() {
            sources.clone()
        } else {
            attributed.into_iter().copied().collect()
        };
        let chain_at = *ctx.chain.get_or_init(|| {
            // a case-blind list of phrases gives the regex engine no literal prefilter worth
            // having (it stops at nearly every letter: ~1 µs a sentence), so one of the
            // phrases' distinctive words is looked for first, in one pass
            static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
            let words = WORDS.get_or_init(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build([
                        "citing",
                        "berufung",
                        "briefed",
                        "informed",
                        "zitiert",
                        "quoting",
                        "beruft",
                        "berufen",
                        "based",
                        "gestuetzt",
                        "basis",
                    ])
                    .expect("static word list")
            });
            words
                .is_match(ctx.s)
                .then(|| chain.find(ctx.s).map(|m| m.end()))
                .flatten()
        });
        // "… würden dort vom Geheimdienst SBU verhört": the agent of a passive says nothing;
        // when no source here says anything and all are such agents, look further back
        static AGENT: OnceLock<Regex> = OnceLock::new();
        let agent = re(
            &AGENT,
            r"(?i)\b(?:vom|von der|von dem|durch den|durch die)\s+(?:\w+\s+)?$",
        );
        if chain_at.is_none()
            && !attributed_any
            && sources.iter().all(|m| agent.is_match(&ctx.s[..m.0]))
        {
            break 'known;
        }
        if chain_at.is_none() && !attributed_any {
            if let Some(a) = own_turn() {
                return a;
            }
        }
        let pick = if let Some(chain_end) = chain_at {
            sources
                .iter()
                .filter(|m| m.0 >= chain_end)
                .last()
                .or(sources.last())
                .copied()
        } else {
            // "schätzte der Generalstab die Verluste auf rund 1.100, Präsident Selenskyj sogar
            // auf mehr als 3.000": a source after a comma, with a figure of its own after it,
            // is that figure's
            let owns_later = |m: &&(usize, usize, usize)| {
                m.0 > fig.end
                    && ctx.s[fig.end..m.0].contains(',')
                    && ctx.figs.iter().any(|f| f.start > m.1)
            };
            let own: Vec<&(usize, usize, usize)> =
                pool.iter().copied().filter(|m| !owns_later(m)).collect();
            let pool = if own.is_empty() { &pool } else { &own };
            // "… put casualties at about 4,000, and Ukraine's HUR at roughly 5,000": a source
            // in the figure's own clause, after the comma that opens it, is the figure's
            let clause_start = ctx.s[..fig.start].rfind(',').map_or(0, |c| c + 1);
            let in_clause = sources
                .iter()
                .filter(|m| {
                    clause_start > 0
                        && m.0 >= clause_start
                        && m.1 <= fig.start
                        && !ctx
                            .figs
                            .iter()
                            .any(|f| f.start >= m.1 && f.end <= fig.start)
                })
                .last()
                .copied();
            in_clause.or_else(|| pool.iter().min_by_key(|m| distance(m.0, m.1)).copied())
        };
        let mut pick = pick.unwrap();
        // a named speaker nearer the figure than an unattributed mention ("Brenner said … the
        // NIS's 11,000 … and 2,000 more by December")
        if chain_at.is_none() && !attributed_any {
            let d = distance(pick.0, pick.1);
            if let Some(sp) = speakers_here()
                .iter()
                .filter(|sp| !sp.relay && distance(sp.start, sp.end) < d)
                .min_by_key(|sp| distance(sp.start, sp.end))
            {
                return Attribution {
                    claimant: Some(sp.name.clone()),
                    via,
                    carried: false,
                };
            }
        }
        let c = &topic.claimants[pick.2];
        if c.generic {
            if let Some(m) = sources.iter().find(|m| {
                let o = &topic.claimants[m.2];
                !o.generic && o.group.is_some() && o.group == c.group
            }) {
                pick = m;
            }
        }
        for m in sources.iter().filter(|m| m.2 != pick.2) {
            // other sources in a chain are relays
            if chain_at.is_some() && m.0 < pick.0 {
                via.insert(0, name(m.2));
            }
        }
        return Attribution {
            claimant: Some(name(pick.2)),
            via,
            carried: false,
        };
    }
    // nobody who claims is named here: refer back to a recent source
    let backref = re(
        &BACKREF,
        r"(?i)\b(?:seien|sei|habe|hätten|entspreche|werde|würden|könne|gebe|he|she|they|it|the agency|the service|the spy agency|the official|officials|another official|a second official|other officials|the ministry|the intelligence service|er|sie|der geheimdienst|die behörde|das ministerium|der dienst|hieß es|so|nach angaben|nach einschätzung|nach erkenntnissen|den angaben zufolge|said|says|added|estimated|the same briefing|the briefing|that briefing|dieselbe unterrichtung|derselben unterrichtung|sagte|schätzte|schätzt|berichtete|erklärte|fügte|zufolge|according|laut|nannte|bezifferte|weiter|demnach|also|auch|zudem|außerdem|further)\b",
    );
    static SYNTHESIS: OnceLock<Regex> = OnceLock::new();
    let synthesis = re(
        &SYNTHESIS,
        r"(?i)\b(?:estimates|schätzungen|figures|zahlen|angaben)\b.{0,60}\b(?:so far|bislang|bisher|published|veröffentlicht\w*)\b",
    );
    // "nach Angaben des Generalstabs … bislang" names a source: not a synthesis
    let synthesis_at = |m: regex::Match| {
        let before = ctx.s[..m.start()].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        !["nach", "laut", "den", "offiziellen", "eigenen"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
    };
    if *ctx
        .synthesis
        .get_or_init(|| synthesis.find_iter(ctx.s).any(synthesis_at))
    {
        return Attribution {
            claimant: None,
            via,
            carried: false,
        };
    }
    // "The agency believes roughly 11,000 …, Lee said": the body named before holds the view,
    // the person named here passes it on
    static THE_AGENCY: OnceLock<Regex> = OnceLock::new();
    let the_agency = re(
        &THE_AGENCY,
        r"(?i)\b(?:the (?:same |spy |intelligence )?(?:agency|service|ministry)|(?:der|dem) (?:geheimdienst|dienst|nachrichtendienst)|(?:die|der) behörde|das ministerium)\s+(?:\S+\s+){0,2}?(?:believes|believed|estimates|estimated|thinks|assesses|assessed|says|said|told|tells|added|warned|reported|put|puts|counted|schätzt|schätzte|glaubt|vermutet|geht davon aus|ging davon aus|nimmt an|teilte|erklärte|berichtete)\b|\b(?:citing|quoting|unter berufung auf)\s+(?:the|its|den|dem|die)\s+(?:spy |intelligence )?(?:agency|service|ministry|geheimdienst|dienst|behörde|ministerium)\b|\b(?:hat|hatte|haben|hatten|nannte|bezifferte|meldete)\s+(?:der|die|das)\s+(?:geheimdienst|dienst|behörde|ministerium)\b",
    );
    if let Some(a) = the_agency.find(ctx.s) {
        // "the spy agency" is the intelligence service named before, not the general staff
        // named since; "the ministry" a ministry
        static SPY: OnceLock<Regex> = OnceLock::new();
        static SPY_NAME: OnceLock<Regex> = OnceLock::new();
        static MINISTRY_NAME: OnceLock<Regex> = OnceLock::new();
        let spy = re(&SPY, r"(?i)agency|service|geheimdienst|dienst");
        let kind_of = if spy.is_match(a.as_str()) {
            Some(re(
                &SPY_NAME,
                r"(?i)intelligence|agency|geheimdienst|dienst|\bnis\b|\bhur\b|\bgur\b|\bcia\b|spy|service|budanov|budanow",
            ))
        } else if a.as_str().to_ascii_lowercase().contains("minist") {
            Some(re(
                &MINISTRY_NAME,
                r"(?i)minist|\bmod\b|pentagon|defen[cs]e department|verteidigung",
            ))
        } else {
            None
        };
        let typed = kind_of.and_then(|k| {
            (si.saturating_sub(8)..si).rev().find_map(|j| {
                let t = &text[sents[j].start..sents[j].end];
                topic
                    .claimant_mentions(t)
                    .into_iter()
                    .rev()
                    .find(|m| kind(m.2) == Kind::Source && k.is_match(&t[m.0..m.1]))
            })
        });
        let body = typed.or_else(|| {
            (si.saturating_sub(4)..si).rev().find_map(|j| {
                topic
                    .claimant_mentions(&text[sents[j].start..sents[j].end])
                    .into_iter()
                    .rev()
                    .find(|m| kind(m.2) == Kind::Source)
            })
        });
        if let Some(m) = body {
            return Attribution {
                claimant: Some(name(m.2)),
                via,
                carried: true,
            };
        }
    }
    // someone the alias table does not know, named where the figure is said (but "Ein
    // ukrainischer Offizier, der anonym bleiben wollte, sagte der "Hanbit Ilbo"": the paper
    // after the verb is told, the described officer before it speaks)
    if let Some(sp) = speakers_here()
        .iter()
        .min_by_key(|sp| distance(sp.start, sp.end))
        .filter(|sp| !said_to(ctx.s, sp.start))
    {
        return Attribution {
            claimant: Some(sp.name.clone()),
            via,
            carried: false,
        };
    }
    // "A Ukrainian intelligence officer who briefed journalists said …", "ein ukrainischer
    // Kommandeur sagte": a source described, not named, is this sentence's own claimant (no
    // source of the sentences before speaks here)
    static DESCRIBED: OnceLock<Regex> = OnceLock::new();
    let described = re(
        &DESCRIBED,
        r"(?i)\b(?:an?|the|one|another|ein|eine|einer|der|die)\s+((?:(?:senior|high-ranking|ranking|ukrainian|russian|south korean|american|u\.s\.|us|western|european|military|intelligence|government|defen[cs]e|frontline|ukrainische[rn]?|russische[rn]?|südkoreanische[rn]?|amerikanische[rn]?|westliche[rn]?|hochrangige[rn]?|ranghohe[rn]?)\s+){1,3}(?:official|officer|source|commander|diplomat|analyst|lawmaker|soldier|spokesman|spokeswoman|beamter|beamte|beamtin|offizier(?:in)?|kommandeur(?:in)?|kommandant(?:in)?|diplomat(?:in)?|analyst(?:in)?|abgeordneter|abgeordnete|soldat(?:in)?|sprecher(?:in)?|militärsprecher(?:in)?|geheimdienstler(?:in)?|quelle|\w*brigade|\w*bataillon|\w*battalion|regiment|einheit|unit)),?\s+(?:(?:who|der|die)\s+[^,.;]{0,80}?\s*,?\s+)?(?:said|says|told|estimated|estimates|reported|announced|sagte|sagt|erklärte|berichtete|schätzte|schätzt|teilte|meldete)\b",
    );
    // the verbs first, as plain substrings: the regex only where one is written
    let says = [
        " said",
        " says",
        " told",
        " estimat",
        " sagt",
        " erklaerte",
        " berichtete",
        " schaetzt",
        " teilte",
        " meldete",
        " reported",
        " announced",
    ]
    .iter()
    .any(|v| ctx.s.contains(v));
    if let Some(c) = says.then(|| described.captures(ctx.s)).flatten() {
        let m = c.get(1).expect("group 1");
        if let Some(written) = ctx.s.get(m.start()..m.end()) {
            return Attribution {
                claimant: Some(collapse_ws(written)),
                via,
                carried: false,
            };
        }
    }
    // "Er selbst rechne damit, dass …", "She estimates …": the person named last says it
    // again (not a source the sentences before only quoted)
    static PRONOUN_SAYS: OnceLock<Regex> = OnceLock::new();
    let pronoun_says = re(
        &PRONOUN_SAYS,
        r"(?i)^\W*(?:[^,.;:]{3,80},\s*)?(?:(?:und|doch|aber|but|and|so)\s+)?(?:er|sie|he|she)\s+(?:(?:selbst|himself|herself|also|auch|zudem|now|nun|still|inzwischen|jedoch|however)\s+)?(?:(?:has|had|hat|hatte)\s+(?:\S+\s+){0,2}?)?(?:said|says|told|estimates|estimated|believes|believed|thinks|reckons|reckoned|expects|expected|predicts|predicted|puts|put|warned|warns|added|argues|argued|sagte|sagt|gesagt|erklärte|erklärt|schätzt|schätzte|geschätzt|glaubt|glaubte|meint|meinte|rechnet|rechnete|rechne|geht|ging|gehe|vermutet|vermutete|warnte|warnt|betonte|nannte|nennt|beziffert|bezifferte|hält|hielt|erwartet|erwartete|erwarte)\b",
    );
    if pronoun_says.is_match(ctx.s) {
        let para = sents[si].para;
        let person = (si.saturating_sub(3)..si)
            .rev()
            .filter(|&j| sents[j].para + 1 >= para)
            .find_map(|j| {
                let sp = speakers_at(j)
                    .iter()
                    .rev()
                    .find(|sp| looks_like_person(&sp.name));
                // a known source and no person named in a sentence ("President Zelensky put
                // the figure higher"): the usual carry-over finds who speaks
                let known = topic
                    .claimant_mentions(&text[sents[j].start..sents[j].end])
                    .into_iter()
                    .rev()
                    .find(|m| kind(m.2) == Kind::Source);
                match (sp, known) {
                    (Some(sp), _) => Some(Some(sp)),
                    (None, Some(_)) => Some(None),
                    (None, None) => None,
                }
            })
            .flatten();
        if let Some(sp) = person {
            return Attribution {
                claimant: Some(sp.name.clone()),
                via,
                carried: true,
            };
        }
    }
    if let Some(a) = own_turn() {
        return Attribution { via, ..a };
    }
    // a commentary's author speaks in the first person outside quotes ("ich halte vielleicht
    // 1.500 Gefallene für realistischer")
    if speakers::first_person(ctx.s) && !ctx.s.contains(['"', '„', '“', '”', '»', '«']) {
        if let Some(a) = author() {
            return Attribution {
                claimant: Some(a.to_string()),
                via,
                carried: false,
            };
        }
    }
    // "… Das berichtet die Washington Post unter Berufung auf ukrainische Militärangaben": the
    // next sentence says who said this one
    static THIS_SAYS: OnceLock<Regex> = OnceLock::new();
    let this_says = re(
        &THIS_SAYS,
        r"(?i)^(?:das|dies|dieses|this|that|these figures|those figures|diese zahlen|diese angaben)\s+(?:\S+\s+){0,2}?(?:berichtet\w*|meldet\w*|meldete\w*|teilte\w*|teilt|sagte\w*|sagt|erklärte\w*|schreibt|schrieb|geht aus|ging aus|reported|reports|said|says|wrote|writes|was reported|is according to|comes from|came from|according to)\b",
    );
    if let Some(next) = sents
        .get(si + 1)
        .filter(|n| n.para == sents[si].para && this_says.is_match(&text[n.start..n.end]))
    {
        let t = &text[next.start..next.end];
        let ms = topic.claimant_mentions(t);
        let chain_end = re(&CHAIN, CHAIN_PAT).find(t).map_or(0, |m| m.end());
        let source = |m: &&(usize, usize, usize)| kind(m.2) == Kind::Source;
        let pick = ms
            .iter()
            .filter(source)
            .find(|m| m.0 >= chain_end)
            .or_else(|| ms.iter().find(source))
            .or_else(|| ms.iter().find(|m| kind(m.2) == Kind::Outlet));
        if let Some(m) = pick {
            for o in ms.iter().filter(|o| o.0 < m.0 && kind(o.2) != Kind::Source) {
                let n = name(o.2);
                if !via.contains(&n) {
                    via.push(n);
                }
            }
            return Attribution {
                claimant: Some(name(m.2)),
                via,
                carried: true,
            };
        }
    }
    // "Medienberichten zufolge …": media reports, no source of this story's
    let reported = re(
        &REPORTED,
        r"(?i)\b(?:berichten zufolge|medienberichten zufolge|reportedly|reports say|it is reported|es wird berichtet|wie berichtet|according to media reports|media reports say)\b",
    );
    let is_reported = reported.is_match(ctx.s);
    // a fact-box line names its own source ("Troops sent: 15,000 (NIS)"); the next line's
    // figure is not that source's
    let label_line = |i: usize| sentences::is_fact_line(text[sents[i].start..sents[i].end].trim());
    if let Some((n, at)) = last_source().filter(|(_, at)| !is_reported && !label_line(*at)) {
        let near = si.saturating_sub(*at) <= 3;
        let same_para = sents[*at].para == sents[si].para;
        let next_para = sents[*at].para + 1 == sents[si].para;
        let relayed = ctx.mentions().iter().any(|m| kind(m.2) == Kind::Relay);
        if near && (same_para || (next_para && (backref.is_match(ctx.s) || relayed))) {
            return Attribution {
                claimant: Some(n.clone()),
                via,
                carried: true,
            };
        }
    }
    // "According to the Defence Intelligence of Ukraine:" over a list: each item is the
    // source's, however long the list
    if !is_reported {
        if let Some(n) = list_source(si, sents, text, topic) {
            return Attribution {
                claimant: Some(n),
                via,
                carried: true,
            };
        }
    }
    // only outlets or relays: the first of them is all we know
    if let Some(m) = ctx.mentions().iter().find(|m| kind(m.2) == Kind::Outlet) {
        let n = name(m.2);
        via.retain(|v| *v != n);
        return Attribution {
            claimant: Some(n),
            via,
            carried: false,
        };
    }
    // "Berichten zufolge …" followed by "Laut Kyodo …": the named report carries back
    if is_reported {
        let laut = re(&LAUT, r"(?i)\b(?:laut|according to|nach angaben)\b");
        for s2 in sents.iter().skip(si + 1).take(3) {
            let t = &text[s2.start..s2.end];
            if let Some(l) = laut.find(t) {
                if let Some(m) = topic
                    .claimant_mentions(t)
                    .into_iter()
                    .find(|m| m.0 >= l.end() && m.0 <= l.end() + 40)
                {
                    return Attribution {
                        claimant: Some(name(m.2)),
                        via,
                        carried: true,
                    };
                }
            }
        }
    }
    if let Some(m) = ctx.mentions().iter().find(|m| kind(m.2) == Kind::Relay) {
        let n = name(m.2);
        via.retain(|v| *v != n);
        return Attribution {
            claimant: Some(n),
            via,
            carried: false,
        };
    }
    // in an interview, what a speaker states without naming a source is the speaker's own
    // claim ("Kwon: Tausende Verwundete wurden nach Nordkorea zurückgebracht")
    // (a speaker takes turns: a label used once is a fact box's, "Getötete: 300")
    let takes_turns = |t: &str| {
        text.lines()
            .filter(|l| {
                l.trim_start()
                    .strip_prefix(t)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .nth(1)
            .is_some()
    };
    if let Some(t) = turn().filter(|t| !label_line(si) && takes_turns(t)) {
        return Attribution {
            claimant: Some(t.to_string()),
            via,
            carried: false,
        };
    }
    Attribution {
        claimant: None,
        via,
        carried: false,
    }
}

/// Whether the name at `at` follows "sagte der/dem/den …" right after a described speaker
/// ("Ein ukrainischer Offizier, der anonym bleiben wollte, sagte der "Hanbit Ilbo""): then the
/// name is who was told, not who said.
/// The source a list's lead-in names ("According to the NIS:", "Laut Generalstab:", "The
/// agency told lawmakers:"), for a sentence in one of the list's items: every paragraph from
/// the lead-in's to the sentence's opens with a bullet or an item number.
fn list_source(si: usize, sents: &[Sentence], text: &str, topic: &Topic) -> Option<String> {
    let item = |t: &str| {
        // a sentence starts at a character that is not a space: in the folded text, spaces
        // there stand for a symbol ("▪️", "•", "►")
        if t.starts_with(char::is_whitespace) {
            return true;
        }
        let mut cs = t.chars();
        match cs.next() {
            Some(c) if c.is_ascii_digit() => {
                let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
                (rest.starts_with(". ") || rest.starts_with(") ")) && t.len() - rest.len() <= 2
            }
            Some(c) => {
                !c.is_alphanumeric()
                    && !"\"'„“”«»‚‘’([{<".contains(c)
                    && cs
                        .next()
                        .is_some_and(|d| !d.is_alphanumeric() || c == '-' || c == '*')
            }
            None => false,
        }
    };
    let of = |i: usize| &text[sents[i].start..sents[i].end];
    let mut k = si;
    for _ in 0..60 {
        // the start of the item that holds sentence k
        let mut f = k;
        while !item(of(f)) {
            let prev = f.checked_sub(1)?;
            if sents[prev].para != sents[f].para || of(prev).trim_end().ends_with(':') {
                return None;
            }
            f = prev;
        }
        let lead = f.checked_sub(1)?;
        if sents[lead].para + 1 < sents[f].para {
            return None;
        }
        let t = of(lead).trim_end();
        if t.ends_with(':') && !item(t) {
            if t.len() > 160 {
                return None;
            }
            static SAYS: OnceLock<Regex> = OnceLock::new();
            let says = re(
                &SAYS,
                r"(?i)\b(?:according to|laut|nach angaben|zufolge|says|said|told|reports?|reported|estimates?|estimated|assess\w*|sagte|sagt|teilte|teilt|meldet\w*|berichtet\w*|schätzt\w*|erklärte|erklärt|angaben|figures|zahlen|stand|as of)\b",
            );
            if !says.is_match(t) {
                return None;
            }
            return topic
                .claimant_mentions(t)
                .iter()
                .find(|m| topic.claimants[m.2].kind == Kind::Source)
                .map(|m| topic.claimants[m.2].name.clone());
        }
        k = lead;
    }
    None
}

fn said_to(s: &str, at: usize) -> bool {
    static TOLD: OnceLock<Regex> = OnceLock::new();
    let told = re(
        &TOLD,
        r"(?i)\b(?:ein|eine|einer|der|die)\s+(?:\w+\s+){0,3}(?:offizier(?:in)?|kommandeur(?:in)?|beamter|beamtin|sprecher(?:in)?|soldat(?:in)?|quelle|diplomat(?:in)?|analyst(?:in)?),?\s+(?:(?:der|die)\s+[^,.;]{0,80}?,\s+)?(?:sagte|sagt|erklärte|berichtete|schätzte|schätzt)\s+(?:der|dem|den)\s+\W?$",
    );
    told.is_match(&s[..at])
}

/// A name that can be one person's ("Matthias Brenner", "Rehak"), not a body's ("Ukrainischen
/// Regierungskreisen", "the Halvorsen Centre"): what "er"/"she" can refer to.
fn looks_like_person(name: &str) -> bool {
    const BODY: [&str; 24] = [
        "kreise",
        "kreisen",
        "quellen",
        "stellen",
        "behoerde",
        "behoerden",
        "ministerium",
        "dienst",
        "institut",
        "zentrum",
        "forum",
        "stiftung",
        "centre",
        "center",
        "institute",
        "agency",
        "ministry",
        "office",
        "council",
        "group",
        "lab",
        "watch",
        "desk",
        "service",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.to_ascii_lowercase();
            w.starts_with(|c: char| c.is_ascii_uppercase())
                && !["isch", "ische", "ischen", "ischer", "ischem", "ian", "ans"]
                    .iter()
                    .any(|e| l.ends_with(e))
                && !BODY.iter().any(|b| l.ends_with(b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A headline names the subject in its own spelling ("Pjöngjang"); the topic's patterns
    /// are folded, so the headline must be folded before they are matched against it.
    #[test]
    fn a_folded_headline_names_the_subject() {
        let a = Article {
            doc: "t".into(),
            lang: "de".into(),
            title: Some("Pjöngjangs Truppen an der Front".into()),
            text: "Laut NIS sind 3.000 Soldaten in der Region stationiert.".into(),
            ..Default::default()
        };
        let claims = extract(&a, &Topic::builtin());
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].low, Some(3000.0));
        let untitled = Article { title: None, ..a };
        assert!(extract(&untitled, &Topic::builtin()).is_empty());
    }

    /// A table of estimates: each cell is a claim of its row's source, dated by its row, with
    /// offsets that point at the figure in the document and the row as its quote.
    #[test]
    fn a_table_of_estimates_gives_a_claim_per_cell() {
        let text = "Nordkoreas Soldaten in Russland: die Schätzungen\n\n\
            | Quelle | Stand | Entsandt | Getötet | Verwundet |\n\
            |---|---|---|---|---|\n\
            | NIS (Südkorea) | 18.10.2024 | 1.500; 12.000 geplant | – | – |\n\
            | Pentagon | 10/2024 | ca. 10.000 | – | – |\n\
            | Markus Feld (Analyst) | 2025-02 | 11.000–12.000 | ca. 400 | über 3.000 |\n\n\
            Stand der Tabelle: 1. März 2025.\n";
        let a = Article {
            doc: "t".into(),
            lang: "de".into(),
            published: Some("2025-03-01".into()),
            text: text.into(),
            ..Default::default()
        };
        let claims = extract(&a, &Topic::builtin());
        let got: Vec<(
            Quantity,
            Option<f64>,
            Option<f64>,
            Qualifier,
            bool,
            &str,
            &str,
            &str,
        )> = claims
            .iter()
            .map(|c| {
                (
                    c.quantity,
                    c.low,
                    c.high,
                    c.qualifier,
                    c.projection,
                    c.claimant.as_str(),
                    c.ref_date.as_deref().unwrap_or(""),
                    &text[c.start..c.end],
                )
            })
            .collect();
        use Qualifier::*;
        use Quantity::*;
        assert_eq!(
            got,
            [
                (
                    Deployed,
                    Some(1500.0),
                    Some(1500.0),
                    Exact,
                    false,
                    "NIS",
                    "2024-10-18",
                    "1.500"
                ),
                (
                    Deployed,
                    Some(12000.0),
                    Some(12000.0),
                    Exact,
                    true,
                    "NIS",
                    "2024-10-18",
                    "12.000"
                ),
                (
                    Deployed,
                    Some(10000.0),
                    Some(10000.0),
                    Approx,
                    false,
                    "Pentagon",
                    "2024-10",
                    "10.000"
                ),
                (
                    Deployed,
                    Some(11000.0),
                    Some(12000.0),
                    Range,
                    false,
                    "Markus Feld",
                    "2025-02",
                    "11.000–12.000"
                ),
                (
                    Killed,
                    Some(400.0),
                    Some(400.0),
                    Approx,
                    false,
                    "Markus Feld",
                    "2025-02",
                    "400"
                ),
                (
                    Wounded,
                    Some(3000.0),
                    None,
                    MoreThan,
                    false,
                    "Markus Feld",
                    "2025-02",
                    "3.000"
                ),
            ]
        );
        assert!(
            claims[2].quote.starts_with("| Pentagon | 10/2024 |"),
            "{}",
            claims[2].quote
        );
    }

    /// The triggers of a window read from the sentence's list are the triggers a search of
    /// the window finds, for windows cut anywhere (mid-word and mid-phrase included).
    #[test]
    fn window_triggers_match_a_search_of_the_window() {
        let topic = Topic::builtin();
        let mut text = String::new();
        for a in crate::example::articles() {
            text.push_str(&a.text);
            text.push('\n');
        }
        // phrases that straddle window edges: "killed or wounded", "ums Leben"
        text.push_str("Mehr als 100 kamen ums Leben, 40 were killed or wounded near Kursk.\n");
        let folded = fold::fold(&text);
        let (mut windows, mut checked) = (0, 0);
        for sent in sentences::split(&text) {
            let s = &folded[sent.start..sent.end];
            let mention_cell = Default::default();
            let ctx = SentenceCtx::new(s, &topic, "en", &[], &mention_cell, None);
            let cuts: Vec<usize> = (0..=s.len()).filter(|i| s.is_char_boundary(*i)).collect();
            for (k, &lo) in cuts.iter().enumerate().step_by(3) {
                for &hi in cuts[k..].iter().step_by(5) {
                    let w = &s[lo..hi];
                    let first = ctx.trigger_in(w, false);
                    let last = ctx.trigger_in(w, true);
                    assert_eq!(first, topic.first_trigger(w), "first trigger in {w:?}");
                    assert_eq!(last, topic.last_trigger(w), "last trigger in {w:?}");
                    windows += 1;
                    checked += usize::from(first.is_some());
                }
            }
        }
        assert!(
            windows > 10_000 && checked > 1_000,
            "{windows} windows, {checked} with a trigger"
        );
    }
}
