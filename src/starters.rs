//! The starter records `vanban init` writes: the common shapes of a year's meetings, each
//! a commented record that passes `vanban check` as it is (tests/cli.rs holds that).

/// A starter: its name for `--mau`, what it is (Vietnamese, for help and menus), its text.
pub struct Starter {
    pub id: &'static str,
    pub about: &'static str,
    pub text: &'static str,
}

pub const STARTERS: &[Starter] = &[
    Starter {
        id: "mot-hoi-nghi",
        about: "một hội nghị: tổng kết, bình xét, bầu Trưởng khối, ký giao ước (khối thi đua, tỉnh, thể thức Đảng)",
        text: include_str!("../fixtures/mau-khoi-dau.yaml"),
    },
    Starter {
        id: "hai-hoi-nghi",
        about: "hai hội nghị: tổng kết cuối năm rồi ký giao ước năm mới; Cụm trưởng luân phiên (cụm thi đua, thành phố, thể thức Nhà nước)",
        text: include_str!("../fixtures/mau-hai-hoi-nghi.yaml"),
    },
];

/// The starter named `id`.
pub fn starter(id: &str) -> Option<&'static Starter> {
    STARTERS.iter().find(|s| s.id == id)
}
