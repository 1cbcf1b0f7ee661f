//! `node:buffer` and the global `Buffer`. The class and its methods are JavaScript
//! (`js/buffer.js`); the bytes live in a byte-array object (`ObjectKind::Bytes`: its integer
//! indices are its bytes, as a `Uint8Array`'s), and the encodings — UTF-8, hex, base64,
//! base64url, latin1/binary, ascii, UTF-16LE — are done here.
//!
//! modjs has no typed arrays yet, so `Buffer.prototype` does not inherit from
//! `Uint8Array.prototype`, and `subarray`/`slice` copy instead of sharing memory. `console.log`
//! prints a Buffer as Node does (`<Buffer 68 65 6c 6c 6f>`) through the custom inspect method on
//! `Buffer.prototype`.

use modjs_vm::native::CallArgs;
use modjs_vm::object::{Object, ObjectKind};
use modjs_vm::{JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    vm.define_method(binding, "create", 2, create_native);
    vm.define_method(binding, "fromString", 3, from_string_native);
    vm.define_method(binding, "fromArrayLike", 2, from_array_like_native);
    vm.define_method(binding, "toString", 4, to_string_native);
    vm.define_method(binding, "byteLength", 2, byte_length_native);
    vm.define_method(binding, "concat", 3, concat_native);
    vm.define_method(binding, "slice", 4, slice_native);
    vm.define_method(binding, "length", 1, length_native);
    super::js::run_js_builtin(vm, "buffer", include_str!("js/buffer.js"), binding)
}

/// A byte array inheriting from `proto`.
pub fn new_bytes(vm: &mut Vm, proto: Option<ObjRef>, bytes: Vec<u8>) -> ObjRef {
    vm.heap.alloc(Object::new(proto, ObjectKind::Bytes(bytes)))
}

/// The bytes of a byte array (a copy), or `None` for any other value.
pub fn bytes_of(vm: &Vm, v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::Bytes(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn proto_arg(v: &Value) -> Option<ObjRef> {
    match v {
        Value::Object(o) => Some(*o),
        _ => None,
    }
}

fn base64_value(c: u16) -> Option<u8> {
    let c = u8::try_from(c).ok()?;
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// The bytes of `s` in `encoding` (a name the JavaScript side normalized): Node's
/// `Buffer.from(string, encoding)`. Base64 decoding is lenient as Node's (both alphabets, other
/// characters skipped, stops at `=`); hex stops at the first pair that is not hex.
pub fn encode(s: &JsString, encoding: &str) -> Vec<u8> {
    let units = s.as_units();
    match encoding {
        "hex" => {
            let mut out = Vec::with_capacity(units.len() / 2);
            for pair in units.chunks_exact(2) {
                let digit = |u: u16| char::from_u32(u as u32).and_then(|c| c.to_digit(16));
                match (digit(pair[0]), digit(pair[1])) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => break,
                }
            }
            out
        }
        "base64" | "base64url" => {
            let mut out = Vec::with_capacity(units.len() * 3 / 4);
            let (mut acc, mut bits) = (0u32, 0u32);
            for &u in units {
                if u == u16::from(b'=') {
                    break;
                }
                let Some(v) = base64_value(u) else { continue };
                acc = (acc << 6) | v as u32;
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    out.push((acc >> bits) as u8);
                }
            }
            out
        }
        "latin1" | "ascii" => units.iter().map(|&u| u as u8).collect(),
        "utf16le" => units.iter().flat_map(|&u| u.to_le_bytes()).collect(),
        _ => String::from_utf16_lossy(units).into_bytes(),
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64_encode(bytes: &[u8], url: bool) -> String {
    let table = if url { BASE64URL } else { BASE64 };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        let sextets = [n >> 18, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        let shown = chunk.len() + 1;
        for (k, s) in sextets.iter().enumerate() {
            if k < shown {
                out.push(table[*s as usize] as char);
            } else if !url {
                out.push('=');
            }
        }
    }
    out
}

/// `bytes` as text in `encoding`: Node's `buf.toString(encoding)`. UTF-8 decoding replaces
/// each maximal invalid sequence with U+FFFD, as the WHATWG decoder does.
pub fn decode(bytes: &[u8], encoding: &str) -> JsString {
    match encoding {
        "hex" => {
            let mut s = String::with_capacity(bytes.len() * 2);
            for b in bytes {
                s.push_str(&format!("{b:02x}"));
            }
            JsString::from(s.as_str())
        }
        "base64" => JsString::from(base64_encode(bytes, false).as_str()),
        "base64url" => JsString::from(base64_encode(bytes, true).as_str()),
        "latin1" => JsString::from_units(bytes.iter().map(|&b| b as u16).collect()),
        "ascii" => JsString::from_units(bytes.iter().map(|&b| (b & 0x7f) as u16).collect()),
        "utf16le" => JsString::from_units(
            bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect(),
        ),
        _ => JsString::from(String::from_utf8_lossy(bytes).as_ref()),
    }
}

fn encoding_arg(vm: &mut Vm, v: &Value) -> JsResult<String> {
    match v {
        Value::Undefined => Ok("utf8".to_string()),
        other => Ok(vm.to_string(other)?.to_rust_lossy()),
    }
}

/// `create(proto, size)`: a zero-filled Buffer.
fn create_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let size = vm.to_number(&args.get(1))?;
    let size = if size.is_finite() && size > 0.0 {
        size as usize
    } else {
        0
    };
    Ok(Value::Object(new_bytes(
        vm,
        proto_arg(&args.get(0)),
        vec![0; size],
    )))
}

/// `fromString(proto, string, encoding)`.
fn from_string_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(&args.get(1))?;
    let encoding = encoding_arg(vm, &args.get(2))?;
    let bytes = encode(&s, &encoding);
    Ok(Value::Object(new_bytes(vm, proto_arg(&args.get(0)), bytes)))
}

/// `fromArrayLike(proto, values)`: each value converted as a `Uint8Array` element.
fn from_array_like_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let source = args.get(1);
    let bytes = match bytes_of(vm, &source) {
        Some(b) => b,
        None => {
            let list = vm.create_list_from_array_like(&source)?;
            let mut bytes = Vec::with_capacity(list.len());
            for v in list {
                bytes.push(modjs_vm::object::ordinary::to_uint8(vm.to_number(&v)?));
            }
            bytes
        }
    };
    Ok(Value::Object(new_bytes(vm, proto_arg(&args.get(0)), bytes)))
}

fn index_arg(vm: &mut Vm, v: &Value, default: usize, len: usize) -> JsResult<usize> {
    if matches!(v, Value::Undefined) {
        return Ok(default);
    }
    let n = vm.to_number(v)?;
    if n.is_nan() || n <= 0.0 {
        return Ok(0);
    }
    Ok((n as usize).min(len))
}

/// `toString(buffer, encoding, start, end)`.
fn to_string_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(bytes) = bytes_of(vm, &args.get(0)) else {
        return Ok(Value::from(""));
    };
    let encoding = encoding_arg(vm, &args.get(1))?;
    let start = index_arg(vm, &args.get(2), 0, bytes.len())?;
    let end = index_arg(vm, &args.get(3), bytes.len(), bytes.len())?;
    if end <= start {
        return Ok(Value::from(""));
    }
    Ok(Value::String(decode(&bytes[start..end], &encoding)))
}

/// `byteLength(string, encoding)`.
fn byte_length_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(&args.get(0))?;
    let encoding = encoding_arg(vm, &args.get(1))?;
    Ok(Value::Number(encode(&s, &encoding).len() as f64))
}

/// `concat(proto, list, totalLength)`: the list's Buffers joined, cut or zero-padded to
/// `totalLength` when given.
fn concat_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let list = vm.create_list_from_array_like(&args.get(1))?;
    let mut bytes = Vec::new();
    for item in &list {
        if let Some(b) = bytes_of(vm, item) {
            bytes.extend_from_slice(&b);
        }
    }
    if let Value::Number(total) = args.get(2) {
        let total = if total.is_finite() && total > 0.0 {
            total as usize
        } else {
            0
        };
        bytes.resize(total, 0);
    }
    Ok(Value::Object(new_bytes(vm, proto_arg(&args.get(0)), bytes)))
}

/// `slice(proto, buffer, start, end)`: a copy of the bytes `start..end` (already clamped).
fn slice_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let bytes = bytes_of(vm, &args.get(1)).unwrap_or_default();
    let start = index_arg(vm, &args.get(2), 0, bytes.len())?;
    let end = index_arg(vm, &args.get(3), bytes.len(), bytes.len())?.max(start);
    Ok(Value::Object(new_bytes(
        vm,
        proto_arg(&args.get(0)),
        bytes[start..end].to_vec(),
    )))
}

/// `length(value)`: a byte array's length, undefined for anything else (the `length` getter).
fn length_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match &args.get(0) {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::Bytes(b) => Ok(Value::Number(b.len() as f64)),
            _ => Ok(Value::Undefined),
        },
        _ => Ok(Value::Undefined),
    }
}

/// Reads `Buffer.prototype` (for natives that make Buffers).
pub fn buffer_prototype(vm: &mut Vm) -> JsResult<Option<ObjRef>> {
    let Some(exports) = super::builtin_exports(vm, "buffer")? else {
        return Ok(None);
    };
    let class = vm.get_v(&exports, &PropertyKey::from("Buffer"))?;
    match vm.get_v(&class, &PropertyKey::from("prototype"))? {
        Value::Object(p) => Ok(Some(p)),
        _ => Ok(None),
    }
}
