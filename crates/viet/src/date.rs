//! Calendar dates and the ways Vietnamese documents write them.
//!
//! Padding rule (ND30 and HD36 alike): the day is zero-padded below 10, the month
//! only when it is 1 or 2 — "ngày 06 tháng 02 năm 2024", "ngày 05 tháng 3 năm 2025".

use std::fmt;

/// Vietnam's offset from UTC in hours (UTC+7, no daylight saving): a document's date is a
/// day there, and signing times are shown there.
pub const UTC_OFFSET_HOURS: i8 = 7;

/// A valid Gregorian calendar date. Fields are private so that every `Date` exists
/// on the calendar; build one with [`Date::new`] or [`Date::parse_iso`].
///
/// Ordering is chronological (the derive compares year, then month, then day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Why a date or a time of day was refused. `Display` is Vietnamese, for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The text is not `NĂM-THÁNG-NGÀY`.
    Format(String),
    /// The month is not 1..=12.
    NoSuchMonth { text: String, month: u32 },
    /// The day is 0 or past the month's last day.
    NoSuchDay {
        text: String,
        year: i32,
        month: u32,
        day: u32,
        last_day: u32,
    },
    /// A time of day that is not `GIỜ:PHÚT`.
    Time(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(text) => write!(
                f,
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"{text}\")"
            ),
            DateError::NoSuchMonth { text, .. } => {
                write!(f, "ngày không tồn tại: {text} (tháng phải từ 1 đến 12)")
            }
            DateError::NoSuchDay {
                text,
                day: 0,
                last_day,
                ..
            } => write!(
                f,
                "ngày không tồn tại: {text} (ngày phải từ 1 đến {last_day})"
            ),
            DateError::NoSuchDay {
                text,
                year,
                month,
                last_day,
                ..
            } => write!(
                f,
                "ngày không tồn tại: {text} (tháng {month} năm {year} chỉ có {last_day} ngày)"
            ),
            DateError::Time(text) => write!(
                f,
                "giờ phải viết dạng GIỜ:PHÚT, ví dụ 08:00 (đã ghi: \"{text}\")"
            ),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses 1–`max_len` ASCII digits; anything else (signs, spaces) is refused.
fn digits(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    /// Builds a date, refusing ones not on the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let text = format!("{year:04}-{month:02}-{day:02}");
        Date::checked(text, year, month, day)
    }

    fn checked(text: String, year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::NoSuchMonth { text, month });
        }
        let last_day = days_in_month(year, month);
        if day == 0 || day > last_day {
            return Err(DateError::NoSuchDay {
                text,
                year,
                month,
                day,
                last_day,
            });
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`. Month and day may also have a single digit ("2024-2-6")
    /// since people type that; the year must have four digits.
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let text = s.trim();
        let bad = || DateError::Format(s.to_string());
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 {
            return Err(bad());
        }
        let year = digits(y, 4).ok_or_else(bad)? as i32;
        let month = digits(m, 2).ok_or_else(bad)?;
        let day = digits(d, 2).ok_or_else(bad)?;
        Date::checked(text.to_string(), year, month, day)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }
}

/// ISO form, "2024-02-06".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The year of a date, for "năm 2024" in titles and pledges.
pub fn year_of(d: Date) -> i32 {
    d.year
}

fn day_str(d: Date) -> String {
    format!("{:02}", d.day)
}

fn month_str(d: Date) -> String {
    if d.month <= 2 {
        format!("{:02}", d.month)
    } else {
        d.month.to_string()
    }
}

/// "ngày 06 tháng 02 năm 2024".
pub fn long_date(d: Date) -> String {
    format!("ngày {} tháng {} năm {}", day_str(d), month_str(d), d.year)
}

/// The header line in the right column: "Kon Tum, ngày 06 tháng 02 năm 2024".
pub fn header_date_line(place: &str, d: Date) -> String {
    format!("{place}, {}", long_date(d))
}

/// How running text writes a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DateStyle {
    /// State documents: "06/02/2024".
    #[default]
    State,
    /// Party documents: "06-02-2024", "08-4-2014".
    Party,
}

/// A date in running text, without the word "ngày" (templates add it).
pub fn running_date(d: Date, style: DateStyle) -> String {
    let sep = match style {
        DateStyle::State => '/',
        DateStyle::Party => '-',
    };
    format!("{}{sep}{}{sep}{}", day_str(d), month_str(d), d.year)
}

/// Day and month for news items, no year: "06-02".
pub fn news_date(d: Date) -> String {
    format!("{}-{}", day_str(d), month_str(d))
}

/// The part of the day a news lead opens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Session {
    Morning,
    Afternoon,
    Evening,
}

impl Session {
    /// The capitalised word opening a news lead: "Sáng", "Chiều", "Tối".
    pub fn word(self) -> &'static str {
        match self {
            Session::Morning => "Sáng",
            Session::Afternoon => "Chiều",
            Session::Evening => "Tối",
        }
    }

    /// From a start time: before 11:30 morning, before 18:00 afternoon, else evening.
    /// Accepts "08:00", "8:00", "8h", "8h30" — the forms people type.
    pub fn from_time(s: &str) -> Result<Session, DateError> {
        let text = s.trim();
        let bad = || DateError::Time(s.to_string());
        let (h, m) = match text.split_once([':', 'h', 'H']) {
            Some((h, "")) if !text.contains(':') => (h, "0"),
            Some((h, m)) => (h, m),
            None => return Err(bad()),
        };
        let hour = digits(h, 2).filter(|&h| h < 24).ok_or_else(bad)?;
        let minute = digits(m, 2).filter(|&m| m < 60).ok_or_else(bad)?;
        let minutes = hour * 60 + minute;
        Ok(if minutes < 11 * 60 + 30 {
            Session::Morning
        } else if minutes < 18 * 60 {
            Session::Afternoon
        } else {
            Session::Evening
        })
    }
}

/// The opening of a news lead: "Sáng 06-02".
pub fn news_lead_date(session: Session, d: Date) -> String {
    format!("{} {}", session.word(), news_date(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn parse_valid() {
        let cases: &[(&str, (i32, u32, u32))] = &[
            ("2024-02-06", (2024, 2, 6)),
            ("2024-02-29", (2024, 2, 29)),
            ("2000-02-29", (2000, 2, 29)),
            ("2023-12-31", (2023, 12, 31)),
            ("2014-4-8", (2014, 4, 8)),
            (" 2025-03-05 ", (2025, 3, 5)),
        ];
        for &(s, (y, m, d)) in cases {
            let got = date(s);
            assert_eq!((got.year(), got.month(), got.day()), (y, m, d), "{s}");
        }
    }

    #[test]
    fn parse_invalid_messages() {
        let cases: &[(&str, &str)] = &[
            (
                "2024-02-30",
                "ngày không tồn tại: 2024-02-30 (tháng 2 năm 2024 chỉ có 29 ngày)",
            ),
            (
                "2023-02-29",
                "ngày không tồn tại: 2023-02-29 (tháng 2 năm 2023 chỉ có 28 ngày)",
            ),
            (
                "1900-02-29",
                "ngày không tồn tại: 1900-02-29 (tháng 2 năm 1900 chỉ có 28 ngày)",
            ),
            (
                "2024-04-31",
                "ngày không tồn tại: 2024-04-31 (tháng 4 năm 2024 chỉ có 30 ngày)",
            ),
            (
                "2024-13-01",
                "ngày không tồn tại: 2024-13-01 (tháng phải từ 1 đến 12)",
            ),
            (
                "2024-00-10",
                "ngày không tồn tại: 2024-00-10 (tháng phải từ 1 đến 12)",
            ),
            (
                "2024-01-00",
                "ngày không tồn tại: 2024-01-00 (ngày phải từ 1 đến 31)",
            ),
            (
                "06/02/2024",
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"06/02/2024\")",
            ),
            (
                "24-02-06",
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"24-02-06\")",
            ),
            (
                "2024-02-06-1",
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"2024-02-06-1\")",
            ),
            (
                "2024-+2-06",
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"2024-+2-06\")",
            ),
            (
                "",
                "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-06 (đã ghi: \"\")",
            ),
        ];
        for &(s, msg) in cases {
            let err = Date::parse_iso(s).unwrap_err();
            assert_eq!(err.to_string(), msg, "{s}");
        }
    }

    #[test]
    fn new_checks_calendar() {
        assert_eq!(Date::new(2024, 2, 29), Ok(date("2024-02-29")));
        assert_eq!(
            Date::new(2024, 2, 30).unwrap_err().to_string(),
            "ngày không tồn tại: 2024-02-30 (tháng 2 năm 2024 chỉ có 29 ngày)"
        );
    }

    #[test]
    fn order_and_display() {
        let cases: &[(&str, &str)] = &[
            ("2023-12-31", "2024-01-01"),
            ("2024-01-31", "2024-02-01"),
            ("2024-02-06", "2024-02-07"),
        ];
        for &(a, b) in cases {
            assert!(date(a) < date(b), "{a} < {b}");
        }
        assert_eq!(date("2014-4-8").to_string(), "2014-04-08");
        assert_eq!(year_of(date("2024-02-06")), 2024);
    }

    #[test]
    fn header_and_long_dates() {
        let cases: &[(&str, &str)] = &[
            ("2024-02-06", "ngày 06 tháng 02 năm 2024"),
            ("2024-10-29", "ngày 29 tháng 10 năm 2024"),
            ("2025-03-05", "ngày 05 tháng 3 năm 2025"),
            ("2024-01-15", "ngày 15 tháng 01 năm 2024"),
            ("2024-12-01", "ngày 01 tháng 12 năm 2024"),
        ];
        for &(s, want) in cases {
            assert_eq!(long_date(date(s)), want, "{s}");
            assert_eq!(
                header_date_line("Kon Tum", date(s)),
                format!("Kon Tum, {want}")
            );
        }
    }

    #[test]
    fn running_dates() {
        let cases: &[(&str, DateStyle, &str)] = &[
            ("2024-02-06", DateStyle::State, "06/02/2024"),
            ("2024-02-06", DateStyle::Party, "06-02-2024"),
            ("2014-04-08", DateStyle::Party, "08-4-2014"),
            ("2014-04-08", DateStyle::State, "08/4/2014"),
            ("2021-10-25", DateStyle::Party, "25-10-2021"),
            ("2015-01-09", DateStyle::Party, "09-01-2015"),
        ];
        for &(s, style, want) in cases {
            assert_eq!(running_date(date(s), style), want, "{s} {style:?}");
        }
    }

    #[test]
    fn news_dates() {
        let cases: &[(Session, &str, &str)] = &[
            (Session::Morning, "2024-02-06", "Sáng 06-02"),
            (Session::Afternoon, "2024-02-06", "Chiều 06-02"),
            (Session::Evening, "2024-02-06", "Tối 06-02"),
            (Session::Morning, "2024-11-08", "Sáng 08-11"),
            (Session::Morning, "2014-04-08", "Sáng 08-4"),
        ];
        for &(session, s, want) in cases {
            assert_eq!(news_lead_date(session, date(s)), want);
        }
        assert_eq!(news_date(date("2024-02-06")), "06-02");
    }

    #[test]
    fn session_from_time() {
        let cases: &[(&str, Session)] = &[
            ("08:00", Session::Morning),
            ("00:00", Session::Morning),
            ("7:30", Session::Morning),
            ("11:29", Session::Morning),
            ("11:30", Session::Afternoon),
            ("14h", Session::Afternoon),
            ("17h59", Session::Afternoon),
            ("18:00", Session::Evening),
            ("23:59", Session::Evening),
        ];
        for &(s, want) in cases {
            assert_eq!(Session::from_time(s), Ok(want), "{s}");
        }
        for bad in ["24:00", "8:60", "8", "sáng", "8:", ":30", "8:00:00"] {
            assert_eq!(
                Session::from_time(bad).unwrap_err().to_string(),
                format!("giờ phải viết dạng GIỜ:PHÚT, ví dụ 08:00 (đã ghi: \"{bad}\")")
            );
        }
    }
}
