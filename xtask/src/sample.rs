//! Which features by tag `realworld --sample` compiles: the tag features a
//! generated crate's manifest lists in `default`, a few of them picked.

use std::path::Path;

/// The tag features of a generated crate: its `default` less the TLS backend.
pub fn tag_features(manifest: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    let default = doc
        .get("features")
        .and_then(|f| f.get("default"))
        .and_then(|d| d.as_array())
        .ok_or_else(|| format!("{}: no [features] default", manifest.display()))?;
    Ok(default
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|f| !matches!(*f, "rustls" | "native-tls"))
        .map(str::to_string)
        .collect())
}

/// `picks` that the crate has, then `n` more spread evenly over the rest
/// (the first, the last, and between), in the manifest's order: the same
/// features every run.
pub fn sample(features: &[String], n: usize, picks: &[String]) -> Vec<String> {
    let mut out: Vec<String> = picks
        .iter()
        .filter(|p| features.contains(p))
        .cloned()
        .collect();
    let rest: Vec<&String> = features.iter().filter(|f| !out.contains(f)).collect();
    let n = n.min(rest.len());
    for k in 0..n {
        let i = if n == 1 {
            0
        } else {
            k * (rest.len() - 1) / (n - 1)
        };
        out.push(rest[i].clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_take_the_picks_then_spread_over_the_rest() {
        let all: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        let picks = ["d".to_string(), "missing".to_string()];
        let cases: [(usize, &[String], &[&str]); 5] = [
            (0, &[], &[]),
            (1, &[], &["a"]),
            (2, &[], &["a", "e"]),
            (3, &picks, &["d", "a", "b", "e"]),
            (99, &[], &["a", "b", "c", "d", "e"]),
        ];
        for (n, picks, want) in cases {
            assert_eq!(sample(&all, n, picks), want, "{n} {picks:?}");
        }
    }
}
