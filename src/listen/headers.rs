//! Request headers as the listener hands them on: a JSON object for NDJSON lines, record
//! files and `--exec`'s `BLUEHOOK_HEADERS`.

use hyper::http::HeaderMap;
use serde::Serialize;
use serde::ser::SerializeMap;

/// Request headers as a JSON object: lowercase names, repeated headers joined with ", ",
/// bytes that are not UTF-8 replaced.
pub struct HeadersJson<'a>(pub &'a HeaderMap);

impl Serialize for HeadersJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let mut values =
                self.0.get_all(name).iter().map(|v| String::from_utf8_lossy(v.as_bytes()));
            let first = values.next().unwrap_or_default();
            match values.next() {
                None => map.serialize_entry(name.as_str(), &first)?,
                Some(second) => {
                    let mut joined = format!("{first}, {second}");
                    values.for_each(|v| {
                        joined.push_str(", ");
                        joined.push_str(&v);
                    });
                    map.serialize_entry(name.as_str(), &joined)?
                }
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::http::HeaderValue;

    #[test]
    fn repeated_headers_are_joined() {
        let mut h = HeaderMap::new();
        h.append("x-a", HeaderValue::from_static("1"));
        h.append("x-a", HeaderValue::from_static("2"));
        h.append("x-b", HeaderValue::from_bytes(b"\xffz").unwrap());
        let v = serde_json::to_value(HeadersJson(&h)).unwrap();
        assert_eq!(v, serde_json::json!({"x-a": "1, 2", "x-b": "\u{fffd}z"}));
    }
}
