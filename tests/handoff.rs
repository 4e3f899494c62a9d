//! Free text, hand-over to staff and the unanswered inbox, end to end: user →
//! staff chat → staff reply → user, a voice message, numbers masked on the way.

use crate::support;

use netplus::engine::{msg, Line};
use serde_json::{json, Value};
use support::bot::BotProcess;
use support::fake_tg::*;
use support::world::{button, t, world};

const STAFF_CHAT: i64 = -100_777;
const STAFF: i64 = 9001;

fn start(tg: &FakeTelegram, dir: &std::path::Path) -> BotProcess {
    let chat = STAFF_CHAT.to_string();
    let staff = STAFF.to_string();
    BotProcess::start_with(
        tg,
        &dir.join("db"),
        &[("NETPLUS_STAFF_CHAT", &chat), ("NETPLUS_STAFF", &staff)],
    )
}

/// A staff member's reply (Telegram's "reply") in the staff chat.
fn staff_reply(to: &Sent, text: &str) -> Value {
    let mut u = group_message_update(STAFF_CHAT, STAFF, text);
    u["message"]["reply_to_message"] = json!({
        "message_id": to.message_id,
        "date": 1_700_000_000,
        "chat": chat_json(STAFF_CHAT),
        "from": bot_user_json(),
        "text": to.text,
    });
    u
}

fn sends(tg: &FakeTelegram, chat: i64) -> Vec<Sent> {
    tg.sent_to(chat)
        .into_iter()
        .filter(|s| !s.method.starts_with("Edit"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_to_staff_and_back_with_masking_and_voice() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = start(&tg, dir.path());
    let user = 8001;
    tg.push_update(msg_update_lang(user, "/start 653121", Some("zh-hans")));
    tg.wait_sent_to(user, 1).await;
    // A first contact picks the language: one tap.
    tg.push_update(callback_update(user, "1L:zh-CN", 1));
    tg.wait_sent_to(user, 2).await;
    tg.push_update(msg_update(user, "/human"));
    let m = tg.wait_sent_to(user, 3).await.pop().unwrap();
    assert!(
        m.text.starts_with(&w.l10n.line(
            "zh-CN",
            &Line::new(msg::HANDOFF_OPEN).text("hours", "9:00–17:00")
        )),
        "{}",
        m.text
    );

    // Text: masked before it reaches staff, with a header naming language,
    // county and case.
    tg.push_update(msg_update(
        user,
        "我的电话13800138000，身份证54012119900101123X，村里没信号",
    ));
    let m = tg.wait_sent_to(user, 4).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::HANDOFF_SENT)),
        "{}",
        m.text
    );
    let staff_msg = tg.wait_sent_to(STAFF_CHAT, 1).await.pop().unwrap();
    assert!(
        staff_msg.text.contains("*******8000") && staff_msg.text.contains("**************123X"),
        "{}",
        staff_msg.text
    );
    assert!(
        !staff_msg.text.contains("13800138000") && !staff_msg.text.contains("5401211990"),
        "{}",
        staff_msg.text
    );
    assert!(
        staff_msg.text.contains(&t(&w, "zh-CN", "county-653121")),
        "{}",
        staff_msg.text
    );
    assert!(
        staff_msg.text.contains(&t(&w, "zh-CN", msg::LANGUAGE_NAME)),
        "{}",
        staff_msg.text
    );

    // Voice: accepted, handed over with a note that a person will listen.
    tg.push_update(voice_update(user, "VOICE-1", 7));
    let m = tg.wait_sent_to(user, 5).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::HANDOFF_VOICE)),
        "{}",
        m.text
    );
    let voice = tg.wait_sent_to(STAFF_CHAT, 2).await.pop().unwrap();
    assert_eq!(voice.method, "SendVoice");
    assert!(
        voice.text.contains(&t(&w, "zh-CN", msg::STAFF_VOICE_NOTE)),
        "{}",
        voice.text
    );

    // Staff reply to the text: reaches the user, attributed to staff.
    tg.push_update(staff_reply(&staff_msg, "请到县营业厅补办，带身份证。"));
    let m = tg.wait_sent_to(user, 6).await.pop().unwrap();
    let says = w.l10n.line(
        "zh-CN",
        &Line::new(msg::HANDOFF_STAFF_SAYS).text("text", "请到县营业厅补办，带身份证。"),
    );
    assert_eq!(m.text, says);
    let ok = tg.wait_sent_to(STAFF_CHAT, 3).await.pop().unwrap();
    assert_eq!(ok.text, t(&w, "zh-CN", msg::STAFF_REPLY_SENT));
    // And to the voice message, too.
    tg.push_update(staff_reply(&voice, "听到了，明天有人去村里。"));
    let m = tg.wait_sent_to(user, 7).await.pop().unwrap();
    assert!(m.text.contains("听到了，明天有人去村里。"));

    // A reply to something that is not a hand-over is refused to staff, politely.
    let stranger = Sent {
        message_id: 999_999,
        ..ok.clone()
    };
    tg.push_update(staff_reply(&stranger, "?"));
    let m = tg.wait_sent_to(STAFF_CHAT, 5).await.pop().unwrap();
    assert_eq!(m.text, t(&w, "zh-CN", msg::STAFF_REPLY_UNKNOWN));

    // The user ends it; staff are told.
    let end = button(
        &sends(&tg, user).pop().unwrap(),
        &t(&w, "zh-CN", msg::BTN_END),
    );
    tg.push_update(callback_update(user, &end, 1));
    let m = tg.wait_sent_to(user, 8).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::HANDOFF_CLOSED)),
        "{}",
        m.text
    );
    let closed = tg.wait_sent_to(STAFF_CHAT, 6).await.pop().unwrap();
    let template = w
        .l10n
        .line("zh-CN", &Line::new(msg::STAFF_CLOSED).text("case", "§"));
    let (before, after) = template.split_once('§').unwrap();
    assert!(
        closed.text.starts_with(before) && closed.text.ends_with(after),
        "{}",
        closed.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_questions_reach_the_staff_inbox() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = start(&tg, dir.path());
    // Two users ask the same odd thing; one more asks in Uyghur.
    for (chat, lang, q) in [
        (8101, "zh-hans", "兔子吃什么 13800138000"),
        (8102, "zh", "兔子吃什么  13800138000"),
        (8103, "zh", "/start"),
    ] {
        // A first contact picks the language (typed 1: the picker's first, 中文).
        tg.push_update(msg_update_lang(chat, "1", Some(lang)));
        tg.wait_sent_to(chat, 1).await;
        if q != "/start" {
            tg.push_update(msg_update(chat, q));
            let m = tg.wait_sent_to(chat, 2).await.pop().unwrap();
            assert!(
                m.text.starts_with(&t(&w, "zh-CN", msg::FAQ_UNSURE))
                    || m.text.starts_with(&t(&w, "zh-CN", msg::FAQ_NOTHING)),
                "{}",
                m.text
            );
        }
    }
    // A confident answer, marked "not helpful", is recorded too.
    tg.push_update(msg_update(8103, "话费怎么充值"));
    let m = tg.wait_sent_to(8103, 2).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", "faq-top-up-a")),
        "{}",
        m.text
    );
    tg.push_update(callback_update(
        8103,
        &button(&m, &t(&w, "zh-CN", msg::BTN_HELPFUL_NO)),
        m.message_id,
    ));
    let m = tg.wait_sent_to(8103, 3).await.pop().unwrap();
    assert!(m.text.starts_with(&t(&w, "zh-CN", msg::FAQ_SORRY)));

    // Not staff: no inbox.
    tg.push_update(msg_update_lang(8101, "/unanswered", Some("zh")));
    let m = tg.wait_sent_to(8101, 3).await.pop().unwrap();
    assert!(
        m.text
            .starts_with(&t(&w, "zh-CN", msg::NOTICE_UNKNOWN_COMMAND)),
        "{}",
        m.text
    );

    // Staff: the most asked first, masked, with a button to mark it handled.
    tg.push_update(msg_update_lang(STAFF, "/start", Some("zh")));
    tg.wait_sent_to(STAFF, 1).await;
    tg.push_update(msg_update(STAFF, "/unanswered"));
    let list = tg.wait_sent_to(STAFF, 2).await.pop().unwrap();
    assert!(
        list.text.starts_with(&t(&w, "zh-CN", msg::INBOX_TITLE)),
        "{}",
        list.text
    );
    let lines: Vec<&str> = list.text.lines().collect();
    assert!(
        lines[1].contains("×2") && lines[1].contains("兔子吃什么 *******8000"),
        "{}",
        list.text
    );
    assert!(
        lines[2].contains("×1") && lines[2].contains("话费怎么充值"),
        "{}",
        list.text
    );
    assert!(!list.text.contains("13800138000"));
    tg.push_update(callback_update(
        STAFF,
        &button(&list, "✓ 1"),
        list.message_id,
    ));
    let m = tg.wait_sent_to(STAFF, 3).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::INBOX_DONE)),
        "{}",
        m.text
    );
    assert!(
        !m.text.contains("兔子"),
        "handled entries leave the list: {}",
        m.text
    );
    // A forged "handled" button from a non-staff user does nothing privileged.
    tg.push_update(callback_update(
        8101,
        &button(&list, "✓ 1"),
        list.message_id,
    ));
    let m = tg.wait_sent_to(8101, 4).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::NOTICE_OLD_BUTTON)),
        "{}",
        m.text
    );
}
