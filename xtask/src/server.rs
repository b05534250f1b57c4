//! A small static file server for dist/, bound to a local address. It sends the page's
//! own Content-Security-Policy as a header too, with `frame-ancestors 'none'`, which a
//! `<meta>` policy cannot carry: the headers any host of Keepsake should send.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub struct Server {
    addr: SocketAddr,
    thread: JoinHandle<()>,
}

impl Server {
    /// Binds `host:port` (port 0 picks a free one) and serves `root` on a background thread.
    pub fn start(host: &str, port: u16, root: PathBuf) -> Result<Self, String> {
        let listener = TcpListener::bind((host, port))
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let root = Arc::new(root);
        let thread = thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = Arc::clone(&root);
                thread::spawn(move || {
                    let _ = respond(stream, &root);
                });
            }
        });
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

fn respond(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut words = request_line.split_whitespace();
    let method = words.next().unwrap_or_default();
    let target = words.next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            &[],
        );
    }
    let Some(path) = resolve(root, target) else {
        return write_response(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            &[],
        );
    };
    let body = std::fs::read(&path)?;
    let mut extra = Vec::new();
    let is_page = path.extension().is_some_and(|e| e == "html");
    if let Some(policy) = is_page
        .then(|| crate::csp::policy_of(&String::from_utf8_lossy(&body)))
        .flatten()
    {
        extra.push(format!(
            "Content-Security-Policy: {policy}; frame-ancestors 'none'"
        ));
    }
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
    use std::io::Read;

    fn get(addr: SocketAddr, target: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    #[test]
    fn serves_files_with_types_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("keepsake-serve-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("app_bg.wasm"), b"\0asm");
        let _ = std::fs::write(
            dir.join("index.html"),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#,
        );
        let server =
            Server::start("127.0.0.1", 0, dir.clone()).unwrap_or_else(|e| panic!("start: {e}"));
        let wasm = get(server.addr(), "/app_bg.wasm");
        assert!(wasm.starts_with("HTTP/1.1 200 OK"), "{wasm}");
        assert!(wasm.contains("Content-Type: application/wasm"));
        let index = get(server.addr(), "/?x=1");
        assert!(
            index.contains("Content-Security-Policy: default-src 'self'; frame-ancestors 'none'")
        );
        assert!(get(server.addr(), "/../etc/passwd").starts_with("HTTP/1.1 404"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
