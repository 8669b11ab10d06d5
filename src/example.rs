//! The built-in example: twelve short German and English articles written for this project,
//! carrying real figures about the North Korean deployment to Russia in 2024–25 with their real
//! claimants and dates. `rangefinder report` with no input turns them into `reports/example/`.
//! `src/example/FACTS.md` lists every figure they carry (the answer key).

use crate::article::{self, Article, Warning};

/// (file name, content) of each example article, in publication order.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "01_en_nis-1500-troops.md",
        include_str!("example/articles/01_en_nis-1500-troops.md"),
    ),
    (
        "02_de_nis-3000-soldaten.md",
        include_str!("example/articles/02_de_nis-3000-soldaten.md"),
    ),
    (
        "03_en_pentagon-10000.md",
        include_str!("example/articles/03_en_pentagon-10000.md"),
    ),
    (
        "04_de_selenskyj-11000-kursk.md",
        include_str!("example/articles/04_de_selenskyj-11000-kursk.md"),
    ),
    (
        "05_en_kursk-50000-force.md",
        include_str!("example/articles/05_en_kursk-50000-force.md"),
    ),
    (
        "06_de_hunderte-verluste.md",
        include_str!("example/articles/06_de_hunderte-verluste.md"),
    ),
    (
        "07_en_zelensky-3000-casualties.md",
        include_str!("example/articles/07_en_zelensky-3000-casualties.md"),
    ),
    (
        "08_de_nis-300-tote-gefangene.md",
        include_str!("example/articles/08_de_nis-300-tote-gefangene.md"),
    ),
    (
        "09_en_nis-additional-troops.md",
        include_str!("example/articles/09_en_nis-additional-troops.md"),
    ),
    (
        "10_de_kcna-4700-verluste.md",
        include_str!("example/articles/10_de_kcna-4700-verluste.md"),
    ),
    (
        "11_en_shoigu-6000-builders.md",
        include_str!("example/articles/11_en_shoigu-6000-builders.md"),
    ),
    (
        "12_de_nis-2000-gefallene.md",
        include_str!("example/articles/12_de_nis-2000-gefallene.md"),
    ),
];

/// The example articles, parsed (front matter gives url, publisher, date and language).
pub fn articles() -> Vec<Article> {
    let mut w: Vec<Warning> = Vec::new();
    ARTICLES
        .iter()
        .filter_map(|(name, text)| {
            article::from_bytes(
                text.as_bytes().to_vec(),
                name.to_string(),
                &format!("built-in example {name}"),
                "md",
                None,
                &mut w,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_example_article_has_metadata() {
        let a = super::articles();
        assert!(a.len() >= 8 && a.len() <= 15);
        for x in &a {
            assert!(
                x.published.is_some() && x.publisher.is_some() && x.url.is_some(),
                "{}",
                x.doc
            );
            assert!(x.lang == "de" || x.lang == "en");
        }
        assert!(a.iter().any(|x| x.lang == "de") && a.iter().any(|x| x.lang == "en"));
    }
}
