//! SVG charts of a results file: build time, build memory, binary size and
//! (when measured) the per-call figures, as horizontal bars with each
//! figure and its ratio to the official SDK written beside the bar.
//!
//! Drawn in pixel coordinates on a plotters SVG drawing area: a few bars
//! with labels need no axes, and the SVG backend emits text as `<text>`,
//! so no font files are read.

use std::path::{Path, PathBuf};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::results::{Figure, Results};

const WIDTH: u32 = 1100;
const LABEL_RIGHT: i32 = 330;
const BAR_LEFT: i32 = 340;
const BAR_MAX: i32 = 380;
const ROW: i32 = 28;
const OURS: RGBColor = RGBColor(0x2b, 0x6c, 0xb0);
const OFFICIAL: RGBColor = RGBColor(0x9a, 0x9a, 0x9a);
const OFFICIAL_CONFIG: RGBColor = RGBColor(0x6e, 0x6e, 0x6e);
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);

struct Bar {
    label: String,
    value: f64,
    text: String,
    color: RGBColor,
}

struct Group {
    title: String,
    bars: Vec<Bar>,
}

const SUBJECTS: [&str; 4] = ["committed", "whole-service", "official", "official-config"];

fn subject_label(results: &Results, subject: &str) -> String {
    let sdk = results
        .versions
        .get("aws-sdk-cognitoidentityprovider")
        .map(String::as_str)
        .unwrap_or("1.x");
    match subject {
        "committed" => "this project: generated/ (2 operations)".to_owned(),
        "whole-service" => "this project: whole Cognito (122 operations)".to_owned(),
        "official" => format!("aws-sdk-cognitoidentityprovider {sdk}"),
        "official-config" => format!(
            "the same + aws-config {}",
            results
                .versions
                .get("aws-config")
                .map(String::as_str)
                .unwrap_or("1.x")
        ),
        other => other.to_owned(),
    }
}

fn color(subject: &str) -> RGBColor {
    match subject {
        "official" => OFFICIAL,
        "official-config" => OFFICIAL_CONFIG,
        _ => OURS,
    }
}

/// A group of bars, one per subject measured for `measure`.
fn group(
    results: &Results,
    title: &str,
    measure: &str,
    figure: Figure,
    show: &dyn Fn(f64, Option<f64>) -> String,
) -> Option<Group> {
    let bars: Vec<Bar> = SUBJECTS
        .iter()
        .filter_map(|&subject| {
            let value = results.median(subject, measure, figure)?;
            let cpu = results.median(subject, measure, Figure::Cpu);
            let mut text = show(value, cpu);
            if subject != "official" {
                if let Some((ratio, _)) = results.ratio(subject, "official", measure, figure) {
                    text.push_str(&format!("  ·  {ratio:.2}× the official SDK"));
                }
            }
            Some(Bar {
                label: subject_label(results, subject),
                value,
                text,
                color: color(subject),
            })
        })
        .collect();
    (!bars.is_empty()).then(|| Group {
        title: title.to_owned(),
        bars,
    })
}

fn runs_note(results: &Results, measures: &[&str]) -> String {
    let entries: Vec<_> = results
        .builds
        .iter()
        .filter(|e| measures.contains(&e.measure.as_str()))
        .collect();
    let mut runs: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.samples.iter().map(|s| s.run.as_str()))
        .collect();
    runs.sort();
    runs.dedup();
    let loads: Vec<f64> = entries
        .iter()
        .flat_map(|e| e.samples.iter().map(|s| s.load))
        .filter(|l| l.is_finite())
        .collect();
    let pairs = entries.iter().map(|e| e.samples.len()).max().unwrap_or(0);
    let runs: Vec<&str> = runs.into_iter().filter(|r| !r.is_empty()).collect();
    let (low, high) = loads.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), l| {
        (lo.min(*l), hi.max(*l))
    });
    format!(
        "cargo xtask bench build, runs {}\nmedian of up to {pairs} builds each, alternating; \
         2-core VM shared with other builds (load average {low:.1}-{high:.1})",
        runs.join(", ")
    )
}

pub fn draw(results: &Results, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let seconds = |v: f64, cpu: Option<f64>| match cpu {
        Some(cpu) => format!("{v:.0} s (CPU {cpu:.0} s)"),
        None => format!("{v:.0} s"),
    };
    let cpu_seconds = |v: f64, _: Option<f64>| format!("{v:.0} s");
    let time_groups: Vec<Group> = [
        ("Clean debug build of the library (cargo build)", "debug"),
        ("Clean cargo check of the library", "check"),
        ("Clean release build of a sign-in program", "release"),
    ]
    .into_iter()
    .flat_map(|(title, measure)| {
        [
            group(
                results,
                &format!("{title}: wall time"),
                measure,
                Figure::Wall,
                &seconds,
            ),
            group(
                results,
                &format!("{title}: CPU time (user + system, every process)"),
                measure,
                Figure::Cpu,
                &cpu_seconds,
            ),
        ]
    })
    .flatten()
    .collect();
    let note = runs_note(results, &["debug", "check", "release"]);
    if !time_groups.is_empty() {
        let path = dir.join("build-time.svg");
        chart(&path, "Build time (shorter is better)", &time_groups, &note)?;
        written.push(path);
    }
    let mib = |v: f64, _: Option<f64>| format!("{v:.0} MiB");
    let memory_groups: Vec<Group> = [
        ("Clean debug build of the library", "debug"),
        ("Clean cargo check of the library", "check"),
        ("Clean release build of a sign-in program", "release"),
    ]
    .into_iter()
    .filter_map(|(title, measure)| {
        group(
            results,
            &format!("{title}: largest process (rustc or linker)"),
            measure,
            Figure::Peak,
            &mib,
        )
    })
    .collect();
    if !memory_groups.is_empty() {
        let path = dir.join("build-memory.svg");
        chart(
            &path,
            "Peak memory of the build (smaller is better)",
            &memory_groups,
            &note,
        )?;
        written.push(path);
    }
    let megabytes = |v: f64, _: Option<f64>| format!("{:.2} MB", v / 1e6);
    if let Some(binary) = group(
        results,
        "Stripped release binary: one admin_initiate_auth call on a tokio current-thread runtime",
        "release",
        Figure::Binary,
        &megabytes,
    ) {
        let path = dir.join("binary-size.svg");
        chart(
            &path,
            "Binary size (smaller is better)",
            &[binary],
            &runs_note(results, &["release"]),
        )?;
        written.push(path);
    }
    if let Some(per_call) = &results.per_call {
        let sdk = format!(
            "aws-sdk-cognitoidentityprovider {}",
            per_call.official_version
        );
        let groups = [
            Group {
                title: "admin_initiate_auth over an in-memory transport: calls per second (more is better)"
                    .to_owned(),
                bars: vec![
                    Bar {
                        label: "this project: generated/".to_owned(),
                        value: per_call.ours_calls_per_s,
                        text: format!(
                            "{:.0} calls/s  ·  time per call {:.2}× the official SDK",
                            per_call.ours_calls_per_s, per_call.time_ratio
                        ),
                        color: OURS,
                    },
                    Bar {
                        label: sdk.clone(),
                        value: per_call.official_calls_per_s,
                        text: format!("{:.0} calls/s", per_call.official_calls_per_s),
                        color: OFFICIAL,
                    },
                ],
            },
            Group {
                title: "Heap allocations per call (fewer is better)".to_owned(),
                bars: vec![
                    Bar {
                        label: "this project: generated/".to_owned(),
                        value: per_call.ours_allocs_per_call,
                        text: format!(
                            "{:.0} allocations, {:.1} KB",
                            per_call.ours_allocs_per_call,
                            per_call.ours_bytes_per_call / 1e3
                        ),
                        color: OURS,
                    },
                    Bar {
                        label: sdk,
                        value: per_call.official_allocs_per_call,
                        text: format!(
                            "{:.0} allocations, {:.1} KB",
                            per_call.official_allocs_per_call,
                            per_call.official_bytes_per_call / 1e3
                        ),
                        color: OFFICIAL,
                    },
                ],
            },
        ];
        let path = dir.join("per-call.svg");
        chart(
            &path,
            "Cost of one call (release build)",
            &groups,
            &format!(
                "cargo xtask bench per-call, run {}\n{} alternating rounds of {} calls, medians",
                per_call.run, per_call.rounds, per_call.calls_per_round
            ),
        )?;
        written.push(path);
    }
    Ok(written)
}

/// One SVG: a title, then per group a heading and one bar per subject
/// (bars of a group share a scale), then a note on how it was measured.
fn chart(path: &Path, title: &str, groups: &[Group], note: &str) -> Result<(), String> {
    let rows: i32 = groups.iter().map(|g| g.bars.len() as i32 + 1).sum();
    let note_lines = note.lines().count() as i32;
    let height = (60 + rows * ROW + groups.len() as i32 * 10 + 22 + 18 * note_lines) as u32;
    let area = SVGBackend::new(path, (WIDTH, height)).into_drawing_area();
    let fail = |e: DrawingAreaErrorKind<_>| format!("{}: {e:?}", path.display());
    area.fill(&WHITE).map_err(fail)?;
    let font = |size: f64| ("sans-serif", size).into_font().color(&TEXT);
    let bold = |size: f64| {
        ("sans-serif", size, FontStyle::Bold)
            .into_font()
            .color(&TEXT)
    };
    area.draw(&Text::new(title.to_owned(), (16, 14), bold(24.0)))
        .map_err(fail)?;
    let mut y = 56;
    for group in groups {
        area.draw(&Text::new(group.title.clone(), (16, y), bold(18.0)))
            .map_err(fail)?;
        y += ROW;
        let max = group.bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
        for bar in &group.bars {
            let length = if max > 0.0 {
                ((bar.value / max) * BAR_MAX as f64).round().max(1.0) as i32
            } else {
                1
            };
            area.draw(&Text::new(
                bar.label.clone(),
                (LABEL_RIGHT, y + ROW / 2 - 4),
                font(16.0).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(fail)?;
            area.draw(&Rectangle::new(
                [(BAR_LEFT, y), (BAR_LEFT + length, y + ROW - 8)],
                bar.color.filled(),
            ))
            .map_err(fail)?;
            area.draw(&Text::new(
                bar.text.clone(),
                (BAR_LEFT + length + 8, y + ROW / 2 - 4),
                font(16.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(fail)?;
            y += ROW;
        }
        y += 10;
    }
    for (i, line) in note.lines().enumerate() {
        area.draw(&Text::new(
            line.to_owned(),
            (16, y + 8 + 18 * i as i32),
            ("sans-serif", 14.0)
                .into_font()
                .color(&RGBColor(0x66, 0x66, 0x66)),
        ))
        .map_err(fail)?;
    }
    area.present().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::{Entry, Sample};

    #[test]
    fn charts_show_the_measured_figures_and_ratios() {
        let mut results = Results::default();
        results
            .versions
            .insert("aws-sdk-cognitoidentityprovider".into(), "1.2.3".into());
        for (subject, wall, binary) in [
            ("committed", 40.0, 3_000_000),
            ("official", 160.0, 12_000_000),
        ] {
            for measure in ["debug", "release"] {
                results.put(Entry {
                    subject: subject.into(),
                    measure: measure.into(),
                    run: "2026-01-01T00:00:00Z".into(),
                    samples: vec![Sample {
                        run: "2026-01-01T00:00:00Z".into(),
                        pair: 0,
                        wall_s: wall,
                        cpu_s: wall / 2.0,
                        peak_mib: wall * 10.0,
                        binary_bytes: (measure == "release").then_some(binary),
                        load: 3.0,
                    }],
                });
            }
        }
        let dir = std::env::temp_dir().join(format!("xtask-charts-{}", std::process::id()));
        let written = draw(&results, &dir).unwrap();
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        let time = read("build-time.svg");
        let memory = read("build-memory.svg");
        let binary = read("binary-size.svg");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(written.len(), 3);
        assert!(time.contains("40 s (CPU 20 s)"), "{time}");
        assert!(time.contains("0.25× the official SDK"), "{time}");
        assert!(time.contains("aws-sdk-cognitoidentityprovider 1.2.3"));
        assert!(!time.contains("cargo check"), "no check was measured");
        assert!(memory.contains("400 MiB") && memory.contains("1600 MiB"));
        assert!(binary.contains("3.00 MB") && binary.contains("12.00 MB"));
        assert!(binary.contains("<rect"));
    }
}
