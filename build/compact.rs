//! A serde serializer that writes the catalog in the compact form the app embeds
//! (`src/core/catalog/embedded.rs` reads it back and documents the format).
//!
//! Every distinct string is stored once, in one text the app borrows from; the rest is a
//! byte stream of string numbers, varints and booleans, struct fields in declaration
//! order without names. It supports exactly the shapes the catalog schema uses: structs,
//! unit and newtype enum variants (`Limit::Max(3600)`), the one internally tagged enum
//! (`Sizing`, whose tag is written as its first field), `Option`, sequences with a known
//! length, strings, `u32`, non-negative `f64`s and booleans.

use std::collections::HashMap;
use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};

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

fn unsupported(what: &str) -> Result<(), Error> {
    Err(Error(format!(
        "the catalog schema uses {what}, which the compact writer does not support"
    )))
}

/// Writes `values` (a closure that writes each with [`Encoder::write`]) and returns the
/// string table (every string once, back to back) and the bytes to embed: the string
/// lengths, then the stream.
///
/// Runs twice: the first pass only collects the strings, so that the table can hold the
/// source URLs last and sorted, where they compress best next to each other.
pub fn encode(
    values: impl Fn(&mut Encoder) -> Result<(), Error>,
) -> Result<(String, Vec<u8>), Error> {
    let mut first = Encoder::default();
    values(&mut first)?;
    let (mut urls, mut table): (Vec<String>, Vec<String>) = first
        .strings
        .into_iter()
        .partition(|s| s.starts_with("https://"));
    urls.sort();
    table.extend(urls);
    let mut second = Encoder {
        numbers: (0..).zip(&table).map(|(n, s)| (s.clone(), n)).collect(),
        strings: table,
        stream: Vec::new(),
    };
    values(&mut second)?;
    let mut header = Encoder::default();
    header.varint(second.strings.len() as u64);
    for s in &second.strings {
        header.varint(s.len() as u64);
    }
    let mut bytes = header.stream;
    bytes.extend(second.stream);
    Ok((second.strings.concat(), bytes))
}

/// The compact form being written: the string table and the byte stream.
#[derive(Default)]
pub struct Encoder {
    strings: Vec<String>,
    numbers: HashMap<String, u32>,
    stream: Vec<u8>,
}

impl Encoder {
    /// Appends `value` to the stream.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.stream.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.stream.push(v as u8);
    }

    fn string(&mut self, s: &str) {
        let next = self.strings.len() as u32;
        let number = *self.numbers.entry(s.to_string()).or_insert(next);
        if number == next {
            self.strings.push(s.to_string());
        }
        self.varint(u64::from(number));
    }

    /// A number as its shortest decimal digits and how many of them follow the point
    /// (`0.0125` is 125 and 4): fewer bytes than the 8 of an `f64`, and exact, because
    /// the reader's one division of two exactly representable numbers rounds to the same
    /// `f64` as reading the decimal does. Checked here all the same.
    fn decimal(&mut self, v: f64) -> Result<(), Error> {
        let text = v.to_string(); // the shortest digits that read back as `v`, no exponent
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits: Option<u64> = format!("{whole}{fraction}").parse().ok();
        let scale = fraction.len();
        match digits {
            Some(digits) if digits < 1 << 53 && scale <= 22 => {
                let read_back = digits as f64 / (0..scale).fold(1.0, |p, _| p * 10.0);
                if read_back.to_bits() != v.to_bits() {
                    return Err(Error(format!("{v} does not read back exactly")));
                }
                self.varint(scale as u64);
                self.varint(digits);
                Ok(())
            }
            _ => Err(Error(format!(
                "{v}: only non-negative numbers of at most 15 significant digits can be embedded"
            ))),
        }
    }
}

type Done = Result<(), Error>;

impl ser::Serializer for &mut Encoder {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Done {
        self.stream.push(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Done {
        unsupported("a signed integer")
    }
    fn serialize_i16(self, _: i16) -> Done {
        unsupported("a signed integer")
    }
    fn serialize_i32(self, _: i32) -> Done {
        unsupported("a signed integer")
    }
    fn serialize_i64(self, _: i64) -> Done {
        unsupported("a signed integer")
    }
    fn serialize_u8(self, _: u8) -> Done {
        unsupported("u8")
    }
    fn serialize_u16(self, _: u16) -> Done {
        unsupported("u16")
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.varint(u64::from(v));
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Done {
        unsupported("u64")
    }
    fn serialize_f32(self, _: f32) -> Done {
        unsupported("f32")
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.decimal(v)
    }
    fn serialize_char(self, _: char) -> Done {
        unsupported("char")
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Done {
        self.stream.push(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.stream.push(1);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        unsupported("()")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        unsupported("a unit struct")
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.varint(u64::from(index));
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Done {
        unsupported("a newtype struct")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        self.varint(u64::from(index));
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        match len {
            Some(len) => {
                self.varint(len as u64);
                Ok(self)
            }
            None => Err(Error("a sequence of unknown length".into())),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error("a tuple is not supported".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error("a tuple struct is not supported".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("a tuple variant is not supported".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error("a map is not supported".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error(
            "an externally tagged struct variant is not supported".into(),
        ))
    }
}

impl ser::SerializeSeq for &mut Encoder {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Encoder {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}
