//! `node:url` and the globals `URL` / `URLSearchParams`. The classes are JavaScript
//! (`js/url.js`); parsing and the `file:` conversions are the loader's URL code
//! ([`crate::resolve::url`]), reached through three natives:
//!
//! - `parse(input, base)`: the URL's components as an array (`href`, `protocol`, `username`,
//!   `password`, `hostname`, `port`, `pathname`, `search`, `hash`) or `null` when it is not a
//!   valid URL;
//! - `fileURLToPath(href)` and `pathToFileURL(absolutePath)`: Node's POSIX conversions, with
//!   Node's errors.

use modjs_vm::native::CallArgs;
use modjs_vm::{JsResult, ObjRef, Value, Vm};

use crate::resolve::url::Url;

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    vm.define_method(binding, "parse", 2, parse_native);
    vm.define_method(binding, "fileURLToPath", 1, file_url_to_path_native);
    vm.define_method(binding, "pathToFileURL", 1, path_to_file_url_native);
    super::js::run_js_builtin(vm, "url", include_str!("js/url.js"), binding)
}

/// The components of a URL as `new URL()` shows them.
#[derive(Debug, PartialEq, Eq)]
pub struct UrlParts {
    pub href: String,
    pub protocol: String,
    pub username: String,
    pub password: String,
    pub hostname: String,
    pub port: String,
    pub pathname: String,
    pub search: String,
    pub hash: String,
}

/// The port a special scheme leaves out of its serialization.
fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" | "ws" => Some("80"),
        "https" | "wss" => Some("443"),
        "ftp" => Some("21"),
        _ => None,
    }
}

/// `new URL(input, base)` split into its components; `None` for an invalid URL (or base).
pub fn url_parts(input: &str, base: Option<&str>) -> Option<UrlParts> {
    let url = match base {
        Some(b) => Url::join(input, &Url::parse(b)?)?,
        None => Url::parse(input)?,
    };
    // The parser keeps the whole authority as the host: split off `user:pass@` and `:port`.
    let authority = url.host.clone().unwrap_or_default();
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (&authority[..i], &authority[i + 1..]),
        None => ("", authority.as_str()),
    };
    let (username, password) = match userinfo.split_once(':') {
        Some((u, p)) => (u.to_string(), p.to_string()),
        None => (userinfo.to_string(), String::new()),
    };
    let (hostname, port) = match hostport.rfind(':') {
        Some(i) if !hostport[i..].contains(']') => (&hostport[..i], &hostport[i + 1..]),
        _ => (hostport, ""),
    };
    if !port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let port = match port.trim_start_matches('0') {
        "" if port.is_empty() => String::new(),
        "" => "0".to_string(),
        digits => digits.to_string(),
    };
    if port.len() > 5 || port.parse::<u32>().is_ok_and(|p| p > 65535) {
        return None;
    }
    let port = if default_port(&url.scheme) == Some(port.as_str()) {
        String::new()
    } else {
        port
    };
    let mut href = format!("{}:", url.scheme);
    if url.host.is_some() {
        href.push_str("//");
        if !username.is_empty() || !password.is_empty() {
            href.push_str(&username);
            if !password.is_empty() {
                href.push(':');
                href.push_str(&password);
            }
            href.push('@');
        }
        href.push_str(hostname);
        if !port.is_empty() {
            href.push(':');
            href.push_str(&port);
        }
    }
    href.push_str(&url.path);
    if let Some(q) = &url.query {
        href.push('?');
        href.push_str(q);
    }
    if let Some(f) = &url.fragment {
        href.push('#');
        href.push_str(f);
    }
    Some(UrlParts {
        href,
        protocol: url.protocol(),
        username,
        password,
        hostname: hostname.to_string(),
        port,
        pathname: url.pathname().to_string(),
        search: url.search(),
        hash: url.hash(),
    })
}

fn string_arg(vm: &mut Vm, args: &CallArgs, i: usize) -> JsResult<String> {
    Ok(vm.to_string(&args.get(i))?.to_rust_lossy())
}

fn parse_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let input = string_arg(vm, args, 0)?;
    let base = match args.get(1) {
        Value::Undefined => None,
        _ => Some(string_arg(vm, args, 1)?),
    };
    let Some(p) = url_parts(&input, base.as_deref()) else {
        return Ok(Value::Null);
    };
    let list = [
        p.href, p.protocol, p.username, p.password, p.hostname, p.port, p.pathname, p.search,
        p.hash,
    ]
    .iter()
    .map(|s| Value::from(s.as_str()))
    .collect();
    Ok(Value::Object(vm.create_array_from_list(list)))
}

fn file_url_to_path_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let href = string_arg(vm, args, 0)?;
    let Some(url) = Url::parse(&href) else {
        return Err(super::error_from_parts(
            vm,
            "TypeError",
            Some("ERR_INVALID_URL"),
            "Invalid URL",
        ));
    };
    match url.to_file_path() {
        Ok(path) => Ok(Value::from(path.as_str())),
        Err(e) => Err(super::error_from_parts(vm, e.name, e.code, &e.message)),
    }
}

fn path_to_file_url_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = string_arg(vm, args, 0)?;
    Ok(Value::from(Url::from_file_path(&path).href().as_str()))
}
