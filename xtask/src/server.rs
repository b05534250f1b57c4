//! A small static file server for dist/, bound to a local address. Every response
//! carries the page's own Content-Security-Policy as a header (with `frame-ancestors
//! 'none'`, which a `<meta>` policy cannot carry), so the worker script gets it too: the
//! headers any host of Keepsake should send. Requests are bounded in size and time, and
//! a fixed pool of threads serves them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Threads answering requests.
const WORKERS: usize = 8;
/// Connections accepted but waiting for a worker; past this a client gets a 503.
const QUEUE: usize = 32;
/// The longest request line (method, target, version).
const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The longest request head (request line and headers together).
const MAX_HEAD: u64 = 32 * 1024;
/// How long a client may take to send its request, or to take the answer.
const TIMEOUT: Duration = Duration::from_secs(5);
/// The policy when dist has no page to take it from: nothing may load.
const FALLBACK_POLICY: &str = "default-src 'none'";

pub struct Server {
    addr: SocketAddr,
    thread: JoinHandle<()>,
}

impl Server {
    /// Binds `host:port` (port 0 picks a free one) and serves `root` on background threads.
    pub fn start(host: &str, port: u16, root: PathBuf) -> Result<Self, String> {
        let listener = TcpListener::bind((host, port))
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let root = Arc::new(root);
        let (queue, waiting) = mpsc::sync_channel::<TcpStream>(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..WORKERS {
            let (root, waiting) = (Arc::clone(&root), Arc::clone(&waiting));
            thread::spawn(move || work(&waiting, &root));
        }
        let thread = thread::spawn(move || accept(&listener, &queue));
        Ok(Self { addr, thread })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until the process is stopped.
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}

/// Hands each connection to the pool; when the pool is full, says so and hangs up.
fn accept(listener: &TcpListener, queue: &SyncSender<TcpStream>) {
    for stream in listener.incoming().flatten() {
        let _ = stream.set_read_timeout(Some(TIMEOUT));
        let _ = stream.set_write_timeout(Some(TIMEOUT));
        match queue.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(mut stream)) => {
                // Briefly, so a flood cannot stall the accept loop.
                let short = Some(Duration::from_millis(100));
                let _ = stream.set_read_timeout(short);
                let _ = stream.set_write_timeout(short);
                let _ = refuse(
                    &mut stream,
                    "503 Service Unavailable",
                    &policy(Path::new("")),
                );
            }
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

fn work(waiting: &Mutex<Receiver<TcpStream>>, root: &Path) {
    loop {
        // The lock is held only while taking the next connection.
        let next = match waiting.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match next {
            Ok(stream) => {
                let _ = respond(stream, root);
            }
            Err(_) => return,
        }
    }
}

/// The request line of a request whose head fits the limits, or the status to refuse it.
fn read_head(stream: &TcpStream) -> std::io::Result<Result<String, &'static str>> {
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line)?;
    if line.len() > MAX_REQUEST_LINE || !line.ends_with(b"\n") {
        return Ok(Err("414 URI Too Long"));
    }
    let request_line = String::from_utf8_lossy(&line).into_owned();
    // Drain the headers, within the head limit; nothing in them changes the answer.
    let mut header = Vec::new();
    loop {
        header.clear();
        reader.read_until(b'\n', &mut header)?;
        if !header.ends_with(b"\n") {
            return Ok(Err("431 Request Header Fields Too Large"));
        }
        if header.len() <= 2 {
            return Ok(Ok(request_line));
        }
    }
}

/// The Content-Security-Policy for every response: the page's own, else nothing allowed.
fn policy(root: &Path) -> String {
    let page = std::fs::read_to_string(root.join("index.html")).unwrap_or_default();
    let policy = crate::csp::policy_of(&page).unwrap_or_else(|| FALLBACK_POLICY.to_owned());
    format!("Content-Security-Policy: {policy}; frame-ancestors 'none'")
}

/// Answers `status` and hangs up. What the client is still sending is read (up to a
/// bound) first: closing a socket with unread input resets it, and the client could lose
/// the answer.
fn refuse(stream: &mut TcpStream, status: &str, policy: &str) -> std::io::Result<()> {
    write_response(stream, status, "text/plain", b"", &[policy.to_owned()])?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut rest = stream.take(4 * MAX_HEAD);
    std::io::copy(&mut rest, &mut std::io::sink()).map(|_| ())
}

fn respond(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let policy = policy(root);
    let request_line = match read_head(&stream)? {
        Ok(line) => line,
        Err(status) => return refuse(&mut stream, status, &policy),
    };
    let mut words = request_line.split_whitespace();
    let method = words.next().unwrap_or_default();
    let target = words.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return refuse(&mut stream, "405 Method Not Allowed", &policy);
    }
    let extra = [policy];
    let Some(path) = resolve(root, target) else {
        return write_response(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            &extra,
        );
    };
    let body = std::fs::read(&path)?;
    let body = if method == "HEAD" { &[][..] } else { &body[..] };
    write_response(&mut stream, "200 OK", crate::mime::of(&path), body, &extra)
}

/// Maps a request target to a file under `root`, refusing anything that would escape it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn write_response(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    extra: &[String],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n",
        body.len()
    );
    for line in extra {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(addr: SocketAddr, target: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    /// A scratch dist folder with a page, a worker script and a wasm file.
    fn dist(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("keepsake-serve-{}-{label}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("app_bg.wasm"), b"\0asm");
        let _ = std::fs::write(dir.join("loader.js"), b"self.onmessage = () => {};");
        let _ = std::fs::write(
            dir.join("index.html"),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#,
        );
        dir
    }

    fn start(dir: &Path) -> Server {
        Server::start("127.0.0.1", 0, dir.to_path_buf()).unwrap_or_else(|e| panic!("start: {e}"))
    }

    const POLICY: &str = "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'";

    #[test]
    fn serves_files_with_types_and_refuses_escapes() {
        let dir = dist("files");
        let server = start(&dir);
        let wasm = get(server.addr(), "/app_bg.wasm");
        assert!(wasm.starts_with("HTTP/1.1 200 OK"), "{wasm}");
        assert!(wasm.contains("Content-Type: application/wasm"));
        let index = get(server.addr(), "/?x=1");
        assert!(index.contains(POLICY), "{index}");
        assert!(get(server.addr(), "/../etc/passwd").starts_with("HTTP/1.1 404"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn every_response_carries_the_policy() {
        let dir = dist("policy");
        let server = start(&dir);
        for target in ["/loader.js", "/app_bg.wasm", "/missing.js"] {
            let answer = get(server.addr(), target);
            assert!(answer.contains(POLICY), "{target}: {answer}");
            assert!(answer.contains("X-Content-Type-Options: nosniff"));
            assert!(answer.contains("Referrer-Policy: no-referrer"));
        }
        assert!(get(server.addr(), "/loader.js").contains("Content-Type: text/javascript"));
        // Without a page to take the policy from, nothing is allowed.
        let _ = std::fs::remove_file(dir.join("index.html"));
        let bare = get(server.addr(), "/loader.js");
        assert!(
            bare.contains("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'")
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn over_long_requests_are_refused() {
        let dir = dist("long");
        let server = start(&dir);
        let long = format!("/{}", "a".repeat(100_000));
        // The server answers after reading at most the head limit, then hangs up.
        let answer = get(server.addr(), &long);
        assert!(
            answer.starts_with("HTTP/1.1 414"),
            "{}",
            &answer[..answer.len().min(80)]
        );
        let mut stream = TcpStream::connect(server.addr()).unwrap_or_else(|e| panic!("{e}"));
        let headers =
            "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(1_000);
        let _ = write!(stream, "GET / HTTP/1.1\r\n{headers}\r\n");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 431"),
            "{}",
            &answer[..answer.len().min(80)]
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn connections_past_the_pool_are_turned_away() {
        let dir = dist("pool");
        let server = start(&dir);
        // Idle clients occupy every worker and fill the queue.
        let idle: Vec<TcpStream> = (0..WORKERS + QUEUE + 4)
            .filter_map(|_| TcpStream::connect(server.addr()).ok())
            .collect();
        let answer = get(server.addr(), "/loader.js");
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        drop(idle);
        // Once they hang up the pool serves again.
        let mut served = false;
        for _ in 0..50 {
            if get(server.addr(), "/loader.js").starts_with("HTTP/1.1 200") {
                served = true;
                break;
            }
            thread::sleep(Duration::from_millis(20));
        }
        assert!(served);
        let _ = std::fs::remove_dir_all(dir);
    }
}
