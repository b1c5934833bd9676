//! A small chart for `zkvm bench`: peak memory and prove CPU time against
//! cycles (log-log), written as a PNG without any image crate: an RGB
//! raster, a 3×5 pixel font for the labels, and a PNG file (zlib by
//! miniz_oxide).

/// One series: (cycles, value) points, drawn in `color`.
pub struct Series {
    pub name: String,
    pub color: [u8; 3],
    pub points: Vec<(f64, f64)>,
}

/// A panel: a y-axis label and its series.
pub struct Panel {
    pub title: String,
    pub series: Vec<Series>,
    /// A horizontal line (a target), if any.
    pub target: Option<f64>,
}

struct Canvas {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: usize, h: usize) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![255; w * h * 3],
        }
    }
    fn set(&mut self, x: i64, y: i64, c: [u8; 3]) {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h {
            return;
        }
        let at = (y as usize * self.w + x as usize) * 3;
        self.px[at..at + 3].copy_from_slice(&c);
    }
    fn line(&mut self, (x0, y0): (i64, i64), (x1, y1): (i64, i64), c: [u8; 3]) {
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).max(1);
        for i in 0..=steps {
            let x = x0 + (x1 - x0) * i / steps;
            let y = y0 + (y1 - y0) * i / steps;
            self.set(x, y, c);
        }
    }
    fn dot(&mut self, x: i64, y: i64, c: [u8; 3]) {
        for dx in -2..=2 {
            for dy in -2..=2 {
                self.set(x + dx, y + dy, c);
            }
        }
    }
    /// Text in the 3×5 font, scaled by 2, left edge at x, top at y.
    fn text(&mut self, x: i64, y: i64, s: &str, c: [u8; 3]) {
        let mut cx = x;
        for ch in s.chars() {
            let rows = glyph(ch);
            for (r, bits) in rows.iter().enumerate() {
                for col in 0..3 {
                    if bits & (4 >> col) != 0 {
                        for sx in 0..2 {
                            for sy in 0..2 {
                                self.set(cx + col * 2 + sx, y + r as i64 * 2 + sy, c);
                            }
                        }
                    }
                }
            }
            cx += 8;
        }
    }
}

/// 3×5 glyphs (3 bits per row, left bit first); unknown characters are blank.
fn glyph(c: char) -> [u8; 5] {
    match c.to_ascii_uppercase() {
        '0' => [7, 5, 5, 5, 7],
        '1' => [2, 6, 2, 2, 7],
        '2' => [7, 1, 7, 4, 7],
        '3' => [7, 1, 7, 1, 7],
        '4' => [5, 5, 7, 1, 1],
        '5' => [7, 4, 7, 1, 7],
        '6' => [7, 4, 7, 5, 7],
        '7' => [7, 1, 1, 1, 1],
        '8' => [7, 5, 7, 5, 7],
        '9' => [7, 5, 7, 1, 7],
        '.' => [0, 0, 0, 0, 2],
        '^' => [2, 5, 0, 0, 0],
        '-' => [0, 0, 7, 0, 0],
        '(' => [1, 2, 2, 2, 1],
        ')' => [4, 2, 2, 2, 4],
        '<' => [1, 2, 4, 2, 1],
        'A' => [2, 5, 7, 5, 5],
        'B' => [6, 5, 6, 5, 6],
        'C' => [7, 4, 4, 4, 7],
        'D' => [6, 5, 5, 5, 6],
        'E' => [7, 4, 6, 4, 7],
        'F' => [7, 4, 6, 4, 4],
        'G' => [7, 4, 5, 5, 7],
        'H' => [5, 5, 7, 5, 5],
        'I' => [7, 2, 2, 2, 7],
        'K' => [5, 5, 6, 5, 5],
        'L' => [4, 4, 4, 4, 7],
        'M' => [5, 7, 7, 5, 5],
        'N' => [6, 5, 5, 5, 5],
        'O' => [7, 5, 5, 5, 7],
        'P' => [7, 5, 7, 4, 4],
        'R' => [6, 5, 6, 5, 5],
        'S' => [7, 4, 7, 1, 7],
        'T' => [7, 2, 2, 2, 2],
        'U' => [5, 5, 5, 5, 7],
        'V' => [5, 5, 5, 5, 2],
        'W' => [5, 5, 7, 7, 5],
        'Y' => [5, 5, 2, 2, 2],
        _ => [0; 5],
    }
}

/// "1e6"-style label of 10^k.
fn power_label(k: i32) -> String {
    format!("1E{k}")
}

/// Draws the panels side by side (log-log axes) and returns the PNG bytes.
pub fn chart(panels: &[Panel]) -> Vec<u8> {
    let (pw, ph) = (420usize, 320usize);
    let mut cv = Canvas::new(pw * panels.len().max(1), ph);
    let grey = [200, 200, 200];
    let black = [0, 0, 0];
    for (p, panel) in panels.iter().enumerate() {
        let ox = (p * pw) as i64;
        let (left, right, top, bottom) = (ox + 60, ox + pw as i64 - 20, 40i64, ph as i64 - 50);
        let all: Vec<(f64, f64)> = panel
            .series
            .iter()
            .flat_map(|s| s.points.iter().copied())
            .filter(|&(x, y)| x > 0.0 && y > 0.0)
            .chain(panel.target.map(|t| (0.0, t)).into_iter().filter(|_| false))
            .collect();
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in &all {
            x0 = x0.min(x.log10());
            x1 = x1.max(x.log10());
            y0 = y0.min(y.log10());
            y1 = y1.max(y.log10());
        }
        if let Some(t) = panel.target {
            y0 = y0.min(t.log10());
            y1 = y1.max(t.log10());
        }
        if all.is_empty() {
            (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
        }
        let (x0, x1) = (x0.floor(), x1.ceil().max(x0.floor() + 1.0));
        let (y0, y1) = (
            (y0 - 0.1).floor(),
            (y1 + 0.1).ceil().max((y0 - 0.1).floor() + 1.0),
        );
        let sx = |x: f64| left + ((x.log10() - x0) / (x1 - x0) * (right - left) as f64) as i64;
        let sy = |y: f64| bottom - ((y.log10() - y0) / (y1 - y0) * (bottom - top) as f64) as i64;
        // Grid and tick labels at powers of ten.
        for k in x0 as i32..=x1 as i32 {
            let x = sx(10f64.powi(k));
            cv.line((x, top), (x, bottom), grey);
            cv.text(x - 12, bottom + 8, &power_label(k), black);
        }
        for k in y0 as i32..=y1 as i32 {
            let y = sy(10f64.powi(k));
            cv.line((left, y), (right, y), grey);
            let label = if k >= 0 {
                format!("{}", 10u64.pow(k as u32))
            } else {
                format!("{}", 10f64.powi(k))
            };
            cv.text(ox + 4, y - 5, &label, black);
        }
        cv.line((left, top), (left, bottom), black);
        cv.line((left, bottom), (right, bottom), black);
        cv.text(left, 12, &panel.title, black);
        cv.text(right - 6 * 8, bottom + 26, "CYCLES", black);
        if let Some(t) = panel.target {
            let y = sy(t);
            let mut x = left;
            while x < right {
                cv.line((x, y), ((x + 6).min(right), y), [220, 0, 0]);
                x += 12;
            }
        }
        for (i, s) in panel.series.iter().enumerate() {
            let mut pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .copied()
                .filter(|&(x, y)| x > 0.0 && y > 0.0)
                .collect();
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            for w in pts.windows(2) {
                cv.line((sx(w[0].0), sy(w[0].1)), (sx(w[1].0), sy(w[1].1)), s.color);
            }
            for &(x, y) in &pts {
                cv.dot(sx(x), sy(y), s.color);
            }
            cv.text(left + 10, top + 6 + 14 * i as i64, &s.name, s.color);
        }
    }
    png(cv.w, cv.h, &cv.px)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// An 8-bit RGB PNG: each scanline with filter 0, zlib-compressed.
pub fn png(w: usize, h: usize, rgb: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(h * (1 + 3 * w));
    for y in 0..h {
        raw.push(0);
        raw.extend_from_slice(&rgb[y * w * 3..(y + 1) * w * 3]);
    }
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(w as u32).to_be_bytes());
    ihdr.extend_from_slice(&(h as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_png_structure() {
        // CRC-32 of "IEND" (every PNG ends with it).
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        let bytes = png(2, 1, &[255, 0, 0, 0, 0, 255]);
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[bytes.len() - 12..], b"\0\0\0\0IEND\xaeB`\x82");
    }

    #[test]
    fn a_chart_has_its_points() {
        let panel = Panel {
            title: "RSS GB".into(),
            series: vec![Series {
                name: "SHA256".into(),
                color: [0, 0, 200],
                points: vec![(1e5, 0.5), (1e6, 1.4), (1e8, 1.5)],
            }],
            target: Some(2.0),
        };
        let bytes = chart(&[panel]);
        assert_eq!(&bytes[12..16], b"IHDR");
        // Width and height in the header; the raster decompresses to them.
        assert_eq!(&bytes[16..24], &[0, 0, 1, 164, 0, 0, 1, 64]);
        let idat = bytes.windows(4).position(|w| w == b"IDAT").unwrap();
        let len = u32::from_be_bytes(bytes[idat - 4..idat].try_into().unwrap()) as usize;
        let raw =
            miniz_oxide::inflate::decompress_to_vec_zlib(&bytes[idat + 4..idat + 4 + len]).unwrap();
        assert_eq!(raw.len(), 320 * (1 + 3 * 420));
        // Some pixel of the series' colour (its points and line) is drawn.
        assert!(raw.windows(3).any(|p| p == [0, 0, 200]));
    }
}
