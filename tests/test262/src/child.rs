//! Running one child process with a time limit, an address-space limit and bounded output
//! capture: a test that crashes, hangs or floods its output costs one failed variant, never the
//! run.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// At most this much of each of stdout and stderr is kept (the rest is read and dropped, so the
/// child never blocks on a full pipe).
pub const OUTPUT_CAP: usize = 1 << 20;

/// How a child process ended.
#[derive(Debug)]
pub enum Ending {
    /// It exited by itself (with a code, or killed by a signal).
    Exited(ExitStatus),
    /// It was still running at the deadline and was killed.
    TimedOut,
}

#[derive(Debug)]
pub struct Finished {
    pub ending: Ending,
    /// The captured output, lossily decoded (at most [`OUTPUT_CAP`] bytes each).
    pub stdout: String,
    pub stderr: String,
}

/// Limits for one child process.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    /// Address-space limit in bytes (`None` = unlimited). Applied on Linux only.
    pub address_space: Option<u64>,
}

/// Runs `command` to completion or until `limits.timeout`, whichever comes first. Errors are
/// failures to start it (a missing binary).
pub fn run_with_limits(mut command: Command, limits: Limits) -> Result<Finished, String> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    if let Some(bytes) = limits.address_space {
        if let Err(e) = limit_address_space(&child, bytes) {
            let _ = kill(&mut child);
            return Err(format!("cannot limit the memory of {:?}: {e}", command.get_program()));
        }
    }
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<()>();
        let out = spawn_reader(scope, stdout, tx.clone());
        let err = spawn_reader(scope, stderr, tx);
        let deadline = started + limits.timeout;
        // Both pipes reach end-of-file when the child exits (or closes them).
        let mut timed_out = false;
        for _ in 0..2 {
            let left = deadline.saturating_duration_since(Instant::now());
            if rx.recv_timeout(left).is_err() {
                timed_out = true;
                break;
            }
        }
        let ending = if timed_out { kill(&mut child) } else { wait_until(&mut child, deadline) };
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        Ok(Finished { ending, stdout, stderr })
    })
}

/// Reads a pipe to its end on its own thread, keeping the first [`OUTPUT_CAP`] bytes; tells
/// `done` when the pipe is closed.
fn spawn_reader<'scope, R: Read + Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    pipe: Option<R>,
    done: mpsc::Sender<()>,
) -> std::thread::ScopedJoinHandle<'scope, String> {
    scope.spawn(move || {
        let mut kept = Vec::new();
        if let Some(mut pipe) = pipe {
            let mut buffer = [0u8; 8192];
            loop {
                match pipe.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => {
                        let room = OUTPUT_CAP.saturating_sub(kept.len());
                        kept.extend_from_slice(&buffer[..n.min(room)]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                }
            }
        }
        let _ = done.send(());
        String::from_utf8_lossy(&kept).into_owned()
    })
}

/// The child closed its output: it has exited or is about to. Waits for it, but not past the
/// deadline (a child that closes its pipes and keeps running is killed like a hung one).
fn wait_until(child: &mut std::process::Child, deadline: Instant) -> Ending {
    let mut pause = Duration::from_micros(50);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ending::Exited(status),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(10));
            }
            Ok(None) | Err(_) => return kill(child),
        }
    }
}

fn kill(child: &mut std::process::Child) -> Ending {
    let _ = child.kill();
    let _ = child.wait();
    Ending::TimedOut
}

/// Caps the child's address space once it is started. Setting the limit in the child between
/// fork and exec would force `fork` on std (a `pre_exec` hook rules out `posix_spawn`), which
/// costs as much as the test itself for a runner with large reserved stacks; the child is given
/// its limit microseconds after it starts instead, long before a runaway allocation matters.
#[cfg(target_os = "linux")]
fn limit_address_space(child: &std::process::Child, bytes: u64) -> std::io::Result<()> {
    /// `struct rlimit` of Linux (two `rlim_t`, which is 64 bits wide on every Linux target
    /// Rust supports with `std`).
    #[repr(C)]
    struct RLimit {
        current: u64,
        maximum: u64,
    }
    /// `RLIMIT_AS` (the same number on every Linux architecture).
    const RLIMIT_AS: i32 = 9;
    extern "C" {
        fn prlimit(pid: i32, resource: i32, new_limit: *const RLimit, old_limit: *mut RLimit) -> i32;
    }
    let pid = i32::try_from(child.id()).map_err(|_| std::io::Error::other("process id out of range"))?;
    let limit = RLimit { current: bytes, maximum: bytes };
    // SAFETY: glibc's and musl's `prlimit` with a valid pointer to a `struct rlimit` that lives
    // for the call and a null pointer for the old limit (which is then not written).
    let status = unsafe { prlimit(pid, RLIMIT_AS, &limit, std::ptr::null_mut()) };
    /// `ESRCH`: the child has already exited (a zombie has no limits to set).
    const NO_SUCH_PROCESS: i32 = 3;
    if status == 0 {
        return Ok(());
    }
    let error = std::io::Error::last_os_error();
    if error.raw_os_error() == Some(NO_SUCH_PROCESS) {
        Ok(())
    } else {
        Err(error)
    }
}

#[cfg(not(target_os = "linux"))]
fn limit_address_space(_child: &std::process::Child, _bytes: u64) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, timeout_ms: u64) -> Finished {
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        let limits = Limits { timeout: Duration::from_millis(timeout_ms), address_space: None };
        run_with_limits(command, limits).unwrap()
    }

    #[test]
    fn output_and_exit_status_are_captured() {
        let done = sh("echo out; echo err >&2; exit 3", 10_000);
        assert!(matches!(done.ending, Ending::Exited(s) if s.code() == Some(3)), "{done:?}");
        assert_eq!(done.stdout, "out\n");
        assert_eq!(done.stderr, "err\n");
    }

    #[test]
    fn a_hung_child_is_killed_at_the_deadline() {
        let started = Instant::now();
        let done = sh("echo before; exec sleep 30", 300);
        assert!(matches!(done.ending, Ending::TimedOut), "{done:?}");
        assert_eq!(done.stdout, "before\n");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn floods_are_capped() {
        let done = sh("head -c 3000000 /dev/zero", 10_000);
        assert!(matches!(done.ending, Ending::Exited(s) if s.success()), "{done:?}");
        assert_eq!(done.stdout.len(), OUTPUT_CAP);
    }

    #[test]
    fn a_missing_binary_is_an_error() {
        let limits = Limits { timeout: Duration::from_secs(1), address_space: None };
        assert!(run_with_limits(Command::new("/nonexistent/modjs"), limits).is_err());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_address_space_limit_applies() {
        let mut command = Command::new("sh");
        // The limit is set just after the start: read it after a pause.
        command.arg("-c").arg("sleep 0.2; ulimit -v");
        let limits = Limits { timeout: Duration::from_secs(10), address_space: Some(512 << 20) };
        let done = run_with_limits(command, limits).unwrap();
        assert_eq!(done.stdout.trim(), "524288");
    }
}
