//! Safe mode: which heading attributes, link and image URLs may reach the
//! page when authors are not trusted (`markdown.raw_html: false`).

use pulldown_cmark::CowStr;

/// A heading attribute (`{key=value}`) that cannot run script or restyle the
/// page: anything but event handlers (`on…`) and `style`. `id` and classes
/// are separate fields and always kept.
pub(super) fn is_safe_heading_attribute(name: &str) -> bool {
    let name = name.trim().to_ascii_lowercase();
    !(name.starts_with("on") || name == "style")
}

/// `dest`, or `#` when it is a script or data URL ([`is_unsafe_url`]).
pub(super) fn neutralise(dest: CowStr<'_>, image: bool) -> CowStr<'_> {
    if is_unsafe_url(&dest, image) {
        CowStr::Borrowed("#")
    } else {
        dest
    }
}

/// True for a URL a browser would run as script or load as inline data:
/// the schemes `javascript:`, `vbscript:` and `data:` (except `data:image/`
/// when `image`), matched as browsers parse them: case-insensitively, after
/// leading spaces and control characters, with tabs and newlines anywhere
/// removed, and with HTML character references (`&#106;`, `&colon;`) decoded.
pub fn is_unsafe_url(url: &str, image: bool) -> bool {
    let cleaned: String = decode_char_refs(url)
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = cleaned.split_once(':') else {
        return false;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" | "vbscript" => true,
        "data" => {
            let media = rest.trim_start().get(..6).map(str::to_ascii_lowercase);
            !(image && media.as_deref() == Some("image/"))
        }
        _ => false,
    }
}

/// Decodes numeric (`&#106;`, `&#x6A;`) and the few named character
/// references that can hide a scheme (`&colon;`, `&Tab;`, `&NewLine;`).
/// Repeats until stable so `&amp;#106;` cannot smuggle one through either.
fn decode_char_refs(s: &str) -> String {
    let mut current = s.to_string();
    for _ in 0..4 {
        let next = decode_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// One pass of [`decode_char_refs`]; the `;` is optional, as in browsers' legacy parsing.
fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (decoded, used) = if let Some(num) = after.strip_prefix('#') {
            let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (h, 16, 2),
                None => (num, 10, 1),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            let c = u32::from_str_radix(&digits[..len.min(8)], radix)
                .ok()
                .and_then(char::from_u32);
            (c, prefix + len)
        } else {
            let len = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let c = match after[..len].to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            };
            (c, len)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let tail = &after[used..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_unsafe_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  \u{1}\u{1f}javascript:alert(1)",
            "java\tscr\nipt:alert(1)",
            "java\rscript:alert(1)",
            "vbscript:msgbox(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript&colon;alert(1)",
            "&#106&#97&#118&#97script:alert(1)",
            "javascript&#58;alert(1)",
            "java&Tab;script:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(is_unsafe_url(url, false), "link {url:?}");
            assert!(is_unsafe_url(url, true), "image {url:?}");
        }
    }

    #[test]
    fn ordinary_urls_and_image_data_are_safe() {
        for url in [
            "https://example.com/a?b=javascript:x",
            "../cases/crm/index.html",
            "#timeline",
            "mailto:pmo@example.com",
            "java script:alert(1)",
            "/javascript/notes.html",
            "",
            "&",
            "&#;",
            "&#xZZ;",
        ] {
            assert!(!is_unsafe_url(url, false), "{url:?}");
        }
        assert!(!is_unsafe_url("data:image/png;base64,iVBOR", true));
        assert!(!is_unsafe_url(" Data:Image/svg+xml,<svg/>", true));
        assert!(is_unsafe_url("data:image/png;base64,iVBOR", false));
    }
}
