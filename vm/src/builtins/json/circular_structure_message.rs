//! The message of V8's TypeError for a cycle met by `JSON.stringify`:
//!
//! ```text
//! Converting circular structure to JSON
//!     --> starting at object with constructor 'Object'
//!     |     property 'a' -> object with constructor 'Object'
//!     |     ...
//!     |     index 0 -> object with constructor 'Array'
//!     --- property 'self' closes the circle
//! ```
//!
//! The path runs from the object met again to the property that leads back to it; past three
//! steps only the first two and the last are listed.

/// How one step of the path is reached: an array index or a property name.
pub enum PathKey {
    Index(u32),
    Property(String),
}

impl PathKey {
    fn describe(&self) -> String {
        match self {
            PathKey::Index(i) => format!("index {i}"),
            PathKey::Property(name) => format!("property '{name}'"),
        }
    }
}

/// The full message. `start` is the constructor name of the object met again, `steps` the
/// (key, constructor name) of each object after it on the path, and `closing` the key that
/// leads back to `start`.
pub fn circular_structure_message(start: &str, steps: &[(PathKey, String)], closing: &PathKey) -> String {
    const PREFIX: usize = 2;
    const POSTFIX: usize = 1;
    let mut message = String::from("Converting circular structure to JSON");
    message.push_str(&format!("\n    --> starting at object with constructor '{start}'"));
    let line = |(key, ctor): &(PathKey, String)| format!("\n    |     {} -> object with constructor '{ctor}'", key.describe());
    if steps.len() > PREFIX + POSTFIX {
        for step in &steps[..PREFIX] {
            message.push_str(&line(step));
        }
        message.push_str("\n    |     ...");
        for step in &steps[steps.len() - POSTFIX..] {
            message.push_str(&line(step));
        }
    } else {
        for step in steps {
            message.push_str(&line(step));
        }
    }
    message.push_str(&format!("\n    --- {} closes the circle", closing.describe()));
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str) -> PathKey {
        PathKey::Property(name.to_string())
    }

    #[test]
    fn direct_cycle() {
        // node: const o = {}; o.self = o; JSON.stringify(o)
        assert_eq!(
            circular_structure_message("Object", &[], &prop("self")),
            "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle"
        );
    }

    #[test]
    fn long_paths_are_elided() {
        // node: const o = {a:{b:{c:{d:{e:{}}}}}}; o.a.b.c.d.e.f = o; JSON.stringify(o)
        let steps: Vec<(PathKey, String)> =
            ["a", "b", "c", "d", "e"].iter().map(|k| (prop(k), "Object".to_string())).collect();
        assert_eq!(
            circular_structure_message("Object", &steps, &prop("f")),
            "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    |     property 'a' -> object with constructor 'Object'\n    |     property 'b' -> object with constructor 'Object'\n    |     ...\n    |     property 'e' -> object with constructor 'Object'\n    --- property 'f' closes the circle"
        );
        // node: const o = {a:{b:[1,{}]}}; o.a.b[1].c = o; JSON.stringify(o)
        let steps = vec![
            (prop("a"), "Object".to_string()),
            (prop("b"), "Array".to_string()),
            (PathKey::Index(1), "Object".to_string()),
        ];
        assert_eq!(
            circular_structure_message("Object", &steps, &prop("c")),
            "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    |     property 'a' -> object with constructor 'Object'\n    |     property 'b' -> object with constructor 'Array'\n    |     index 1 -> object with constructor 'Object'\n    --- property 'c' closes the circle"
        );
    }
}
