// Command app is a tiny HTTP server for dockgen's end-to-end test. It uses the
// standard library only (no crates), so the generated Dockerfile's cargo build
// fetches nothing from a registry.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

fn status_field(name: &str) -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in status.lines() {
        if let Some(rest) = line.strip_prefix(name) {
            if let Some(v) = rest.split_whitespace().next() {
                return v.parse().unwrap_or(-1);
            }
        }
    }
    -1
}

fn handle(stream: TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read (and ignore) the headers up to the blank line.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match path {
        "/uid" => (
            "200 OK",
            format!(
                "{{\"uid\":{},\"gid\":{},\"pid\":{}}}",
                status_field("Uid:"),
                status_field("Gid:"),
                std::process::id()
            ),
        ),
        "/" => ("200 OK", "{\"ok\":true,\"stack\":\"rust\"}".to_string()),
        _ => ("404 Not Found", "{\"ok\":false}".to_string()),
    };
    let response = format!(
        "HTTP/1.1 {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        status,
        body.len(),
        body
    );
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let listener = TcpListener::bind(format!("0.0.0.0:{}", port)).expect("listen");
    eprintln!("listening on 0.0.0.0:{}", port);
    for stream in listener.incoming() {
        if let Ok(stream) = stream {
            std::thread::spawn(move || handle(stream));
        }
    }
}
