//! Line breaking: how the already formatted entries of one object or array become a single string —
//! all on one line when they fit, grouped into aligned columns for long arrays of short items,
//! otherwise one entry per line. This follows Node's `reduceToSingleString`,
//! `isBelowBreakLength` and `groupArrayElements`, whose constants (the 80-column break length,
//! `compact: 3`, six entries before grouping, at most 15 columns, a character 2.5 times as high as
//! it is wide) shape every multi-line output.

use super::options::Compact;

/// What kind of entries are being joined: object properties, array-like entries (these may be
/// grouped into columns), or entries inside an `[key, value]` pair or a proxy.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EntriesKind {
    Object,
    ArrayLike,
}

/// The part of the inspection state that line breaking reads.
#[derive(Clone, Copy, Debug)]
pub struct LayoutState {
    pub break_length: usize,
    pub compact: Compact,
    /// Columns of indentation of the entries' parent.
    pub indentation: usize,
    /// Depth of the innermost object entered most recently (Node's `ctx.currentDepth`).
    pub current_depth: usize,
    /// Depth of the object whose entries these are (its `recurseTimes` after entering it).
    pub recurse_times: usize,
    /// `maxArrayLength`: when there are more entries than this, the last one is the
    /// `... N more items` line, which grouping leaves out.
    pub max_array_length: usize,
}

/// Length as JavaScript counts it (UTF-16 code units), which is what Node compares with the
/// break length.
pub fn js_length(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Columns a string occupies in a terminal (Node's `getStringWidth` without colour stripping):
/// ASCII controls take none, combining marks and zero-width characters none, East Asian wide and
/// full-width characters and emoji two, everything else one.
pub fn string_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let code = c as u32;
    if code < 0x20 {
        return 0;
    }
    if code < 0x7f {
        return 1;
    }
    if is_zero_width(code) {
        0
    } else if is_wide(code) {
        2
    } else {
        1
    }
}

fn is_zero_width(code: u32) -> bool {
    (0x7f..=0x9f).contains(&code)
        || (0x300..=0x36f).contains(&code)
        || (0x200b..=0x200f).contains(&code)
        || (0x20d0..=0x20ff).contains(&code)
        || (0xfe00..=0xfe0f).contains(&code)
        || (0xfe20..=0xfe2f).contains(&code)
        || (0xe0100..=0xe01ef).contains(&code)
}

fn is_wide(code: u32) -> bool {
    code >= 0x1100
        && (code <= 0x115f
            || code == 0x2329
            || code == 0x232a
            || ((0x2e80..=0x3247).contains(&code) && code != 0x303f)
            || (0x3250..=0x4dbf).contains(&code)
            || (0x4e00..=0xa4c6).contains(&code)
            || (0xa960..=0xa97c).contains(&code)
            || (0xac00..=0xd7a3).contains(&code)
            || (0xf900..=0xfaff).contains(&code)
            || (0xfe10..=0xfe19).contains(&code)
            || (0xfe30..=0xfe6b).contains(&code)
            || (0xff01..=0xff60).contains(&code)
            || (0xffe0..=0xffe6).contains(&code)
            || (0x1b000..=0x1b001).contains(&code)
            || (0x1f200..=0x1f251).contains(&code)
            || (0x1f300..=0x1f64f).contains(&code)
            || (0x1f900..=0x1f9ff).contains(&code)
            || (0x20000..=0x3fffd).contains(&code))
}

/// Whether the entries fit on one line: `start` columns are already taken, each entry adds its
/// length plus a separator, and the total may not exceed the break length. A `base` (a function
/// or error heading) that spans several lines never shares its line with the entries.
pub fn is_below_break_length(output: &[String], start: usize, base: &str, break_length: usize) -> bool {
    let mut total = output.len() + start;
    if total + output.len() > break_length {
        return false;
    }
    for entry in output {
        total += js_length(entry);
        if total > break_length {
            return false;
        }
    }
    base.is_empty() || !base.contains('\n')
}

/// JavaScript's `Math.round` for non-negative values (halves round up).
fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

/// Arranges more than six array entries into aligned columns when they are short enough: the
/// column count aims at a square block (a character being about 2.5 times as high as wide), is
/// limited by the break length, by `compact * 4` and by 15. Numbers (all entries numbers or
/// bigints: `pad_start`) are right-aligned, anything else left-aligned. Returns the rows, or the
/// entries unchanged when grouping does not pay off.
pub fn group_array_elements(state: &LayoutState, output: Vec<String>, pad_start: bool) -> Vec<String> {
    let mut total_length = 0usize;
    let mut max_length = 0usize;
    let mut output_length = output.len();
    if state.max_array_length < output.len() {
        // The "... more items" line takes no part in the grouping.
        output_length -= 1;
    }
    const SEPARATOR_SPACE: usize = 2; // ", "
    let data_len: Vec<usize> = output[..output_length].iter().map(|s| string_width(s)).collect();
    for &len in &data_len {
        total_length += len + SEPARATOR_SPACE;
        max_length = max_length.max(len);
    }
    let actual_max = max_length + SEPARATOR_SPACE;
    let fits_three = actual_max * 3 + state.indentation < state.break_length;
    let similar_lengths = total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6;
    if !(fits_three && similar_lengths) {
        return output;
    }
    const APPROX_CHAR_HEIGHTS: f64 = 2.5;
    let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
    let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
    let square = js_round((APPROX_CHAR_HEIGHTS * biased_max * output_length as f64).sqrt() / biased_max);
    let by_width = (state.break_length.saturating_sub(state.indentation) / actual_max) as f64;
    let by_compact = match state.compact {
        Compact::Level(n) => (n * 4) as f64,
        // Grouping only happens in the numeric mode; keep the limit neutral otherwise.
        Compact::Always | Compact::Never => f64::INFINITY,
    };
    let columns = square.min(by_width).min(by_compact).min(15.0);
    if columns.is_nan() || columns <= 1.0 {
        return output;
    }
    let columns = columns as usize;
    let mut max_line_length = Vec::with_capacity(columns);
    for column in 0..columns {
        let widest = data_len.iter().skip(column).step_by(columns).copied().max().unwrap_or(0);
        max_line_length.push(widest + SEPARATOR_SPACE);
    }
    let mut rows = Vec::new();
    let mut row_start = 0;
    while row_start < output_length {
        let row_end = (row_start + columns).min(output_length);
        let mut row = String::new();
        for j in row_start..row_end {
            let is_last = j + 1 == row_end;
            let width = max_line_length[j - row_start];
            // Pad by display width: the target counts code units, less the wide characters' extra.
            let entry = &output[j];
            let extra = js_length(entry) as i64 - data_len[j] as i64;
            if is_last {
                if pad_start {
                    let target = width as i64 + extra - SEPARATOR_SPACE as i64;
                    pad(&mut row, entry, target, true);
                } else {
                    row.push_str(entry);
                }
            } else {
                let cell = format!("{entry}, ");
                pad(&mut row, &cell, width as i64 + extra, pad_start);
            }
        }
        rows.push(row);
        row_start += columns;
    }
    if state.max_array_length < output.len() {
        rows.push(output[output_length].clone());
    }
    rows
}

/// `padStart`/`padEnd` with spaces to `target` UTF-16 units.
fn pad(out: &mut String, s: &str, target: i64, at_start: bool) {
    let missing = (target - js_length(s) as i64).max(0) as usize;
    if at_start {
        out.extend(std::iter::repeat_n(' ', missing));
        out.push_str(s);
    } else {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', missing));
    }
}

/// Joins formatted entries with their braces (`braces.0` may carry a prefix such as `Map(2) {`)
/// and an optional `base` (function/error heading) into the final text, choosing between one
/// line and one entry per line as Node does. `pad_start` is passed to
/// [`group_array_elements`].
pub fn reduce_to_single_string(
    state: &LayoutState,
    output: Vec<String>,
    base: &str,
    braces: (&str, &str),
    kind: EntriesKind,
    pad_start: bool,
) -> String {
    let (open, close) = braces;
    let base_prefix = if base.is_empty() { String::new() } else { format!("{base} ") };
    let mut output = output;
    match state.compact {
        Compact::Always => {
            let start = 0;
            if is_below_break_length(&output, start, base, state.break_length) {
                let base_part = if base.is_empty() { String::new() } else { format!(" {base}") };
                return format!("{open}{base_part} {} {close}", output.join(", "));
            }
            let indentation = " ".repeat(state.indentation);
            let ln = if base.is_empty() && js_length(open) == 1 {
                " ".to_string()
            } else {
                let base_part = if base.is_empty() { String::new() } else { format!(" {base}") };
                format!("{base_part}\n{indentation}  ")
            };
            let joined = output.join(&format!(",\n{indentation}  "));
            return format!("{open}{ln}{joined} {close}");
        }
        Compact::Level(level) if level >= 1 => {
            let entries = output.len();
            if kind == EntriesKind::ArrayLike && entries > 6 {
                output = group_array_elements(state, output, pad_start);
            }
            let within_compact_depth =
                (state.current_depth as i64 - state.recurse_times as i64) < level as i64;
            if within_compact_depth && entries == output.len() {
                let start = output.len() + state.indentation + js_length(open) + js_length(base) + 10;
                if is_below_break_length(&output, start, base, state.break_length) {
                    let joined = output.join(", ");
                    if !joined.contains('\n') {
                        return format!("{base_prefix}{open} {joined} {close}");
                    }
                }
            }
        }
        Compact::Level(_) | Compact::Never => {}
    }
    let indentation = format!("\n{}", " ".repeat(state.indentation));
    let joined = output.join(&format!(",{indentation}  "));
    format!("{base_prefix}{open}{indentation}  {joined}{indentation}{close}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(indentation: usize) -> LayoutState {
        LayoutState {
            break_length: 80,
            compact: Compact::Level(3),
            indentation,
            current_depth: 1,
            recurse_times: 1,
            max_array_length: 100,
        }
    }

    fn numbers(range: impl Iterator<Item = i64>) -> Vec<String> {
        range.map(|n| n.to_string()).collect()
    }

    #[test]
    fn short_entries_stay_on_one_line() {
        let out = vec!["1".to_string(), "2".to_string()];
        assert_eq!(
            reduce_to_single_string(&state(0), out, "", ("[", "]"), EntriesKind::ArrayLike, true),
            "[ 1, 2 ]"
        );
        let out = vec!["a: 1".to_string()];
        assert_eq!(
            reduce_to_single_string(&state(0), out, "[Function: f]", ("{", "}"), EntriesKind::Object, false),
            "[Function: f] { a: 1 }"
        );
    }

    #[test]
    fn entries_past_the_break_length_get_a_line_each() {
        let out: Vec<String> = ["alpha", "beta", "gamma", "delta"]
            .iter()
            .map(|k| format!("{k}: '{}'", "x".repeat(12)))
            .collect();
        let text = reduce_to_single_string(&state(0), out, "", ("{", "}"), EntriesKind::Object, false);
        assert_eq!(
            text,
            "{\n  alpha: 'xxxxxxxxxxxx',\n  beta: 'xxxxxxxxxxxx',\n  gamma: 'xxxxxxxxxxxx',\n  delta: 'xxxxxxxxxxxx'\n}"
        );
    }

    #[test]
    fn deeper_than_compact_levels_breaks_even_when_short() {
        let mut s = state(0);
        s.current_depth = 4;
        s.recurse_times = 1;
        let text = reduce_to_single_string(&s, vec!["a: 1".into()], "", ("{", "}"), EntriesKind::Object, false);
        assert_eq!(text, "{\n  a: 1\n}");
    }

    #[test]
    fn thirty_numbers_group_into_eight_right_aligned_columns() {
        let out = numbers((0..30).map(|i| i * 7));
        let text = reduce_to_single_string(&state(0), out, "", ("[", "]"), EntriesKind::ArrayLike, true);
        let expected = "[\n    0,   7,  14,  21,  28,  35,  42,  49,\n   56,  63,  70,  77,  84,  91,  98, 105,\n  112, 119, 126, 133, 140, 147, 154, 161,\n  168, 175, 182, 189, 196, 203\n]";
        assert_eq!(text, expected);
    }

    #[test]
    fn more_items_line_is_not_grouped() {
        let mut out = numbers(0..100);
        out.push("... 20 more items".to_string());
        let text = reduce_to_single_string(&state(0), out, "", ("[", "]"), EntriesKind::ArrayLike, true);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,");
        assert_eq!(lines[9], "  96, 97, 98, 99,");
        assert_eq!(lines[10], "  ... 20 more items");
        assert_eq!(lines.len(), 12);
    }

    #[test]
    fn strings_are_left_aligned() {
        let out: Vec<String> =
            (0..26u8).map(|i| format!("'{}'", ((b'a' + i) as char).to_string().repeat(i as usize % 5 + 1))).collect();
        let text = reduce_to_single_string(&state(0), out, "", ("[", "]"), EntriesKind::ArrayLike, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "  'a',     'bb',    'ccc',   'dddd',");
        assert_eq!(lines[7], "  'yyyyy', 'z'");
    }

    #[test]
    fn mixed_entries_and_wide_characters() {
        let out: Vec<String> = (0..8).map(|i| if i % 2 == 1 { "'x'".to_string() } else { i.to_string() }).collect();
        let text = reduce_to_single_string(&state(0), out, "", ("[", "]"), EntriesKind::ArrayLike, false);
        assert_eq!(text, "[\n  0, 'x', 2, 'x',\n  4, 'x', 6, 'x'\n]");
        assert_eq!(string_width("'中文中'"), 8);
        assert_eq!(string_width("'é'"), 3);
    }

    #[test]
    fn few_or_very_uneven_entries_are_not_grouped() {
        let mut out = numbers(0..7);
        out[3] = "x".repeat(60);
        let grouped = group_array_elements(&state(0), out.clone(), true);
        assert_eq!(grouped, out);
    }

    #[test]
    fn multi_line_base_forces_line_breaks() {
        let text = reduce_to_single_string(
            &state(0),
            vec!["extra: 1".into()],
            "Error: x\n    at f",
            ("{", "}"),
            EntriesKind::Object,
            false,
        );
        assert_eq!(text, "Error: x\n    at f {\n  extra: 1\n}");
    }
}
