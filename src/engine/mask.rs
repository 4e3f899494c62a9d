//! Masks identity-card numbers (15 or 18 digits, the last may be X), phone numbers
//! (11 digits) and any other run of 11 or more digits, in any script and with
//! spaces or hyphens inside, keeping only the last four digits. Applied to
//! everything handed to staff or kept in the unanswered inbox.

/// A digit of any script we serve ([`crate::text::digits`]).
fn digit(c: char) -> bool {
    crate::text::digits::digit_value(c).is_some()
}

/// The same text with long digit runs masked, e.g. `13800138000` → `*******8000`.
pub fn mask_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A run: digits, single separators between digits, and a final X/x.
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            if digit(chars[j]) {
                end = j + 1;
                j += 1;
            } else if matches!(chars[j], ' ' | '-' | '\u{3000}')
                && j + 1 < chars.len()
                && digit(chars[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        if end < chars.len() && matches!(chars[end], 'X' | 'x' | 'Ｘ' | 'ｘ') {
            end += 1;
        }
        let run = &chars[start..end];
        let significant = run
            .iter()
            .filter(|c| digit(**c) || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ'))
            .count();
        if significant >= 11 {
            let mut keep = 4;
            let mut masked: Vec<char> = Vec::with_capacity(run.len());
            for c in run.iter().rev() {
                let counts = digit(*c) || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ');
                if counts && keep > 0 {
                    keep -= 1;
                    masked.push(*c);
                } else if counts {
                    masked.push('*');
                } else {
                    masked.push(*c);
                }
            }
            out.extend(masked.into_iter().rev());
        } else {
            out.extend(run.iter());
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask_numbers;

    #[test]
    fn phones_and_id_cards_keep_only_the_last_four_digits() {
        assert_eq!(mask_numbers("我的电话13800138000"), "我的电话*******8000");
        assert_eq!(
            mask_numbers("身份证 54012119900101123X 谢谢"),
            "身份证 **************123X 谢谢"
        );
        assert_eq!(mask_numbers("id 540121900101123"), "id ***********1123");
        assert_eq!(mask_numbers("138-0013-8000"), "***-****-8000");
        assert_eq!(mask_numbers("138 0013 8000."), "*** **** 8000.");
        // Full-width, Tibetan and Arabic-Indic digits are digits too.
        assert_eq!(mask_numbers("１３８００１３８０００"), "*******８０００");
        assert_eq!(mask_numbers("ཁ་པར ༡༣༨༠༠༡༣༨༠༠༠"), "ཁ་པར *******༨༠༠༠");
        assert_eq!(mask_numbers("تېلېفون ١٣٨٠٠١٣٨٠٠٠"), "تېلېفون *******٨٠٠٠");
    }

    #[test]
    fn short_numbers_stay() {
        for t in [
            "套餐 8 元",
            "10086",
            "2026-11-30",
            "第 3 题",
            "1 2 3 4 5",
            "",
        ] {
            assert_eq!(mask_numbers(t), t);
        }
    }
}
