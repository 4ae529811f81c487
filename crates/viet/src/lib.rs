//! Vietnamese writing conventions for official documents (Nghị định 30/2020/NĐ-CP for
//! state bodies, Hướng dẫn 36-HD/VPTW for Party bodies).
//!
//! Modules:
//! - [`date`] — calendar dates, header date line, running and news-item dates;
//! - [`number`] — numbers, decimals, percentages and money in figures ("2.340.000 đồng");
//! - [`words`] — numbers and money in words ("Hai triệu ba trăm bốn mươi nghìn đồng");
//! - [`case`] — upper case with diacritics, sentence case, old/new tone-mark style;
//! - [`collate`] — Vietnamese alphabetical order, sorting people by given name;
//! - [`docnum`] — the number and symbol line ("Số: 05/TTr-UBND"), type abbreviations;
//! - [`alphabet`] — point letters a, b, c, d, đ, e …
//!
//! Text in is accepted as NFC or NFD; text out is NFC. Everything is re-exported here.

pub mod alphabet;
pub mod case;
pub mod collate;
pub mod date;
pub mod docnum;
pub mod number;
pub mod words;

pub use alphabet::alphabet_letter;
pub use case::{ToneStyle, lower, nfc, sentence_case, tone_style, upper};
pub use collate::{CollationKey, collate_key, compare, compare_people, sort, sort_people};
pub use date::{
    Date, DateError, DateStyle, Session, UTC_OFFSET_HOURS, header_date_line, long_date, news_date,
    news_lead_date, running_date, year_of,
};
pub use docnum::{NUMBER_BLANK, NumberStyle, number_line, type_abbr};
pub use number::{decimal, group_thousands, money, percent};
pub use words::{Four, Thousand, WordsOptions, ZeroTens, money_words, number_words};
