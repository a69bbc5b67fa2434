//! A serde serializer that writes a value as a Rust constant expression.
//!
//! The build uses it to embed the catalog as a `static`: the data then sits in the
//! binary as plain strings and numbers, with no parser and no deserialization code in
//! the browser build. It supports exactly the shapes the catalog schema uses: structs,
//! unit and newtype enum variants (`Limit::Max(3600)`), `Option`, `Cow<'static, str>` and
//! `Cow<'static, [T]>` (emitted as `Cow::Borrowed`), numbers, booleans, and the one
//! internally tagged enum (`Sizing`).

use serde::ser::{self, Impossible, Serialize};
use std::fmt::{self, Display};

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn unsupported(what: &str) -> Error {
    Error(format!(
        "the catalog schema uses {what}, which the Rust literal writer does not support"
    ))
}

/// Renders `value` as a Rust expression.
pub fn to_rust<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    value.serialize(Literal)
}

/// `closed_to_new_customers` → `ClosedToNewCustomers`; keeps `X86_64` as Rust spells it.
fn variant_name(serde_name: &str) -> String {
    if serde_name == "x86_64" {
        return "X86_64".into();
    }
    serde_name
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

struct Literal;

impl ser::Serializer for Literal {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Struct;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Error> {
        Ok(format!("{v:?}"))
    }
    fn serialize_f64(self, v: f64) -> Result<String, Error> {
        if !v.is_finite() {
            return Err(unsupported("a non-finite number"));
        }
        Ok(format!("{v:?}"))
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(format!("Cow::Borrowed({v:?})"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<String, Error> {
        Ok("None".into())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        Ok(format!("Some({})", value.serialize(Literal)?))
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Ok("()".into())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<String, Error> {
        Ok(name.into())
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(format!("{name}::{}", variant_name(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        Ok(format!("{name}({})", value.serialize(Literal)?))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        Ok(format!(
            "{name}::{}({})",
            variant_name(variant),
            value.serialize(Literal)?
        ))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("a tuple variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Struct, Error> {
        Ok(Struct {
            name,
            fields: Vec::new(),
            tag: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an externally tagged struct variant"))
    }
}

struct Seq(Vec<String>);

impl ser::SerializeSeq for Seq {
    type Ok = String;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(Literal)?);
        Ok(())
    }
    fn end(self) -> Result<String, Error> {
        Ok(format!("Cow::Borrowed(&[{}])", self.0.join(", ")))
    }
}

struct Struct {
    name: &'static str,
    fields: Vec<(&'static str, String)>,
    /// The variant of an internally tagged enum (`#[serde(tag = "model")]`), in serde's spelling.
    tag: Option<String>,
}

/// The field an internally tagged enum stores its variant in, and the enum's Rust name.
const TAG_FIELD: &str = "model";
const TAGGED_ENUM: &str = "Sizing";

impl ser::SerializeStruct for Struct {
    type Ok = String;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let rendered = value.serialize(Literal)?;
        if key == TAG_FIELD && self.fields.is_empty() && self.tag.is_none() {
            let variant = rendered
                .strip_prefix("Cow::Borrowed(\"")
                .and_then(|r| r.strip_suffix("\")"))
                .ok_or_else(|| unsupported("a non-string enum tag"))?;
            self.tag = Some(variant.to_string());
        } else {
            self.fields.push((key, rendered));
        }
        Ok(())
    }
    fn end(self) -> Result<String, Error> {
        let body = |fields: &[(&str, String)]| {
            fields
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Ok(match self.tag {
            None => format!("{} {{ {} }}", self.name, body(&self.fields)),
            // A newtype variant wrapping a struct: serde names the inner struct.
            Some(tag) if self.name != TAGGED_ENUM => {
                format!(
                    "{TAGGED_ENUM}::{}({} {{ {} }})",
                    variant_name(&tag),
                    self.name,
                    body(&self.fields)
                )
            }
            Some(tag) if self.fields.is_empty() => format!("{TAGGED_ENUM}::{}", variant_name(&tag)),
            Some(tag) => format!(
                "{TAGGED_ENUM}::{} {{ {} }}",
                variant_name(&tag),
                body(&self.fields)
            ),
        })
    }
}
