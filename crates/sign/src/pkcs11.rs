//! Signing with a PKCS#11 token (the officials' USB tokens; SoftHSM2 in tests): the key
//! never leaves the token, which computes SHA-256 with RSA PKCS#1 v1.5 itself. The
//! vendor's module is loaded at run time.

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;

use crate::{CertInfo, SignError, Signer};

pub struct TokenSigner {
    // Kept for the session's lifetime.
    _ctx: Pkcs11,
    session: Session,
    key: ObjectHandle,
    chain: Vec<Vec<u8>>,
}

/// The PKCS#11 name of a return value, `CKR_PIN_INCORRECT` for `PinIncorrect`: the
/// code a token vendor's support knows (cryptoki's own text is English prose).
fn ckr_name(rv: RvError) -> String {
    let mut out = String::from("CKR");
    for c in format!("{rv:?}").chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn err(what: &str, e: Error) -> SignError {
    match e {
        Error::Pkcs11(RvError::PinIncorrect, _) => {
            SignError::Key("mã PIN của thiết bị ký số không đúng".into())
        }
        Error::Pkcs11(RvError::PinLocked, _) => {
            SignError::Key("thiết bị ký số đã bị khóa PIN".into())
        }
        Error::LibraryLoading(_) => SignError::Key(
            "không nạp được thư viện PKCS#11 của thiết bị: kiểm tra đường dẫn --pkcs11 (tệp .so của hãng thiết bị)".into(),
        ),
        // The token's return code (CKR_…) is what its vendor's support asks for.
        Error::Pkcs11(rv, _) => {
            SignError::Key(format!("{what} (mã lỗi của thiết bị: {})", ckr_name(rv)))
        }
        _ => SignError::Key(format!("{what}: thiết bị ký số báo lỗi")),
    }
}

impl TokenSigner {
    /// Opens the token labelled `label` through `module` and logs in with `pin`; takes its
    /// first private key that has a certificate with the same CKA_ID.
    pub fn open(module: &str, label: &str, pin: &str) -> Result<TokenSigner, SignError> {
        let ctx = Pkcs11::new(module).map_err(|e| err("thư viện PKCS#11", e))?;
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(|e| err("khởi động PKCS#11", e))?;
        let mut labels = Vec::new();
        let mut found = None;
        for slot in ctx
            .get_slots_with_token()
            .map_err(|e| err("đọc khe thiết bị", e))?
        {
            let info = ctx
                .get_token_info(slot)
                .map_err(|e| err("đọc thiết bị", e))?;
            let l = info.label().trim().to_string();
            if l == label {
                found = Some(slot);
                break;
            }
            // An empty label is the free slot SoftHSM2 and some tokens show.
            if !l.is_empty() {
                labels.push(l);
            }
        }
        let slot = found.ok_or_else(|| {
            SignError::Key(format!(
                "không thấy thiết bị ký số nhãn «{label}»; {}; kiểm tra thiết bị đã cắm và nhãn đúng",
                if labels.is_empty() {
                    "không có thiết bị nào".to_string()
                } else {
                    format!("các nhãn có: {}", labels.join(", "))
                }
            ))
        })?;
        let session = ctx.open_ro_session(slot).map_err(|e| err("mở phiên", e))?;
        session
            .login(UserType::User, Some(&AuthPin::new(pin.into())))
            .map_err(|e| err("đăng nhập thiết bị", e))?;
        let id_of = |o: ObjectHandle| -> Option<Vec<u8>> {
            session
                .get_attributes(o, &[AttributeType::Id])
                .ok()?
                .into_iter()
                .find_map(|a| match a {
                    Attribute::Id(v) => Some(v),
                    _ => None,
                })
        };
        let keys = session
            .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])
            .map_err(|e| err("tìm khóa", e))?;
        let certs: Vec<(Option<Vec<u8>>, Vec<u8>)> = session
            .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
            .map_err(|e| err("tìm chứng thư số", e))?
            .into_iter()
            .filter_map(|c| {
                let value = session
                    .get_attributes(c, &[AttributeType::Value])
                    .ok()?
                    .into_iter()
                    .find_map(|a| match a {
                        Attribute::Value(v) => Some(v),
                        _ => None,
                    })?;
                Some((id_of(c), value))
            })
            .collect();
        for key in keys {
            let kid = id_of(key);
            if let Some(pos) = certs
                .iter()
                .position(|(cid, _)| cid.is_some() && *cid == kid)
            {
                let mut chain: Vec<Vec<u8>> = vec![certs[pos].1.clone()];
                // Other certificates on the token (the CA's) complete the chain.
                chain.extend(
                    certs
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != pos)
                        .map(|(_, c)| c.1.clone()),
                );
                CertInfo::parse(&chain[0])?;
                return Ok(TokenSigner {
                    _ctx: ctx,
                    session,
                    key,
                    chain,
                });
            }
        }
        Err(SignError::Key(
            "thiết bị ký số không có khóa bí mật kèm chứng thư số (cùng CKA_ID)".into(),
        ))
    }
}

impl Signer for TokenSigner {
    fn chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        self.session
            .sign(&Mechanism::Sha256RsaPkcs, self.key, data)
            .map_err(|e| err("thiết bị không ký được", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_values_are_named_as_pkcs11_names_them() {
        assert_eq!(ckr_name(RvError::PinIncorrect), "CKR_PIN_INCORRECT");
        assert_eq!(ckr_name(RvError::DeviceError), "CKR_DEVICE_ERROR");
        assert_eq!(ckr_name(RvError::TokenNotPresent), "CKR_TOKEN_NOT_PRESENT");
    }
}
