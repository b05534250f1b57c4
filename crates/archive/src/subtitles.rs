//! SubRip (`.srt`, what `video_metadata.subtitles` names) to WebVTT, the only subtitle
//! format a `<track>` takes. Pure and total: any text gives a valid file, and blocks that
//! are not cues are dropped.

/// The WebVTT file for `srt`: a byte-order mark and `\r\n`/`\r` line ends accepted, cue
/// numbers dropped, `00:00:01,500` times written `00:00:01.500`.
pub fn to_vtt(srt: &str) -> String {
    let text = srt.strip_prefix('\u{feff}').unwrap_or(srt);
    let mut out = String::from("WEBVTT\n");
    let text = text.replace("\r\n", "\n");
    let mut block: Vec<&str> = Vec::new();
    // Old Mac tools end lines with a lone `\r`.
    for line in text.split(['\n', '\r']).chain([""]) {
        if line.trim().is_empty() {
            cue(&block, &mut out);
            block.clear();
        } else {
            block.push(line);
        }
    }
    out
}

/// One block: `[number] timing text…`; written only when the timing reads and text follows.
fn cue(block: &[&str], out: &mut String) {
    let Some(at) = block.iter().position(|l| l.contains("-->")) else {
        return;
    };
    let Some((start, end)) = timing(block[at]) else {
        return;
    };
    let text = &block[at + 1..];
    if text.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&start);
    out.push_str(" --> ");
    out.push_str(&end);
    out.push('\n');
    for line in text {
        // `-->` ends a cue's text in WebVTT.
        out.push_str(&line.replace("-->", "\u{2192}"));
        out.push('\n');
    }
}

/// `00:00:01,500 --> 00:00:02,000 [X1:…]` → both times (SubRip position hints dropped).
fn timing(line: &str) -> Option<(String, String)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((time(start.trim())?, time(end)?))
}

/// `h:mm:ss,mmm` (also `.` or no fraction, `mm:ss`) as `hh:mm:ss.mmm`.
fn time(text: &str) -> Option<String> {
    let (clock, fraction) = match text.split_once([',', '.']) {
        Some((clock, fraction)) => (clock, fraction),
        None => (text, "0"),
    };
    let number = |s: &str| -> Option<u64> {
        if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let parts: Vec<u64> = clock.split(':').map(number).collect::<Option<_>>()?;
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => (0, *m, *s),
        _ => return None,
    };
    // Milliseconds: the first three digits, right-padded (`,5` is half a second).
    let digits: String = fraction.chars().take(3).collect();
    let ms = number(&format!("{digits:0<3}"))?;
    (m < 60 && s < 60).then(|| format!("{h:02}:{m:02}:{s:02}.{ms:03}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VTT: &str = "WEBVTT\n\n00:00:00.000 --> 00:00:00.500\nCafé ☕\n\n\
                       00:00:00.500 --> 00:00:01.000\n<i>Video</i> #1\nsecond line\n";

    #[test]
    fn converts_cues() {
        let srt = "1\n00:00:00,000 --> 00:00:00,500\nCafé ☕\n\n\
                   2\n00:00:00,500 --> 00:00:01,000\n<i>Video</i> #1\nsecond line\n";
        assert_eq!(to_vtt(srt), VTT);
    }

    #[test]
    fn accepts_crlf_cr_bom_and_extra_blank_lines() {
        let srt = "\u{feff}1\r\n00:00:00,000 --> 00:00:00,500\r\nCafé ☕\r\n\r\n\r\n\
                   2\r00:00:00,500 --> 00:00:01,000\r<i>Video</i> #1\rsecond line";
        assert_eq!(to_vtt(srt), VTT);
    }

    #[test]
    fn normalises_times_and_drops_positions() {
        let vtt = to_vtt("7\n1:02:03.4 --> 1:02:04,56 X1:10 X2:20\n-->\n");
        assert_eq!(vtt, "WEBVTT\n\n01:02:03.400 --> 01:02:04.560\n\u{2192}\n");
        assert_eq!(
            to_vtt("02:03 --> 02:04\nshort\n"),
            "WEBVTT\n\n00:02:03.000 --> 00:02:04.000\nshort\n"
        );
    }

    #[test]
    fn garbage_gives_an_empty_file() {
        for bad in [
            "",
            "\u{feff}",
            "-->",
            "1\n-->\ntext",
            "1\nxx:00:00,000 --> 00:00:01,000\ntext",
            "1\n00:99:00,000 --> 00:00:01,000\ntext",
            "1\n00:00:00,000 --> 00:00:01,000\n",
            "99999999999:00:00,000 --> 1:00:00,000\nx",
            "\u{0}\r\r\n\n\u{fffd}",
        ] {
            assert_eq!(to_vtt(bad), "WEBVTT\n", "{bad:?}");
        }
    }
}
