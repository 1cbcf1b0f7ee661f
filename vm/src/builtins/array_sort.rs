//! Sorting for `Array.prototype.sort` / `toSorted`: SortIndexedProperties' sort step with
//! SortCompare (§23.1.3.30.1-2), as a stable merge sort whose comparator may throw.

use crate::error::JsResult;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Runs shorter than this are sorted by insertion before merging.
const RUN: usize = 12;

/// Sorts `v` stably; `le(a, b)` says whether `a` may stay before `b` (a ≤ b). The first error
/// from `le` aborts the sort (leaving `v` in some permutation of its elements).
pub fn merge_sort_by<T: Clone>(v: &mut [T], le: &mut dyn FnMut(&T, &T) -> JsResult<bool>) -> JsResult<()> {
    let n = v.len();
    // Insertion-sort each run.
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && !le(&v[j - 1], &v[j])? {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        start = end;
    }
    // Merge runs of doubling width.
    let mut width = RUN;
    let mut buf: Vec<T> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            buf.clear();
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                if le(&v[i], &v[j])? {
                    buf.push(v[i].clone());
                    i += 1;
                } else {
                    buf.push(v[j].clone());
                    j += 1;
                }
            }
            buf.extend_from_slice(&v[i..mid]);
            buf.extend_from_slice(&v[j..hi]);
            v[lo..hi].clone_from_slice(&buf);
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

/// Sorts `items` as SortIndexedProperties does with SortCompare (§23.1.3.30.2): `undefined`s go
/// last, then a user comparator (`comparefn`) or the code-unit order of the strings.
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, comparefn: &Value) -> JsResult<Vec<Value>> {
    // SortCompare's steps 1-3: undefined sorts after everything and is never passed to comparefn.
    let mut undefined_count = 0;
    let mut values: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        if v.is_undefined() {
            undefined_count += 1;
        } else {
            values.push(v);
        }
    }
    if comparefn.is_undefined() {
        // 5-7. Compare ToString(x) and ToString(y) by code units (each value converted once).
        let mut keyed: Vec<(JsString, Value)> = Vec::with_capacity(values.len());
        for v in values {
            let s = vm.to_string(&v)?;
            keyed.push((s, v));
        }
        // The keys are computed, so comparing cannot run code: the library's stable sort will do.
        keyed.sort_by(|a, b| a.0.as_units().cmp(b.0.as_units()));
        values = keyed.into_iter().map(|(_, v)| v).collect();
    } else {
        // 4. v = ToNumber(? Call(comparefn, undefined, « x, y »)); NaN counts as +0.
        let f = comparefn.clone();
        merge_sort_by(&mut values, &mut |a, b| {
            let r = vm.call(&f, Value::Undefined, &[a.clone(), b.clone()])?;
            let n = match r {
                Value::Number(n) => n,
                other => vm.to_number(&other)?,
            };
            // a ≤ b unless the comparator said a > b (NaN counts as equal).
            Ok(n <= 0.0 || n.is_nan())
        })?;
    }
    values.extend(std::iter::repeat_n(Value::Undefined, undefined_count));
    Ok(values)
}
