//! The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, RFC 5652),
//! written with a few lines of DER rather than the `cms` crate, whose builder wants the
//! key in-process (a PKCS#11 token keeps it) and whose releases are pre-releases.
//!
//! Signed attributes: content type, message digest and signing-certificate-v2 (RFC 5035);
//! no signing time, which PAdES puts in the signature dictionary's /M instead.

use sha2::{Digest, Sha256};

use crate::cert::CertInfo;

const OID_DATA: &str = "1.2.840.113549.1.7.1";
const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const OID_SHA256: &str = "2.16.840.1.101.3.4.2.1";
const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const OID_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const OID_SIGNING_CERT_V2: &str = "1.2.840.113549.1.9.16.2.47";

/// A DER element: tag, length, content.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A SET OF: DER sorts its elements by their encodings.
fn set_of(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    tlv(0x31, &parts.concat())
}

fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &a in &arcs[2..] {
        let mut chunk = vec![(a & 0x7f) as u8];
        let mut v = a >> 7;
        while v > 0 {
            chunk.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    tlv(0x06, &body)
}

fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

fn int(v: u8) -> Vec<u8> {
    tlv(0x02, &[v])
}

fn algorithm(o: &str, null_params: bool) -> Vec<u8> {
    if null_params {
        seq(&[&oid(o), &[0x05, 0x00]])
    } else {
        seq(&[&oid(o)])
    }
}

fn attribute(o: &str, value: Vec<u8>) -> Vec<u8> {
    seq(&[&oid(o), &set_of(vec![value])])
}

/// The signed attributes as the SET that is signed (tag 0x31); the SignerInfo carries the
/// same content under [0] IMPLICIT.
pub fn signed_attributes(digest: &[u8], signer: &CertInfo) -> Vec<u8> {
    // ESSCertIDv2 with the default hash (SHA-256, so left out) and issuer and serial:
    // GeneralNames with the issuer as directoryName [4] (explicit, Name being a CHOICE).
    let issuer_serial = seq(&[&seq(&[&tlv(0xA4, &signer.issuer_der)]), &signer.serial_der]);
    let cert_id = seq(&[&octets(&Sha256::digest(&signer.der)), &issuer_serial]);
    let signing_cert = seq(&[&seq(&[&cert_id])]);
    set_of(vec![
        attribute(OID_CONTENT_TYPE, oid(OID_DATA)),
        attribute(OID_MESSAGE_DIGEST, octets(digest)),
        attribute(OID_SIGNING_CERT_V2, signing_cert),
    ])
}

/// ContentInfo with a detached SignedData: one signer, its chain, an RSA signature over
/// `attrs` (the output of [`signed_attributes`]).
pub fn signed_data(
    attrs: &[u8],
    signature: &[u8],
    signer: &CertInfo,
    chain: &[Vec<u8>],
) -> Vec<u8> {
    let sid = seq(&[&signer.issuer_der, &signer.serial_der]);
    let mut implicit_attrs = attrs.to_vec();
    implicit_attrs[0] = 0xA0;
    let signer_info = seq(&[
        &int(1),
        &sid,
        &algorithm(OID_SHA256, false),
        &implicit_attrs,
        &algorithm(OID_RSA, true),
        &octets(signature),
    ]);
    let certs = tlv(0xA0, &chain.concat());
    let signed = seq(&[
        &int(1),
        &set_of(vec![algorithm(OID_SHA256, false)]),
        &seq(&[&oid(OID_DATA)]),
        &certs,
        &set_of(vec![signer_info]),
    ]);
    seq(&[&oid(OID_SIGNED_DATA), &tlv(0xA0, &signed)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_basics() {
        assert_eq!(
            oid(OID_SHA256),
            [
                0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01
            ]
        );
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(set_of(vec![vec![2], vec![1]]), vec![0x31, 2, 1, 2]);
    }
}
