//! Localized labels (docs/FORMAT.md §8.3).
//!
//! `string_map_data` keys and `label_values` labels follow the account's UI language.
//! Each [`Field`] has a synonym list; keys are compared case-insensitively after mojibake
//! repair. Parsers fall back to structure (a non-zero timestamp is the time, an
//! instagram.com href is the link) when no synonym matches.

/// A field the parsers look up by label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Time,
    Search,
    Comment,
    MediaOwner,
    SavedOn,
    Author,
    Username,
    Name,
    Url,
    Value,
    Email,
    PhoneNumber,
    Bio,
    Gender,
    DateOfBirth,
    Website,
    PrivateAccount,
    ProfilePhoto,
    IpAddress,
    UserAgent,
    CookieName,
    LanguageCode,
    Port,
    Device,
    LastLogin,
    Changed,
    PreviousValue,
    NewValue,
    ChangeDate,
    CreationTime,
    UpdateTime,
    AddedTime,
    Latitude,
    Longitude,
    GpsTimeUploaded,
    MediaThumbnail,
    GroupMembers,
    City,
    ShareText,
    CallDuration,
    Unsent,
}

impl Field {
    pub const ALL: [Field; 41] = [
        Field::Time,
        Field::Search,
        Field::Comment,
        Field::MediaOwner,
        Field::SavedOn,
        Field::Author,
        Field::Username,
        Field::Name,
        Field::Url,
        Field::Value,
        Field::Email,
        Field::PhoneNumber,
        Field::Bio,
        Field::Gender,
        Field::DateOfBirth,
        Field::Website,
        Field::PrivateAccount,
        Field::ProfilePhoto,
        Field::IpAddress,
        Field::UserAgent,
        Field::CookieName,
        Field::LanguageCode,
        Field::Port,
        Field::Device,
        Field::LastLogin,
        Field::Changed,
        Field::PreviousValue,
        Field::NewValue,
        Field::ChangeDate,
        Field::CreationTime,
        Field::UpdateTime,
        Field::AddedTime,
        Field::Latitude,
        Field::Longitude,
        Field::GpsTimeUploaded,
        Field::MediaThumbnail,
        Field::GroupMembers,
        Field::City,
        Field::ShareText,
        Field::CallDuration,
        Field::Unsent,
    ];

    /// Known spellings: English first, then Dutch, German, Spanish and others seen in
    /// public parsers. Matching ignores case.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Time => &[
                "Time",
                "Tijd",
                "Zeit",
                "Hora",
                "Godzina",
                "Saat",
                "الوقت",
                "Время",
                "Ora",
                "Heure",
                "Timestamp",
                "Date",
            ],
            Field::Search => &["Search", "Zoeken", "Suche", "Búsqueda", "Recherche"],
            Field::Comment => &[
                "Comment",
                "Opmerking",
                "Reactie",
                "Kommentar",
                "Comentario",
                "Komentarz",
                "Yorum",
                "Commentaire",
                "Commento",
            ],
            Field::MediaOwner => &[
                "Media Owner",
                "Eigenaar van media",
                "Eigenaar van de media",
                "Eigentümer des Mediums",
                "Eigentümer",
                "Propietario del contenido",
                "Propietario",
                "Właściciel",
            ],
            Field::SavedOn => &["Saved on", "Opgeslagen op", "Gespeichert am", "Guardado el"],
            Field::Author => &["Author", "Auteur", "Autor", "Autore"],
            Field::Username => &[
                "Username",
                "User Name",
                "Gebruikersnaam",
                "Benutzername",
                "Nombre de usuario",
                "Nazwa użytkownika",
                "Kullanıcı adı",
                "Nom d'utilisateur",
            ],
            Field::Name => &["Name", "Naam", "Nombre", "Nom", "Nome", "Nazwa", "İsim"],
            Field::Url => &["URL", "Link", "Enlace", "Ad library public URL"],
            Field::Value => &["Value", "Waarde", "Wert", "Valor"],
            Field::Email => &[
                "Email",
                "E-mail",
                "Email address",
                "E-mailadres",
                "E-Mail-Adresse",
                "E-Mail",
                "Correo electrónico",
            ],
            Field::PhoneNumber => &[
                "Phone Number",
                "Phone",
                "Telefoonnummer",
                "Telefonnummer",
                "Número de teléfono",
                "Número de celular",
            ],
            Field::Bio => &[
                "Bio",
                "Biography",
                "Steckbrief",
                "Presentación",
                "Biografía",
            ],
            Field::Gender => &["Gender", "Geslacht", "Geschlecht", "Género", "Sexo"],
            Field::DateOfBirth => &[
                "Date of birth",
                "Birthday",
                "Geboortedatum",
                "Geburtsdatum",
                "Fecha de nacimiento",
            ],
            Field::Website => &["Website", "Sitio web", "Webseite"],
            Field::PrivateAccount => &[
                "Private Account",
                "Privéaccount",
                "Privé-account",
                "Privates Konto",
                "Cuenta privada",
            ],
            Field::ProfilePhoto => &[
                "Profile Photo",
                "Profile picture",
                "Profielfoto",
                "Profilbild",
                "Foto del perfil",
                "Foto de perfil",
            ],
            Field::IpAddress => &["IP Address", "IP-adres", "IP-Adresse", "Dirección IP"],
            Field::UserAgent => &[
                "User Agent",
                "User-agent",
                "Agente de usuario",
                "Gebruikersagent",
            ],
            Field::CookieName => &[
                "Cookie Name",
                "Cookienaam",
                "Cookie-Name",
                "Nombre de la cookie",
            ],
            Field::LanguageCode => &[
                "Language Code",
                "Taalcode",
                "Sprachcode",
                "Código de idioma",
            ],
            Field::Port => &["Port", "Poort", "Puerto"],
            Field::Device => &["Device", "Apparaat", "Gerät", "Dispositivo"],
            Field::LastLogin => &[
                "Last Login",
                "Laatste aanmelding",
                "Letzte Anmeldung",
                "Último inicio de sesión",
            ],
            Field::Changed => &["Changed", "Gewijzigd", "Geändert", "Cambiado"],
            Field::PreviousValue => &[
                "Previous Value",
                "Vorige waarde",
                "Vorheriger Wert",
                "Valor anterior",
            ],
            Field::NewValue => &["New Value", "Nieuwe waarde", "Neuer Wert", "Valor nuevo"],
            Field::ChangeDate => &[
                "Change Date",
                "Wijzigingsdatum",
                "Änderungsdatum",
                "Fecha del cambio",
            ],
            Field::CreationTime => &[
                "Creation Time",
                "Created At",
                "Aanmaaktijd",
                "Erstellungszeit",
                "Hora de creación",
            ],
            Field::UpdateTime => &[
                "Update Time",
                "Updated At",
                "Updatetijd",
                "Aktualisierungszeit",
                "Hora de actualización",
            ],
            Field::AddedTime => &[
                "Added Time",
                "Toegevoegd op",
                "Hinzugefügt am",
                "Hora en que se añadió",
            ],
            Field::Latitude => &[
                "Latitude",
                "Imprecise Latitude",
                "Precise Latitude",
                "Breedtegraad",
                "Onnauwkeurige breedtegraad",
                "Breitengrad",
                "Ungenauer Breitengrad",
                "Latitud",
                "Latitud imprecisa",
            ],
            Field::Longitude => &[
                "Longitude",
                "Imprecise Longitude",
                "Precise Longitude",
                "Lengtegraad",
                "Onnauwkeurige lengtegraad",
                "Längengrad",
                "Ungenauer Längengrad",
                "Longitud",
                "Longitud imprecisa",
            ],
            Field::GpsTimeUploaded => &[
                "GPS Time Uploaded",
                "GPS-tijd geüpload",
                "GPS-Zeit hochgeladen",
                "Hora de carga del GPS",
            ],
            Field::MediaThumbnail => &[
                "Media Thumbnail",
                "Miniatuur van media",
                "Medien-Miniaturansicht",
                "Miniatura del contenido",
            ],
            Field::GroupMembers => &["Group Members", "Groepsleden", "Gruppenmitglieder"],
            Field::City => &[
                "City Name",
                "Town/city name",
                "Plaatsnaam",
                "Stadt",
                "Ciudad",
            ],
            // Message facts on HTML thread pages (the generator's wording; Meta's unknown).
            Field::ShareText => &[
                "Share text",
                "Gedeelde tekst",
                "Geteilter Text",
                "Texto compartido",
            ],
            Field::CallDuration => &[
                "Call duration",
                "Gespreksduur",
                "Anrufdauer",
                "Duración de la llamada",
            ],
            Field::Unsent => &[
                "Unsent",
                "Verzenden ongedaan gemaakt",
                "Zurückgenommen",
                "Anulado",
            ],
        }
    }

    /// Whether `label` (already repaired) names this field.
    pub fn matches(self, label: &str) -> bool {
        let label = label.trim();
        self.synonyms().iter().any(|s| eq_ignore_case(s, label))
    }
}

/// Unicode case-insensitive equality without allocating.
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `href` points into instagram.com (the structural cue for "the link").
pub fn is_instagram_link(href: &str) -> bool {
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
        .unwrap_or(href);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host == "instagram.com" || host.ends_with(".instagram.com")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_labels_match() {
        for t in ["Time", "time", "Tijd", "Zeit", "Hora", "TIJD"] {
            assert!(Field::Time.matches(t), "{t}");
        }
        for c in ["Comment", "Opmerking", "Kommentar", "Comentario"] {
            assert!(Field::Comment.matches(c));
        }
        assert!(Field::Search.matches("búsqueda"));
        assert!(Field::Search.matches("BÚSQUEDA"));
        assert!(Field::ProfilePhoto.matches("Profile photo"));
        assert!(!Field::Time.matches("Hora de creación"));
        assert!(Field::CreationTime.matches("Hora de creación"));
    }

    #[test]
    fn instagram_links() {
        assert!(is_instagram_link("https://www.instagram.com/_u/bob"));
        assert!(is_instagram_link("https://instagram.com/p/x"));
        assert!(!is_instagram_link("https://example.org/instagram.com"));
        assert!(!is_instagram_link(""));
    }
}
