//! From a request path to a file of the built site: a pure function, so
//! what the preview refuses is decided in one place and tested on its own.
//!
//! The site is served from memory, so a path can only ever name a file of
//! the output tree; still, anything that looks like an attempt to leave it
//! (`..`, encoded separators, absolute paths) is refused outright rather
//! than looked up.

/// Why a request path is refused (answered with 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not `/`-rooted, or with an empty segment (`//etc/passwd`).
    NotRelative,
    /// A `.` or `..` segment, plain or percent-encoded.
    DotSegment,
    /// `\`, or `/` or `\` percent-encoded inside a segment.
    Separator,
    /// A malformed `%` escape, or bytes that are not UTF-8.
    Encoding,
    /// A control character (NUL, newline, ...).
    Control,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::NotRelative => "not a path inside the site",
            Refusal::DotSegment => "`.` and `..` segments are refused",
            Refusal::Separator => "encoded or backslash separators are refused",
            Refusal::Encoding => "malformed percent-encoding",
            Refusal::Control => "control characters are refused",
        }
    }
}

/// The output-tree key for the path part of a request URI (still
/// percent-encoded, as it came): `/` → `index.html`, `/a/` →
/// `a/index.html`, `/a/b.css` → `a/b.css`.
pub fn resolve(raw: &str) -> Result<String, Refusal> {
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(Refusal::NotRelative);
    };
    if rest.contains('\\') {
        return Err(Refusal::Separator);
    }
    let mut key = String::with_capacity(rest.len() + 10);
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            if i == last {
                break;
            }
            return Err(Refusal::NotRelative);
        }
        let decoded = decode(seg)?;
        if decoded.contains(['/', '\\']) {
            return Err(Refusal::Separator);
        }
        if decoded == "." || decoded == ".." {
            return Err(Refusal::DotSegment);
        }
        if decoded.chars().any(char::is_control) {
            return Err(Refusal::Control);
        }
        key.push_str(&decoded);
        if i != last {
            key.push('/');
        }
    }
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Ok(key)
}

/// Percent-decodes one segment; the bytes must be UTF-8.
fn decode(seg: &str) -> Result<String, Refusal> {
    if !seg.contains('%') {
        return Ok(seg.to_string());
    }
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::Encoding)?;
            let text = std::str::from_utf8(hex).map_err(|_| Refusal::Encoding)?;
            out.push(u8::from_str_radix(text, 16).map_err(|_| Refusal::Encoding)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::Encoding)
}

/// A percent-encoded query value (as `encodeURIComponent` writes it), or
/// `None` when it is malformed.
pub fn decode_component(value: &str) -> Option<String> {
    decode(value).ok()
}

/// The `Content-Type` for an output path, with a UTF-8 charset for text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_folders_to_their_index() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/lessons/").unwrap(), "lessons/index.html");
        assert_eq!(resolve("/lessons/a/").unwrap(), "lessons/a/index.html");
        assert_eq!(resolve("/style.css").unwrap(), "style.css");
        assert_eq!(resolve("/lessons").unwrap(), "lessons");
    }

    #[test]
    fn decodes_percent_escapes_to_utf8() {
        assert_eq!(resolve("/%E7%BB%8F%E9%AA%8C/").unwrap(), "经验/index.html");
        assert_eq!(resolve("/a%20b.txt").unwrap(), "a b.txt");
        assert_eq!(resolve("/100%25/").unwrap(), "100%/index.html");
    }

    #[test]
    fn refuses_traversal_plain_and_encoded() {
        for raw in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/a/./b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/.%2e/x",
            "/%2e/x",
        ] {
            assert_eq!(resolve(raw), Err(Refusal::DotSegment), "{raw}");
        }
    }

    #[test]
    fn refuses_encoded_and_backslash_separators() {
        for raw in [
            "/..%2fetc%2fpasswd",
            "/a%2Fb",
            "/..%5c..%5cwindows",
            "/a%5Cb",
            "/a\\..\\b",
        ] {
            assert_eq!(resolve(raw), Err(Refusal::Separator), "{raw}");
        }
    }

    #[test]
    fn refuses_absolute_and_malformed_paths() {
        assert_eq!(resolve("//etc/passwd"), Err(Refusal::NotRelative));
        assert_eq!(resolve("/a//b"), Err(Refusal::NotRelative));
        assert_eq!(resolve("etc/passwd"), Err(Refusal::NotRelative));
        assert_eq!(resolve(""), Err(Refusal::NotRelative));
        assert_eq!(resolve("/a%zz"), Err(Refusal::Encoding));
        assert_eq!(resolve("/a%2"), Err(Refusal::Encoding));
        assert_eq!(resolve("/%ff%fe"), Err(Refusal::Encoding));
        assert_eq!(resolve("/a%00b"), Err(Refusal::Control));
        assert_eq!(resolve("/a%0Ab"), Err(Refusal::Control));
    }

    #[test]
    fn text_types_carry_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("chart.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
