//! Beijing time (UTC+8) without a clock: civil dates, and parsing and formatting
//! the times staff type for scheduled announcements. The clock's value comes in
//! from the edge.

use crate::text::fold_digits;

const CHINA_OFFSET: i64 = 8 * 3600;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD HH:MM` in Beijing time (digits of any script we fold, `T` or space
/// between) → Unix seconds.
pub fn parse_china_time(text: &str) -> Option<i64> {
    let t = fold_digits(text.trim());
    let nums: Vec<i64> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| if s.len() <= 4 { s.parse().ok() } else { None })
        .collect::<Option<_>>()?;
    let [y, mo, d, h, mi] = nums.as_slice() else {
        return None;
    };
    let ok = (2000..=2100).contains(y)
        && (1..=12).contains(mo)
        && (0..=23).contains(h)
        && (0..=59).contains(mi);
    let days_in_month = days_from_civil(
        if *mo == 12 { y + 1 } else { *y },
        if *mo == 12 { 1 } else { mo + 1 },
        1,
    ) - days_from_civil(*y, *mo, 1);
    if !ok || *d < 1 || *d > days_in_month {
        return None;
    }
    Some(days_from_civil(*y, *mo, *d) * 86_400 + h * 3600 + mi * 60 - CHINA_OFFSET)
}

pub fn format_china_time(unix: i64) -> String {
    let local = unix + CHINA_OFFSET;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        s / 3600,
        (s % 3600) / 60
    )
}
