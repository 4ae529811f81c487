//! The starter records `vanban init` writes: the common shapes of a year's meetings, each
//! a commented record that passes `vanban check` as it is (tests/cli.rs holds that).

/// A starter: its name for `--mau`, a short Vietnamese name (the web form's menu), what it
/// is (Vietnamese, for help), its text. `vanban init` and `vanban serve` offer the same.
pub struct Starter {
    pub id: &'static str,
    pub name: &'static str,
    pub about: &'static str,
    pub text: &'static str,
}

pub const STARTERS: &[Starter] = &[
    Starter {
        id: "mot-hoi-nghi",
        name: "Một hội nghị (tổng kết, bình xét và ký giao ước cùng ngày)",
        about: "một hội nghị: tổng kết, bình xét, bầu Trưởng khối, ký giao ước (khối thi đua, tỉnh, thể thức Đảng)",
        text: include_str!("../fixtures/mau-khoi-dau.yaml"),
    },
    Starter {
        id: "hai-hoi-nghi",
        name: "Hai hội nghị (tổng kết cuối năm, ký giao ước đầu năm sau)",
        about: "hai hội nghị: tổng kết cuối năm rồi ký giao ước năm mới; Cụm trưởng luân phiên (cụm thi đua, thành phố, thể thức Nhà nước)",
        text: include_str!("../fixtures/mau-hai-hoi-nghi.yaml"),
    },
];

/// The starter named `id`.
pub fn starter(id: &str) -> Option<&'static Starter> {
    STARTERS.iter().find(|s| s.id == id)
}
