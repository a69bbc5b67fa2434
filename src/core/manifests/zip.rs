//! A store-only ZIP writer (no compression), so the app can offer a bundle as one
//! download without another crate. Entries get a fixed timestamp (1980-01-01), so the
//! same bundle always gives the same bytes.

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3), as ZIP uses it.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8)
    })
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// MS-DOS date of 1980-01-01, time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: file names are UTF-8.
const FLAGS: u16 = 1 << 11;

/// Writes a ZIP archive of `(path, contents)` entries, stored uncompressed.
/// Sizes beyond 4 GiB (ZIP64) are out of scope: bundles are a few kilobytes.
pub fn write(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let fields = |buf: &mut Vec<u8>| {
            u16le(buf, 20); // version needed: 2.0
            u16le(buf, FLAGS);
            u16le(buf, 0); // method: stored
            u16le(buf, 0); // time
            u16le(buf, DOS_DATE);
            u32le(buf, crc);
            u32le(buf, data.len() as u32);
            u32le(buf, data.len() as u32);
            u16le(buf, name.len() as u16);
            u16le(buf, 0); // extra field length
        };
        u32le(&mut out, 0x0403_4B50);
        fields(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        u32le(&mut central, 0x0201_4B50);
        u16le(&mut central, 0x031E); // made by: Unix, spec 3.0
        fields(&mut central);
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk number
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0o100644 << 16); // external attributes: regular file, rw-r--r--
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4B50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // disk with the central directory
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0); // comment length
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_structure() {
        let z = write(&[("a.txt", b"hello"), ("dir/b.json", b"{}\n")]);
        assert_eq!(u32_at(&z, 0), 0x0403_4B50);
        // The end record is the last 22 bytes; it points at the central directory.
        let end = z.len() - 22;
        assert_eq!(u32_at(&z, end), 0x0605_4B50);
        let cd_size = u32_at(&z, end + 12) as usize;
        let cd_off = u32_at(&z, end + 16) as usize;
        assert_eq!(cd_off + cd_size, end);
        assert_eq!(u32_at(&z, cd_off), 0x0201_4B50);
        // First entry: header (30) + name (5) + data (5), then the second local header.
        assert_eq!(u32_at(&z, 40), 0x0403_4B50);
        assert_eq!(u32_at(&z, 14), crc32(b"hello"));
        assert_eq!(&z[35..40], b"hello");
    }
}
