//! What the index leaves out: values the tables mask until asked (phone numbers,
//! e-mail and IP addresses, cookies, precise locations). A search must never show them
//! in a snippet, so they are never indexed: by their label in any export language, and
//! by their look when the label says nothing.

/// Whether a field `label` (as written, any language the exports come in) holds a
/// phone number, e-mail address, IP address, cookie or precise location.
pub fn is_sensitive_label(label: &str) -> bool {
    let lower = super::fold::fold(label);
    const WORDS: &[&str] = &[
        "ip",
        "email",
        "mail",
        "phone",
        "latitude",
        "longitude",
        "lat",
        "lng",
        "lon",
        "gps",
        "coordinates",
        "telefoon",
        "telefon",
        "telefono",
        "correo",
        "breedtegraad",
        "lengtegraad",
        "breitengrad",
        "langengrad",
        "latitud",
        "longitud",
        "cookie",
        "telefonnummer",
        "telefoonnummer",
        "location",
        "locatie",
        "standort",
        "ubicacion",
        "address",
        "adres",
        "adresse",
        "direccion",
    ];
    const PARTS: &[&str] = &[
        "e-mail",
        "email",
        "phone",
        "ip address",
        "ip-adres",
        "latitude",
    ];
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| WORDS.contains(&word))
        || PARTS.iter().any(|part| lower.contains(part))
}

/// Whether a value looks like an e-mail address, an IP address or a phone number,
/// whatever its label says.
pub fn looks_sensitive(value: &str) -> bool {
    let v = value.trim();
    let email = v.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && !user.contains(char::is_whitespace)
            && host.contains('.')
            && !host.contains(char::is_whitespace)
    });
    let ipv4 = v.split('.').count() == 4 && v.split('.').all(|p| p.parse::<u8>().is_ok());
    let ipv6 = v.matches(':').count() >= 2 && v.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let phone = digits >= 7
        && v.starts_with(|c: char| c == '+' || c == '(' || c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    email || ipv4 || ipv6 || phone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_every_language() {
        for label in [
            "Email",
            "E-mail address",
            "Phone Number",
            "IP Address",
            "Telefoonnummer",
            "Número de teléfono",
            "Correo electrónico",
            "Breitengrad",
            "Längengrad",
            "Latitude",
            "Cookie Name",
            "Dirección IP",
            "GPS Time Uploaded",
        ] {
            assert!(is_sensitive_label(label), "{label}");
        }
        for label in [
            "Username", "Name", "Search", "Time", "Comment", "Zip me", "Lipstick",
        ] {
            assert!(!is_sensitive_label(label), "{label}");
        }
    }

    #[test]
    fn values_that_look_like_contact_details() {
        for v in [
            "jane_doe@example.org",
            "203.0.113.7",
            "+1 555 0100",
            "(555) 010-0199",
            "fe80::1",
        ] {
            assert!(looks_sensitive(v), "{v}");
        }
        for v in [
            "see you @ 8",
            "2019",
            "1.2.3",
            "Café crème",
            "12:30",
            "v1.2.3.4a",
        ] {
            assert!(!looks_sensitive(v), "{v}");
        }
    }
}
