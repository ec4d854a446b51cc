//! The QR code on a handout's cover, as inline SVG.
//!
//! Made with the `qrcode` crate's SVG renderer (no image libraries): one
//! module is one SVG unit, so the size is set by CSS, and the code is sharp
//! at any print resolution. The SVG has `role="img"` and a label, carries no
//! `style` attribute (strict CSP) and no XML declaration (it is inline).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `url` as an `<svg>` element labelled `label`; `None` if
/// the URL is too long for a QR code.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code.render::<svg::Color>().quiet_zone(true).module_dimensions(1, 1).build();
    let at = image.find("<svg ")?;
    let label = crate::escape::attribute(label);
    Some(format!("<svg class=\"qr-code\" role=\"img\" aria-label=\"{label}\" {}", &image[at + 5..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_an_inline_labelled_svg_without_styles() {
        let s = svg("https://example.org/ja/handouts/briefing/", "QR \"code\"").unwrap();
        assert!(s.starts_with("<svg class=\"qr-code\" role=\"img\" aria-label=\"QR &quot;code&quot;\" xmlns="), "{s}");
        assert!(s.ends_with("</svg>"));
        assert!(!s.contains("<?xml") && !s.contains("style="));
    }

    #[test]
    fn is_square_with_a_quiet_zone_and_deterministic() {
        let a = svg("https://example.org/ja/handouts/briefing/", "x").unwrap();
        assert_eq!(a, svg("https://example.org/ja/handouts/briefing/", "x").unwrap());
        // Version 3 (29 modules) at level M holds this URL; 4 modules of quiet zone each side.
        assert!(a.contains(r#"width="37" height="37""#), "{a}");
        assert_ne!(a, svg("https://example.org/en/handouts/briefing/", "x").unwrap());
    }

    #[test]
    fn too_long_a_url_has_no_code() {
        assert!(svg(&"x".repeat(5000), "x").is_none());
    }
}
