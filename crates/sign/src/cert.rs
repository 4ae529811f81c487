//! What signing needs to know of a certificate, read once with x509-cert.

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::pkix::KeyUsage;

use crate::SignError;

#[derive(Debug, Clone)]
pub struct CertInfo {
    pub der: Vec<u8>,
    /// The issuer Name and the serial INTEGER, DER, as the CMS repeats them.
    pub issuer_der: Vec<u8>,
    pub serial_der: Vec<u8>,
    /// The subject Name, DER (a token stores it beside the certificate).
    pub subject_der: Vec<u8>,
    /// Validity in seconds since 1970.
    pub not_before: i64,
    pub not_after: i64,
    /// `Some(digitalSignature or nonRepudiation)` when the certificate limits its key's use.
    pub may_sign: Option<bool>,
    pub subject: String,
    /// The subject's organisation, else its common name: an agency's name.
    pub organisation: String,
    /// The SubjectPublicKeyInfo, DER.
    pub spki_der: Vec<u8>,
    pub is_rsa: bool,
}

impl CertInfo {
    pub fn parse(der: &[u8]) -> Result<CertInfo, SignError> {
        let bad = |_: der::Error| SignError::Certificate("chứng thư số hỏng".to_string());
        let c = Certificate::from_der(der).map_err(bad)?;
        let tbs = c.tbs_certificate();
        let v = tbs.validity();
        let secs = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
        let may_sign = tbs
            .get_extension::<KeyUsage>()
            .map_err(bad)?
            .map(|(_, ku)| ku.digital_signature() || ku.non_repudiation());
        let text = |d: der::Result<Option<x509_cert::ext::pkix::name::DirectoryString>>| {
            d.ok().flatten().map(String::from).unwrap_or_default()
        };
        let cn = text(tbs.subject().common_name());
        let org = text(tbs.subject().organization());
        let spki = tbs.subject_public_key_info();
        Ok(CertInfo {
            der: der.to_vec(),
            issuer_der: tbs.issuer().to_der().map_err(bad)?,
            serial_der: tbs.serial_number().to_der().map_err(bad)?,
            subject_der: tbs.subject().to_der().map_err(bad)?,
            not_before: secs(v.not_before),
            not_after: secs(v.not_after),
            may_sign,
            subject: if cn.is_empty() {
                org.clone()
            } else {
                cn.clone()
            },
            organisation: if org.is_empty() { cn } else { org },
            spki_der: spki.to_der().map_err(bad)?,
            is_rsa: spki.algorithm.oid.to_string() == "1.2.840.113549.1.1.1",
        })
    }

    /// Refuses a certificate that cannot sign at `now`.
    pub fn check(&self, now: i64) -> Result<(), SignError> {
        if now < self.not_before {
            return Err(SignError::Certificate(format!(
                "chứng thư số của «{}» chưa đến ngày có hiệu lực ({})",
                self.subject,
                crate::time::iso(self.not_before, crate::time::VN_OFFSET)
            )));
        }
        if now > self.not_after {
            return Err(SignError::Certificate(format!(
                "chứng thư số của «{}» đã hết hạn ngày {}",
                self.subject,
                crate::time::iso(self.not_after, crate::time::VN_OFFSET)
            )));
        }
        if self.may_sign == Some(false) {
            return Err(SignError::Certificate(format!(
                "chứng thư số của «{}» không được phép dùng để ký số (thiếu mục đích digitalSignature trong keyUsage)",
                self.subject
            )));
        }
        if !self.is_rsa {
            return Err(SignError::Certificate(format!(
                "chứng thư số của «{}» không dùng khóa RSA: vanban hiện chỉ ký bằng khóa RSA",
                self.subject
            )));
        }
        Ok(())
    }
}
