//! The figures of `cargo xtask bench build` and `bench per-call`, kept in a
//! JSON file so that charts can be drawn again from them and a later run of
//! a subset replaces only what it measured.

use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Results {
    /// One entry per subject and measure, the latest run's.
    #[serde(default)]
    pub builds: Vec<Entry>,
    /// The most expensive units of `cargo build --timings`, per subject.
    #[serde(default)]
    pub timings: Vec<Timings>,
    /// Versions the run resolved (`aws-sdk-cognitoidentityprovider`, ...).
    #[serde(default)]
    pub versions: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_call: Option<PerCall>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// `committed`, `whole-service`, `official`, `official-config`.
    pub subject: String,
    /// `debug`, `check`, `release`.
    pub measure: String,
    /// When the latest run that measured it started (UTC).
    pub run: String,
    pub samples: Vec<Sample>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sample {
    /// The run it belongs to (UTC start time of `bench build`).
    #[serde(default)]
    pub run: String,
    /// Which pair of the run (builds of one pair ran back to back).
    pub pair: usize,
    pub wall_s: f64,
    pub cpu_s: f64,
    /// The largest process of the build, MiB.
    pub peak_mib: f64,
    /// The stripped release binary (measure `release` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_bytes: Option<u64>,
    /// 1-minute load average when the build started.
    pub load: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Timings {
    pub subject: String,
    pub run: String,
    /// Units in the build, and the sum of their durations (s).
    pub units: usize,
    pub total_s: f64,
    /// The most expensive units: name (with `(build script)` for those), seconds.
    pub top: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PerCall {
    pub run: String,
    pub rounds: usize,
    pub calls_per_round: usize,
    /// Calls per second, median over rounds.
    pub ours_calls_per_s: f64,
    pub official_calls_per_s: f64,
    /// Median over rounds of (our time per call / official time per call).
    pub time_ratio: f64,
    pub ours_allocs_per_call: f64,
    pub official_allocs_per_call: f64,
    pub ours_bytes_per_call: f64,
    pub official_bytes_per_call: f64,
    pub official_version: String,
}

/// A figure of a sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Wall,
    Cpu,
    Peak,
    Binary,
}

impl Figure {
    pub fn of(self, sample: &Sample) -> Option<f64> {
        match self {
            Figure::Wall => Some(sample.wall_s),
            Figure::Cpu => Some(sample.cpu_s),
            Figure::Peak => Some(sample.peak_mib),
            Figure::Binary => sample.binary_bytes.map(|b| b as f64),
        }
    }
}

impl Results {
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Results::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Replaces the entry of the same subject and measure.
    pub fn put(&mut self, entry: Entry) {
        self.builds
            .retain(|e| !(e.subject == entry.subject && e.measure == entry.measure));
        self.builds.push(entry);
    }

    pub fn put_timings(&mut self, timings: Timings) {
        self.timings.retain(|t| t.subject != timings.subject);
        self.timings.push(timings);
    }

    pub fn entry(&self, subject: &str, measure: &str) -> Option<&Entry> {
        self.builds
            .iter()
            .find(|e| e.subject == subject && e.measure == measure)
    }

    /// Median of `figure` over the entry's samples.
    pub fn median(&self, subject: &str, measure: &str, figure: Figure) -> Option<f64> {
        let entry = self.entry(subject, measure)?;
        median(entry.samples.iter().filter_map(|s| figure.of(s)).collect())
    }

    /// `subject` / `baseline` for `figure`: the median of the ratios of the
    /// pairs both sides have (same run, same pair; `paired` true), otherwise
    /// the ratio of the medians.
    pub fn ratio(
        &self,
        subject: &str,
        baseline: &str,
        measure: &str,
        figure: Figure,
    ) -> Option<(f64, bool)> {
        let ours = self.entry(subject, measure)?;
        let theirs = self.entry(baseline, measure)?;
        let ratios: Vec<f64> = ours
            .samples
            .iter()
            .filter_map(|s| {
                let t = theirs
                    .samples
                    .iter()
                    .find(|t| t.run == s.run && t.pair == s.pair)?;
                Some(figure.of(s)? / figure.of(t)?)
            })
            .collect();
        if let Some(r) = median(ratios) {
            return Some((r, true));
        }
        let ours = self.median(subject, measure, figure)?;
        let theirs = self.median(baseline, measure, figure)?;
        Some((ours / theirs, false))
    }
}

pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(run: &str, pair: usize, wall_s: f64) -> Sample {
        Sample {
            run: run.into(),
            pair,
            wall_s,
            cpu_s: wall_s,
            peak_mib: 1.0,
            binary_bytes: None,
            load: 0.0,
        }
    }

    fn entry(subject: &str, run: &str, walls: &[f64]) -> Entry {
        Entry {
            subject: subject.into(),
            measure: "debug".into(),
            run: run.into(),
            samples: walls
                .iter()
                .enumerate()
                .map(|(i, w)| sample(run, i, *w))
                .collect(),
        }
    }

    #[test]
    fn ratios_pair_samples_of_one_run() {
        let mut results = Results::default();
        // Pair 0 under load (both slow), pair 1 quiet: per-pair ratios are
        // 0.5 and 0.25, median 0.375; the ratio of medians would be 0.3.
        results.put(entry("ours", "r1", &[100.0, 20.0]));
        results.put(entry("official", "r1", &[200.0, 80.0]));
        let (ratio, paired) = results
            .ratio("ours", "official", "debug", Figure::Wall)
            .unwrap();
        assert!(paired);
        assert!((ratio - 0.375).abs() < 1e-9, "{ratio}");
    }

    #[test]
    fn runs_apart_fall_back_to_medians_and_a_new_run_replaces_the_old() {
        let mut results = Results::default();
        results.put(entry("ours", "r1", &[1000.0]));
        results.put(entry("ours", "r2", &[30.0, 50.0]));
        results.put(entry("official", "r1", &[100.0, 200.0, 300.0]));
        assert_eq!(results.builds.len(), 2);
        let (ratio, paired) = results
            .ratio("ours", "official", "debug", Figure::Wall)
            .unwrap();
        assert!(!paired);
        assert!((ratio - 0.2).abs() < 1e-9, "{ratio}");
    }

    #[test]
    fn results_round_trip_through_json() {
        let mut results = Results::default();
        results.put(entry("ours", "r1", &[1.5]));
        let dir = std::env::temp_dir().join(format!("xtask-results-{}", std::process::id()));
        let path = dir.join("results.json");
        results.save(&path).unwrap();
        let again = Results::load(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(again.median("ours", "debug", Figure::Wall), Some(1.5));
        assert!(Results::load(&dir.join("missing.json"))
            .unwrap()
            .builds
            .is_empty());
    }
}
