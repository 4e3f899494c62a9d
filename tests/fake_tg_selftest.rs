//! Self-tests of the fake Telegram Bot API server (tests/support/fake_tg/).
use crate::support;
use support::fake_tg::*;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, CallbackQueryId, ChatAction, InlineKeyboardButton,
    InlineKeyboardMarkup, InputFile, MessageId, ParseMode, UpdateKind,
};
use teloxide::{ApiError, RequestError};

fn bot(tg: &FakeTelegram) -> Bot {
    Bot::new(FakeTelegram::TOKEN).set_api_url(tg.api_url().parse().expect("url"))
}

/// Raw call on a fresh client (new connection): returns (HTTP status, JSON body).
async fn call(tg: &FakeTelegram, method: &str, body: Value) -> (u16, Value) {
    call_on(&reqwest::Client::new(), tg, method, body).await
}

/// Raw call on a given client (reuses its keep-alive connection).
async fn call_on(
    client: &reqwest::Client,
    tg: &FakeTelegram,
    method: &str,
    body: Value,
) -> (u16, Value) {
    let resp = client
        .post(tg.method_url(method))
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

/// Raw call expecting a 400 whose description is returned.
async fn bad_request(tg: &FakeTelegram, method: &str, body: Value) -> String {
    let (status, v) = call(tg, method, body.clone()).await;
    assert_eq!(status, 400, "expected 400 for {method} {body}, got {v}");
    assert_eq!(v["ok"], json!(false));
    assert_eq!(v["error_code"], json!(400));
    v["description"].as_str().expect("description").to_string()
}

async fn send_ok(tg: &FakeTelegram, body: Value) -> Value {
    let (status, v) = call(tg, "sendMessage", body.clone()).await;
    assert_eq!(status, 200, "expected success for {body}, got {v}");
    assert_eq!(v["ok"], json!(true));
    v["result"].clone()
}

fn keyboard(data: &str) -> Value {
    json!({"inline_keyboard": [[{"text": "OK", "callback_data": data}]]})
}

// ---------------------------------------------------------------------------------------
// teloxide round trips
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn teloxide_get_me_and_webhook_info() {
    let tg = FakeTelegram::start().await;
    let bot = bot(&tg);
    let me = bot.get_me().await.expect("get_me");
    assert_eq!(me.id.0 as i64, FakeTelegram::BOT_ID);
    assert!(me.is_bot);
    assert_eq!(me.username(), "netplus_bot");
    let info = bot.get_webhook_info().await.expect("get_webhook_info");
    assert!(info.url.is_none());
    assert_eq!(info.pending_update_count, 0);
    bot.delete_webhook().await.expect("delete_webhook");
    assert_eq!(tg.calls("GetMe"), 1);
    assert_eq!(tg.calls("getme"), 1);
}

#[tokio::test]
async fn teloxide_send_edit_answer_commands() {
    let tg = FakeTelegram::start().await;
    let bot = bot(&tg);

    let kb = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("套餐 Plans", "plans")]]);
    let msg = bot
        .send_message(ChatId(42), "你好 *世界*")
        .reply_markup(kb)
        .await
        .expect("send");
    assert_eq!(msg.chat.id, ChatId(42));
    assert_eq!(msg.text(), Some("你好 *世界*"));
    assert!(msg.reply_markup().is_some());
    let sent = tg.wait_sent_to(42, 1).await;
    assert_eq!(sent[0].method, "SendMessage");
    assert_eq!(sent[0].text, "你好 *世界*");
    assert_eq!(sent[0].plain, "你好 *世界*");
    assert_eq!(sent[0].parse_mode, None);
    assert_eq!(sent[0].message_id, msg.id.0 as i64);
    assert_eq!(
        sent[0].reply_markup.as_ref().unwrap()["inline_keyboard"][0][0]["callback_data"],
        json!("plans")
    );

    // second message gets the next id
    let msg2 = bot.send_message(ChatId(42), "two").await.expect("send 2");
    assert_eq!(msg2.id.0, msg.id.0 + 1);

    let edited = bot
        .edit_message_text(ChatId(42), msg.id, "edited")
        .await
        .expect("edit");
    assert_eq!(edited.text(), Some("edited"));
    assert!(edited.edit_date().is_some());
    assert_eq!(
        tg.message_text(42, msg.id.0 as i64).as_deref(),
        Some("edited")
    );
    // without reply_markup the keyboard is gone, like on Telegram
    assert_eq!(tg.message_markup(42, msg.id.0 as i64), None);
    let kb2 = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Back", "back")]]);
    bot.edit_message_reply_markup(ChatId(42), msg.id)
        .reply_markup(kb2)
        .await
        .expect("edit markup");
    assert!(tg.message_markup(42, msg.id.0 as i64).is_some());

    let cb_id = tg.push_update(callback_update(42, "plans", msg.id.0 as i64));
    assert!(cb_id > 0);
    let updates = bot.get_updates().await.expect("get_updates");
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("not a callback: {:?}", updates[0].kind)
    };
    assert_eq!(q.data.as_deref(), Some("plans"));
    bot.answer_callback_query(q.id.clone())
        .text("OK")
        .await
        .expect("answer");
    assert_eq!(tg.answered_callbacks().len(), 1);
    assert_eq!(tg.answered_callbacks()[0]["text"], json!("OK"));

    bot.set_my_commands([
        BotCommand::new("start", "开始"),
        BotCommand::new("help", "帮助"),
    ])
    .await
    .expect("set cmds");
    bot.set_my_commands([BotCommand::new("start", "འགོ་འཛུགས")])
        .language_code("bo")
        .await
        .expect("set bo");
    bot.set_my_commands([BotCommand::new("lang", "语言")])
        .scope(BotCommandScope::AllPrivateChats)
        .await
        .expect("set scoped");
    assert_eq!(tg.commands(None).unwrap().as_array().unwrap().len(), 2);
    assert_eq!(
        tg.commands(Some("bo")).unwrap()[0]["description"],
        json!("འགོ་འཛུགས")
    );
    assert_eq!(
        tg.commands_for(json!({"type": "all_private_chats"}), None)
            .unwrap()[0]["command"],
        json!("lang")
    );
    assert!(tg.commands(Some("ug")).is_none());
    let got = bot
        .get_my_commands()
        .language_code("bo")
        .await
        .expect("get cmds");
    assert_eq!(got.len(), 1);
    bot.delete_my_commands()
        .language_code("bo")
        .await
        .expect("delete cmds");
    assert!(tg.commands(Some("bo")).is_none());
    assert!(tg.rejected().is_empty(), "{:?}", tg.rejected());
}

#[tokio::test]
async fn teloxide_copy_forward_voice_action_delete() {
    let tg = FakeTelegram::start().await;
    let bot = bot(&tg);
    let upd = msg_update(7, "问题: 宽带坏了");
    let user_msg_id = upd["message"]["message_id"].as_i64().unwrap();
    tg.push_update(upd);

    let copied = bot
        .copy_message(ChatId(-1001), ChatId(7), MessageId(user_msg_id as i32))
        .await
        .expect("copy");
    let fwd = bot
        .forward_message(ChatId(-1001), ChatId(7), MessageId(user_msg_id as i32))
        .await
        .expect("forward");
    assert_eq!(fwd.text(), Some("问题: 宽带坏了"));
    assert!(fwd.forward_origin().is_some());
    assert!(fwd.chat.is_supergroup());
    let sent = tg.sent_to(-1001);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].method, "CopyMessage");
    assert_eq!(sent[0].message_id, copied.0 as i64);
    assert_eq!(sent[0].text, "问题: 宽带坏了");
    assert_eq!(sent[1].method, "ForwardMessage");
    let e = bot
        .copy_message(ChatId(-1001), ChatId(7), MessageId(999))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("message to copy not found"), "{e}");

    // voice by file_id: teloxide sends multipart/form-data
    let v = bot
        .send_voice(ChatId(7), InputFile::file_id("voice-file-1".into()))
        .caption("语音")
        .await
        .expect("voice");
    assert_eq!(v.voice().unwrap().file.id.0, "voice-file-1");
    assert_eq!(tg.sent_to(7).last().unwrap().method, "SendVoice");
    assert_eq!(tg.sent_to(7).last().unwrap().text, "语音");
    // uploaded bytes work too
    let v = bot
        .send_voice(
            ChatId(7),
            InputFile::memory(vec![1u8, 2, 3]).file_name("a.ogg"),
        )
        .await
        .expect("upload");
    assert!(v.voice().is_some());
    let p = bot
        .send_photo(ChatId(7), InputFile::file_id("photo-1".into()))
        .await
        .expect("photo");
    assert!(p.photo().is_some());

    bot.send_chat_action(ChatId(7), ChatAction::Typing)
        .await
        .expect("action");
    assert_eq!(tg.chat_actions(), vec![(7, "typing".to_string())]);

    let m = bot
        .send_message(ChatId(7), "to delete")
        .await
        .expect("send");
    bot.delete_message(ChatId(7), m.id).await.expect("delete");
    assert_eq!(tg.deleted(), vec![(7, m.id.0 as i64)]);
    assert!(bot.delete_message(ChatId(7), m.id).await.is_err());
}

#[tokio::test]
async fn builders_parse_in_teloxide() {
    let tg = FakeTelegram::start().await;
    let bot = bot(&tg);
    let ups = vec![
        msg_update(1, "hello"),
        msg_update_lang(2, "hi", None),
        msg_update_lang(3, "ཀ", Some("bo")),
        command_with_entity(4, "/start@netplus_bot ref"),
        callback_update(5, "faq:1", 10),
        sticker_update(6),
        photo_update_with_caption(7, Some("照片")),
        photo_update(7),
        voice_update(8, "vf-1", 3),
        edited_message_update(9, "fixed"),
        group_message_update(-10042, 11, "/help"),
        blocked_by_user_update(12),
    ];
    let n = ups.len();
    tg.push_updates(ups);
    let got = bot.get_updates().await.expect("get_updates");
    assert_eq!(got.len(), n);
    for u in &got {
        assert!(
            !matches!(u.kind, UpdateKind::Error(_)),
            "teloxide could not parse {:?}",
            u.kind
        );
    }
    let UpdateKind::Message(m) = &got[0].kind else {
        panic!()
    };
    assert_eq!(
        m.from.as_ref().unwrap().language_code.as_deref(),
        Some(DEFAULT_LANGUAGE_CODE)
    );
    let UpdateKind::Message(m) = &got[1].kind else {
        panic!()
    };
    assert_eq!(m.from.as_ref().unwrap().language_code, None);
    let UpdateKind::Message(m) = &got[3].kind else {
        panic!()
    };
    let ents = m.entities().unwrap();
    assert_eq!(ents[0].kind, teloxide::types::MessageEntityKind::BotCommand);
    assert_eq!(ents[0].length, "/start@netplus_bot".len());
    let UpdateKind::CallbackQuery(q) = &got[4].kind else {
        panic!()
    };
    assert!(q.message.as_ref().unwrap().regular_message().is_some());
    let UpdateKind::Message(m) = &got[5].kind else {
        panic!()
    };
    assert!(m.sticker().is_some());
    let UpdateKind::Message(m) = &got[8].kind else {
        panic!()
    };
    assert_eq!(m.voice().unwrap().duration.seconds(), 3);
    assert!(matches!(got[9].kind, UpdateKind::EditedMessage(_)));
    let UpdateKind::Message(m) = &got[10].kind else {
        panic!()
    };
    assert!(m.chat.is_supergroup());
    assert_eq!(m.from.as_ref().unwrap().id.0, 11);
    assert!(matches!(got[11].kind, UpdateKind::MyChatMember(_)));
    assert!(command_entities("/ x").is_none());
    assert!(command_entities("plain").is_none());
}

#[tokio::test]
async fn teloxide_dispatcher_echo_end_to_end() {
    let tg = FakeTelegram::start().await;
    let bot = bot(&tg);
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(msg.chat.id, format!("echo: {}", msg.text().unwrap_or("")))
            .await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    let mut last = 0;
    for i in 0..30 {
        last = tg.push_update(msg_update(1000 + i % 3, &format!("m{i}")));
    }
    let sent = tg.wait_sent_total(30).await;
    assert_eq!(sent.len(), 30);
    assert_eq!(tg.sent_to(1000).len(), 10);
    tg.wait_confirmed(last + 1).await;
    tg.wait_no_pending().await;
    assert!(tg.calls("GetMe") >= 1);
    assert!(tg.rejected().is_empty(), "{:?}", tg.rejected());
    task.abort();
}

// ---------------------------------------------------------------------------------------
// protocol basics
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn wrong_token_unknown_method_case_and_bodies() {
    let tg = FakeTelegram::start().await;
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{}/bot1:WRONG/getMe", tg.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );

    let (s, v) = call(&tg, "frobnicate", json!({})).await;
    assert_eq!(s, 404);
    assert_eq!(
        v,
        json!({"ok": false, "error_code": 404, "description": "Not Found: method not found"})
    );

    for m in ["getMe", "GetMe", "GETME", "getme"] {
        let (s, v) = call(&tg, m, json!({})).await;
        assert_eq!(s, 200, "{m}");
        assert_eq!(v["result"]["is_bot"], json!(true));
        for k in [
            "can_join_groups",
            "can_read_all_group_messages",
            "supports_inline_queries",
            "has_main_web_app",
            "can_connect_to_business",
        ] {
            assert!(v["result"].get(k).is_some(), "{k}");
        }
    }
    // the wrong-token call counts too
    assert_eq!(tg.calls("getMe"), 5);

    // empty body = {}
    let r = client.post(tg.method_url("getMe")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = client
        .post(tg.method_url("sendMessage"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["description"],
        json!("Bad Request: chat_id is empty")
    );

    // invalid JSON
    let r = client
        .post(tg.method_url("sendMessage"))
        .header("content-type", "application/json")
        .body("{\"chat_id\": 1, ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["ok"], json!(false));
    assert!(v["description"]
        .as_str()
        .unwrap()
        .starts_with("Bad Request: "));

    // form-encoded and query-string parameters work like on the real API
    let r = client
        .post(tg.method_url("sendMessage"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("chat_id=5&text=hello%20world&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22a%22%2C%22callback_data%22%3A%22b%22%7D%5D%5D%7D")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = client
        .get(format!(
            "{}?chat_id=5&text=via+get",
            tg.method_url("sendMessage")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let texts = tg.texts_to(5);
    assert_eq!(
        texts,
        vec!["hello world".to_string(), "via get".to_string()]
    );
    assert!(tg.sent_to(5)[0].reply_markup.is_some());

    // unknown paths
    let r = client
        .get(format!("{}/nothing", tg.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);

    let rej = tg.rejected();
    assert!(rej
        .iter()
        .any(|(m, s, _, _)| m == "frobnicate" && *s == 404));
    assert!(rej.iter().any(|(_, s, _, _)| *s == 401));
}

// ---------------------------------------------------------------------------------------
// getUpdates
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn long_polling_wakes_on_push() {
    let tg = FakeTelegram::start().await;
    let t2 = tg.clone();
    let poll = tokio::spawn(async move {
        let start = Instant::now();
        let (s, v) = call(&t2, "getUpdates", json!({"timeout": 10})).await;
        (s, v, start.elapsed())
    });
    tg.wait_calls("getUpdates", 1).await;
    tokio::time::sleep(Duration::from_millis(100)).await; // let the poller start waiting
    let id = tg.push_update(msg_update(1, "wake up"));
    let (s, v, took) = poll.await.unwrap();
    assert_eq!(s, 200);
    assert_eq!(v["result"][0]["update_id"], json!(id));
    assert!(
        took < Duration::from_secs(3),
        "long poll did not wake: {took:?}"
    );

    // with no updates it waits for the timeout, then returns []
    let start = Instant::now();
    let (_, v) = call(&tg, "getUpdates", json!({"offset": id + 1, "timeout": 1})).await;
    assert_eq!(v["result"], json!([]));
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );

    // immediate when updates are already there
    tg.push_update(msg_update(1, "x"));
    let start = Instant::now();
    let (_, v) = call(&tg, "getUpdates", json!({"offset": id + 1, "timeout": 10})).await;
    assert_eq!(v["result"].as_array().unwrap().len(), 1);
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn offset_confirmation_limit_and_raw_updates() {
    let tg = FakeTelegram::start().await;
    let ids: Vec<i64> = (0..5)
        .map(|i| tg.push_update(msg_update(1, &format!("u{i}"))))
        .collect();
    assert_eq!(tg.pending_updates(), 5);
    let (_, v) = call(&tg, "getUpdates", json!({"limit": 2})).await;
    assert_eq!(v["result"].as_array().unwrap().len(), 2);
    // fetched but not confirmed
    assert_eq!(tg.pending_updates(), 5);
    assert_eq!(tg.confirmed_offset(), 0);
    let (_, v) = call(&tg, "getUpdates", json!({"offset": ids[2]})).await;
    assert_eq!(v["result"][0]["update_id"], json!(ids[2]));
    assert_eq!(tg.confirmed_offset(), ids[2]);
    assert_eq!(tg.pending_updates(), 3);
    assert_eq!(tg.wait_confirmed(ids[2]).await, ids[2]);
    // a lower offset does not lower the confirmed one
    call(&tg, "getUpdates", json!({"offset": 1})).await;
    assert_eq!(tg.confirmed_offset(), ids[2]);
    // limit > 100 is clamped
    let more: Vec<Value> = (0..150).map(|_| msg_update(2, "bulk")).collect();
    tg.push_updates(more);
    let (_, v) = call(
        &tg,
        "getUpdates",
        json!({"offset": ids[4] + 1, "limit": 1000}),
    )
    .await;
    assert_eq!(v["result"].as_array().unwrap().len(), 100);
    call(&tg, "getUpdates", json!({"offset": ids[4] + 1000})).await;
    assert_eq!(tg.pending_updates(), 0);

    // malformed updates are delivered as-is; one without update_id only once
    tg.push_raw_update(json!({"update_id": 900, "message": {"garbage": true}}));
    tg.push_raw_update(json!({"garbage": true}));
    let id = tg.push_update(msg_update(1, "after garbage"));
    assert_eq!(id, 901);
    assert_eq!(tg.pending_updates(), 3);
    let (_, v) = call(&tg, "getUpdates", json!({})).await;
    assert_eq!(v["result"][0]["update_id"], json!(900));
    assert_eq!(v["result"][1], json!({"garbage": true}));
    assert_eq!(v["result"][2]["update_id"], json!(id));
    assert_eq!(tg.pending_updates(), 2);
    let (_, v) = call(&tg, "getUpdates", json!({})).await;
    assert_eq!(
        v["result"].as_array().unwrap().len(),
        2,
        "the id-less update is not redelivered"
    );
    call(&tg, "getUpdates", json!({"offset": id + 1})).await;
    assert_eq!(tg.pending_updates(), 0);
    // an id-less update is also dropped by confirming the update before it
    tg.push_raw_update(json!({"garbage": 2}));
    call(&tg, "getUpdates", json!({"offset": id + 1})).await;
    assert_eq!(tg.pending_updates(), 0);

    // explicit update ids are kept
    assert_eq!(
        tg.push_update(json!({"update_id": 5000, "message": msg_update(1, "x")["message"]})),
        5000
    );
    assert!(tg.push_update(msg_update(1, "y")) > 5000);

    // deleteWebhook drop_pending_updates clears the queue
    call(&tg, "deleteWebhook", json!({"drop_pending_updates": true})).await;
    assert_eq!(tg.pending_updates(), 0);
}

#[tokio::test]
async fn overlapping_get_updates_conflict() {
    let tg = FakeTelegram::start().await;
    let t2 = tg.clone();
    let first = tokio::spawn(async move { call(&t2, "getUpdates", json!({"timeout": 10})).await });
    tg.wait_calls("getUpdates", 1).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t3 = tg.clone();
    let second = tokio::spawn(async move { call(&t3, "getUpdates", json!({"timeout": 2})).await });
    let (s, v) = first.await.unwrap();
    assert_eq!(s, 409);
    assert!(v["description"]
        .as_str()
        .unwrap()
        .starts_with("Conflict: terminated by other getUpdates request"));
    tg.push_update(msg_update(1, "x"));
    let (s, v) = second.await.unwrap();
    assert_eq!(s, 200);
    assert_eq!(v["result"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------
// failures, 429, 403
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn fail_next_429_body_and_teloxide_retry_after() {
    let tg = FakeTelegram::start().await;
    tg.fail_next("SendMessage", 429, Some(3), 1);
    let (s, v) = call(&tg, "sendMessage", json!({"chat_id": 1, "text": "hi"})).await;
    assert_eq!(s, 429);
    assert_eq!(
        v,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}})
    );
    assert_eq!(tg.responses_429().len(), 1);
    assert_eq!(tg.responses_429()[0].1, 3);

    // teloxide maps it to RetryAfter; the flood window is still open, so this is early
    // (another connection, but well after the in-flight grace)
    tokio::time::sleep(IN_FLIGHT_GRACE * 2).await;
    let e = bot(&tg).send_message(ChatId(1), "hi").await.unwrap_err();
    assert!(
        matches!(e, RequestError::RetryAfter(s) if s.seconds() >= 1),
        "{e:?}"
    );
    assert_eq!(tg.early_sends_after_429(), 1);
    assert_eq!(tg.calls("SendMessage"), 2);
    assert!(tg.sent().is_empty());

    // other methods are not affected by a send flood window
    bot(&tg).get_me().await.unwrap();
}

#[tokio::test]
async fn respecting_retry_after_is_not_early() {
    let tg = FakeTelegram::start().await;
    tg.fail_next("sendMessage", 429, Some(1), 1);
    let b = bot(&tg);
    let e = b.send_message(ChatId(1), "a").await.unwrap_err();
    let RequestError::RetryAfter(s) = e else {
        panic!("{e:?}")
    };
    tokio::time::sleep(s.duration() + Duration::from_millis(50)).await;
    b.send_message(ChatId(1), "a")
        .await
        .expect("after retry_after");
    assert_eq!(tg.early_sends_after_429(), 0);
    assert_eq!(tg.sent_to(1).len(), 1);
}

#[tokio::test]
async fn fail_next_500_and_other_statuses() {
    let tg = FakeTelegram::start().await;
    tg.fail_next("getMe", 500, None, 2);
    tg.fail_next("getMe", 502, None, 1);
    let (s, v) = call(&tg, "getMe", json!({})).await;
    assert_eq!(
        (s, v),
        (
            500,
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"})
        )
    );
    assert_eq!(call(&tg, "GetMe", json!({})).await.0, 500);
    assert_eq!(call(&tg, "GetMe", json!({})).await.0, 502);
    assert_eq!(call(&tg, "GetMe", json!({})).await.0, 200);
    assert_eq!(tg.calls("getMe"), 4);
    assert_eq!(tg.rejected().len(), 3);
    tg.fail_next("getUpdates", 502, None, 1);
    assert_eq!(call(&tg, "getUpdates", json!({})).await.0, 502);
}

#[tokio::test]
async fn send_rate_limit_and_early_sends() {
    let tg = FakeTelegram::start().await;
    tg.set_send_rate_limit(Some(5));
    let client = reqwest::Client::new();
    let mut codes = Vec::new();
    for i in 0..8 {
        codes.push(
            call_on(
                &client,
                &tg,
                "sendMessage",
                json!({"chat_id": 1, "text": format!("m{i}")}),
            )
            .await
            .0,
        );
    }
    assert_eq!(codes, vec![200, 200, 200, 200, 200, 429, 429, 429]);
    // two sends on the same connection after the first 429, before it expired
    assert_eq!(tg.early_sends_after_429(), 2);
    let r = &tg.rejected()[0];
    assert_eq!(r.1, 429);
    assert_eq!(tg.responses_429().len(), 3);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        call(&tg, "sendMessage", json!({"chat_id": 1, "text": "later"}))
            .await
            .0,
        200
    );
    assert_eq!(tg.early_sends_after_429(), 2);
    // a send on another connection right after a 429 was plausibly already in flight
    for i in 0..5 {
        call_on(
            &client,
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": format!("x{i}")}),
        )
        .await;
    }
    let before = tg.early_sends_after_429();
    assert_eq!(
        call(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "concurrent"})
        )
        .await
        .0,
        429
    );
    assert_eq!(tg.early_sends_after_429(), before);
    tg.set_send_rate_limit(None);
    for _ in 0..10 {
        assert_eq!(
            call(&tg, "sendMessage", json!({"chat_id": 1, "text": "free"}))
                .await
                .0,
            200
        );
    }
}

#[tokio::test]
async fn blocked_chat_403() {
    let tg = FakeTelegram::start().await;
    tg.block_chat(77);
    let (s, v) = call(&tg, "sendMessage", json!({"chat_id": 77, "text": "hi"})).await;
    assert_eq!(s, 403);
    assert_eq!(
        v,
        json!({"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})
    );
    let e = bot(&tg).send_message(ChatId(77), "hi").await.unwrap_err();
    assert!(
        matches!(e, RequestError::Api(ApiError::BotBlocked)),
        "{e:?}"
    );
    assert_eq!(
        call(&tg, "sendMessage", json!({"chat_id": 78, "text": "hi"}))
            .await
            .0,
        200
    );
    tg.unblock_chat(77);
    assert_eq!(
        call(&tg, "sendMessage", json!({"chat_id": 77, "text": "hi"}))
            .await
            .0,
        200
    );
    assert_eq!(tg.sent_to(77).len(), 1);
}

// ---------------------------------------------------------------------------------------
// strict text checks
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn text_length_and_emptiness() {
    let tg = FakeTelegram::start().await;
    assert_eq!(
        bad_request(&tg, "sendMessage", json!({"chat_id": 1, "text": ""})).await,
        "Bad Request: message text is empty"
    );
    assert_eq!(
        bad_request(&tg, "sendMessage", json!({"chat_id": 1, "text": " \n\t "})).await,
        "Bad Request: message text is empty"
    );
    assert_eq!(
        bad_request(&tg, "sendMessage", json!({"chat_id": 1})).await,
        "Bad Request: message text is empty"
    );
    assert_eq!(
        bad_request(&tg, "sendMessage", json!({"text": "x"})).await,
        "Bad Request: chat_id is empty"
    );
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": "@nobody", "text": "x"})
        )
        .await,
        "Bad Request: chat not found"
    );
    let long = "a".repeat(4097);
    assert_eq!(
        bad_request(&tg, "sendMessage", json!({"chat_id": 1, "text": long})).await,
        "Bad Request: message is too long"
    );
    send_ok(&tg, json!({"chat_id": 1, "text": "a".repeat(4096)})).await;
    // characters, not bytes: 4096 Tibetan letters (3 bytes each) are fine, 4097 are not
    send_ok(&tg, json!({"chat_id": 1, "text": "ཀ".repeat(4096)})).await;
    bad_request(
        &tg,
        "sendMessage",
        json!({"chat_id": 1, "text": "ཀ".repeat(4097)}),
    )
    .await;
    // string chat ids with digits work like on the real API
    send_ok(&tg, json!({"chat_id": "12", "text": "x"})).await;
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "parse_mode": "Klingon"})
        )
        .await,
        "Bad Request: unsupported parse_mode"
    );
    // replies must point at a known message unless allowed not to
    let u = msg_update(1, "question");
    let qid = u["message"]["message_id"].clone();
    tg.push_update(u);
    send_ok(
        &tg,
        json!({"chat_id": 1, "text": "answer", "reply_parameters": {"message_id": qid}}),
    )
    .await;
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 99_999_999}})
        )
        .await,
        "Bad Request: message to be replied not found"
    );
    bad_request(
        &tg,
        "sendMessage",
        json!({"chat_id": 2, "text": "x", "reply_parameters": {"message_id": qid}}),
    )
    .await;
    send_ok(&tg, json!({"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 99_999_999, "allow_sending_without_reply": true}})).await;
    let b = bot(&tg);
    let e = b
        .send_message(ChatId(1), "x")
        .reply_parameters(teloxide::types::ReplyParameters::new(MessageId(99_999_999)))
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("message to be replied not found"),
        "{e}"
    );
}

#[tokio::test]
async fn every_parse_mode_is_refused() {
    // netplus sends plain text; the fake parses no markup, so any parse mode is refused
    // (in sends, captions and edits) rather than passed unchecked.
    let tg = FakeTelegram::start().await;
    for mode in ["MarkdownV2", "Markdown", "HTML", "html"] {
        assert_eq!(
            bad_request(
                &tg,
                "sendMessage",
                json!({"chat_id": 1, "text": "*b*", "parse_mode": mode})
            )
            .await,
            "Bad Request: unsupported parse_mode",
            "{mode}"
        );
    }
    let m = send_ok(&tg, json!({"chat_id": 1, "text": "a < b & *c_ [d"})).await;
    assert_eq!(m["text"], json!("a < b & *c_ [d"));
    assert_eq!(
        bad_request(
            &tg,
            "editMessageText",
            json!({"chat_id": 1, "message_id": m["message_id"], "text": "<b>x</b>", "parse_mode": "HTML"})
        )
        .await,
        "Bad Request: unsupported parse_mode"
    );
    // an empty parse_mode is the same as none
    send_ok(&tg, json!({"chat_id": 1, "text": "_x_", "parse_mode": ""})).await;
    let bot = bot(&tg);
    let e = bot
        .send_message(ChatId(1), "*x*")
        .parse_mode(ParseMode::MarkdownV2)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("unsupported parse_mode"), "{e}");
}

// ---------------------------------------------------------------------------------------
// strict markup checks
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn callback_data_limits() {
    let tg = FakeTelegram::start().await;
    let d65 = "x".repeat(65);
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "t", "reply_markup": keyboard(&d65)})
        )
        .await,
        "Bad Request: BUTTON_DATA_INVALID"
    );
    send_ok(
        &tg,
        json!({"chat_id": 1, "text": "t", "reply_markup": keyboard(&"x".repeat(64))}),
    )
    .await;
    // 22 Tibetan letters = 66 bytes
    let tibetan: String = "ཀཁགངཅཆཇཉཏཐདནཔཕབམཙཚཛཝཞཟ".to_string();
    assert_eq!(tibetan.chars().count(), 22);
    assert!(tibetan.len() > 64);
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "t", "reply_markup": keyboard(&tibetan)})
        )
        .await,
        "Bad Request: BUTTON_DATA_INVALID"
    );
    assert_eq!(
        bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "t", "reply_markup": keyboard("")})
        )
        .await,
        "Bad Request: BUTTON_DATA_INVALID"
    );
    // teloxide surfaces it as an error too
    let kb = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("x", d65)]]);
    assert!(bot(&tg)
        .send_message(ChatId(1), "t")
        .reply_markup(kb)
        .await
        .is_err());
    // and an edit with bad data is rejected as well
    let m = send_ok(&tg, json!({"chat_id": 1, "text": "t"})).await;
    let d = bad_request(
        &tg,
        "editMessageReplyMarkup",
        json!({"chat_id": 1, "message_id": m["message_id"], "reply_markup": keyboard(&"y".repeat(65))}),
    )
    .await;
    assert_eq!(d, "Bad Request: BUTTON_DATA_INVALID");
}

#[tokio::test]
async fn inline_keyboard_shape() {
    let tg = FakeTelegram::start().await;
    let cases = [
        (
            json!({"inline_keyboard": [[{"text": "no action"}]]}),
            "text buttons are unallowed",
        ),
        (
            json!({"inline_keyboard": [[{"text": "", "callback_data": "a"}]]}),
            "BUTTON_TEXT_INVALID",
        ),
        (
            json!({"inline_keyboard": [[{"text": "  ", "callback_data": "a"}]]}),
            "BUTTON_TEXT_INVALID",
        ),
        (
            json!({"inline_keyboard": [[{"callback_data": "a"}]]}),
            "\"text\"",
        ),
        (
            json!({"inline_keyboard": [[{"text": "two", "callback_data": "a", "url": "https://x.y"}]]}),
            "exactly one",
        ),
        (
            json!({"inline_keyboard": [[{"text": "u", "url": "not a url"}]]}),
            "is invalid",
        ),
        (
            json!({"inline_keyboard": [[{"text": "u", "url": ""}]]}),
            "is invalid",
        ),
        (
            json!({"inline_keyboard": [{"text": "row is not an array", "callback_data": "a"}]}),
            "can't parse inline keyboard button",
        ),
        (
            json!({"inline_keyboard": "nope"}),
            "can't parse inline keyboard button",
        ),
        (
            json!({"inline_keyboard": [["just a string"]]}),
            "can't parse inline keyboard button",
        ),
        (
            json!({"inline_keyboard": [(0..101).map(|i| json!({"text": "b", "callback_data": i.to_string()})).collect::<Vec<_>>()]}),
            "reply markup is too long",
        ),
        (
            json!({"something": 1}),
            "can't parse reply keyboard markup JSON object",
        ),
        (
            json!([1, 2]),
            "can't parse reply keyboard markup JSON object",
        ),
        (
            json!("{not json"),
            "can't parse reply keyboard markup JSON object",
        ),
        (
            json!({"keyboard": [[{"text": ""}]]}),
            "keyboard button text is empty",
        ),
    ];
    for (markup, want) in cases {
        let d = bad_request(
            &tg,
            "sendMessage",
            json!({"chat_id": 1, "text": "t", "reply_markup": markup.clone()}),
        )
        .await;
        assert!(d.contains(want), "{markup}: got {d}, want {want}");
    }
    let good = [
        json!({"inline_keyboard": [[{"text": "a", "callback_data": "a"}, {"text": "b", "url": "https://example.com"}], [{"text": "c", "switch_inline_query_current_chat": ""}]]}),
        json!({"inline_keyboard": []}),
        json!({"keyboard": [["中文", {"text": "བོད་ཡིག"}]], "resize_keyboard": true}),
        json!({"remove_keyboard": true}),
        json!({"force_reply": true}),
        json!("{\"inline_keyboard\":[[{\"text\":\"s\",\"callback_data\":\"s\"}]]}"),
    ];
    for markup in good {
        let r = send_ok(
            &tg,
            json!({"chat_id": 1, "text": "t", "reply_markup": markup.clone()}),
        )
        .await;
        // only inline keyboards appear in the returned Message
        assert_eq!(
            r.get("reply_markup").is_some(),
            markup.to_string().contains("inline_keyboard"),
            "{markup}"
        );
    }
    // edits accept inline keyboards only
    let m = send_ok(&tg, json!({"chat_id": 1, "text": "t"})).await;
    let d = bad_request(
        &tg,
        "editMessageText",
        json!({"chat_id": 1, "message_id": m["message_id"], "text": "u", "reply_markup": {"remove_keyboard": true}}),
    )
    .await;
    assert!(d.contains("inline keyboard expected"), "{d}");
}

// ---------------------------------------------------------------------------------------
// edits and callbacks
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn edit_rules() {
    let tg = FakeTelegram::start().await;
    let m = send_ok(
        &tg,
        json!({"chat_id": 1, "text": "same", "reply_markup": keyboard("a")}),
    )
    .await;
    let id = m["message_id"].clone();
    let d = bad_request(
        &tg,
        "editMessageText",
        json!({"chat_id": 1, "message_id": id, "text": "same", "reply_markup": keyboard("a")}),
    )
    .await;
    assert!(d.starts_with("Bad Request: message is not modified"), "{d}");
    let d = bad_request(
        &tg,
        "editMessageReplyMarkup",
        json!({"chat_id": 1, "message_id": id, "reply_markup": keyboard("a")}),
    )
    .await;
    assert!(d.starts_with("Bad Request: message is not modified"), "{d}");
    assert_eq!(
        bad_request(
            &tg,
            "editMessageText",
            json!({"chat_id": 1, "message_id": 424242, "text": "x"})
        )
        .await,
        "Bad Request: message to edit not found"
    );
    assert_eq!(
        bad_request(
            &tg,
            "editMessageText",
            json!({"chat_id": 2, "message_id": id, "text": "x"})
        )
        .await,
        "Bad Request: message to edit not found"
    );
    assert_eq!(
        bad_request(&tg, "editMessageText", json!({"chat_id": 1, "text": "x"})).await,
        "Bad Request: message identifier is not specified"
    );
    assert_eq!(
        bad_request(
            &tg,
            "editMessageText",
            json!({"chat_id": 1, "message_id": id, "text": ""})
        )
        .await,
        "Bad Request: message text is empty"
    );
    // the user's own messages cannot be edited by the bot
    let u = msg_update(1, "user text");
    let uid = u["message"]["message_id"].clone();
    tg.push_update(u);
    assert_eq!(
        bad_request(
            &tg,
            "editMessageText",
            json!({"chat_id": 1, "message_id": uid, "text": "x"})
        )
        .await,
        "Bad Request: message can't be edited"
    );
    // a changed keyboard alone is a modification
    let (s, _) = call(
        &tg,
        "editMessageText",
        json!({"chat_id": 1, "message_id": id, "text": "same", "reply_markup": keyboard("b")}),
    )
    .await;
    assert_eq!(s, 200);
    // a message known only from a pushed callback can be edited
    tg.push_update(callback_update(3, "x", 555));
    let (s, v) = call(
        &tg,
        "editMessageText",
        json!({"chat_id": 3, "message_id": 555, "text": "new"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    // inline message edits return true
    let (s, v) = call(
        &tg,
        "editMessageText",
        json!({"inline_message_id": "abc", "text": "new"}),
    )
    .await;
    assert_eq!((s, v["result"].clone()), (200, json!(true)));
    let edits: Vec<_> = tg
        .sent()
        .into_iter()
        .filter(|s| s.method == "EditMessageText")
        .collect();
    assert_eq!(edits.len(), 3);
}

#[tokio::test]
async fn answer_callback_rules() {
    let tg = FakeTelegram::start().await;
    let u = callback_update(9, "faq", 1);
    let qid = u["callback_query"]["id"].as_str().unwrap().to_string();
    tg.push_update(u);
    let b = bot(&tg);
    let e = b
        .answer_callback_query(CallbackQueryId("never-seen".into()))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("query is too old"), "{e}");
    let d = bad_request(
        &tg,
        "answerCallbackQuery",
        json!({"callback_query_id": qid, "text": "x".repeat(201)}),
    )
    .await;
    assert!(d.contains("MESSAGE_TOO_LONG"));
    b.answer_callback_query(CallbackQueryId(qid.clone()))
        .await
        .expect("first answer");
    let e = b
        .answer_callback_query(CallbackQueryId(qid))
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("query is too old"),
        "answering twice must fail: {e}"
    );
    assert_eq!(tg.answered_callbacks().len(), 1);
}

// ---------------------------------------------------------------------------------------
// commands
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn set_my_commands_rules() {
    let tg = FakeTelegram::start().await;
    let cmds = json!([{"command": "start", "description": "开始"}]);
    for lang in ["zh-CN", "bod", "ZH", "z", "zh_hans", "藏"] {
        assert_eq!(
            bad_request(
                &tg,
                "setMyCommands",
                json!({"commands": cmds, "language_code": lang})
            )
            .await,
            "Bad Request: bad language code",
            "{lang}"
        );
    }
    let (s, _) = call(
        &tg,
        "setMyCommands",
        json!({"commands": cmds, "language_code": "bo"}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(tg.commands(Some("bo")), Some(cmds.clone()));
    let (s, _) = call(
        &tg,
        "setMyCommands",
        json!({"commands": cmds, "language_code": ""}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(tg.commands(None), Some(cmds.clone()));
    let e = bot(&tg)
        .set_my_commands([BotCommand::new("start", "x")])
        .language_code("zh-CN")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("bad language code"), "{e}");

    let bad_cmds = [
        json!([{"command": "Start", "description": "x"}]),
        json!([{"command": "/start", "description": "x"}]),
        json!([{"command": "", "description": "x"}]),
        json!([{"command": "a".repeat(33), "description": "x"}]),
        json!([{"command": "开始", "description": "x"}]),
        json!([{"command": "my-cmd", "description": "x"}]),
    ];
    for c in bad_cmds {
        assert_eq!(
            bad_request(&tg, "setMyCommands", json!({"commands": c})).await,
            "Bad Request: BOT_COMMAND_INVALID",
            "{c}"
        );
    }
    for d in [String::new(), "  ".to_string(), "d".repeat(257)] {
        let c = json!([{"command": "ok", "description": d}]);
        assert_eq!(
            bad_request(&tg, "setMyCommands", json!({"commands": c})).await,
            "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
        );
    }
    let ok = json!([{"command": "a".repeat(32), "description": "ད".repeat(256)}]);
    assert_eq!(
        call(&tg, "setMyCommands", json!({"commands": ok})).await.0,
        200
    );
    let many: Vec<Value> = (0..101)
        .map(|i| json!({"command": format!("c{i}"), "description": "d"}))
        .collect();
    bad_request(&tg, "setMyCommands", json!({"commands": many})).await;
    let hundred: Vec<Value> = (0..100)
        .map(|i| json!({"command": format!("c{i}"), "description": "d"}))
        .collect();
    assert_eq!(
        call(&tg, "setMyCommands", json!({"commands": hundred}))
            .await
            .0,
        200
    );
    bad_request(&tg, "setMyCommands", json!({"commands": []})).await;
    bad_request(&tg, "setMyCommands", json!({})).await;
    bad_request(
        &tg,
        "setMyCommands",
        json!({"commands": cmds, "scope": {"type": "everyone"}}),
    )
    .await;
    let (s, _) = call(
        &tg,
        "setMyCommands",
        json!({"commands": cmds, "scope": {"type": "chat", "chat_id": 5}, "language_code": "ug"}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        tg.commands_for(json!({"type": "chat", "chat_id": 5}), Some("ug")),
        Some(cmds)
    );
}

#[tokio::test]
async fn bot_texts() {
    let tg = FakeTelegram::start().await;
    let b = bot(&tg);
    b.set_my_description()
        .description("网络+ 帮助")
        .language_code("zh")
        .await
        .expect("desc");
    b.set_my_short_description()
        .short_description("short")
        .await
        .expect("short");
    assert_eq!(
        tg.bot_text("description", Some("zh")).as_deref(),
        Some("网络+ 帮助")
    );
    assert_eq!(
        tg.bot_text("short_description", None).as_deref(),
        Some("short")
    );
    let d = b
        .get_my_description()
        .language_code("zh")
        .await
        .expect("get desc");
    assert_eq!(d.description, "网络+ 帮助");
    assert!(b
        .set_my_short_description()
        .short_description("x".repeat(121))
        .await
        .is_err());
    assert!(b
        .set_my_description()
        .language_code("zh-hans")
        .await
        .is_err());
}

// ---------------------------------------------------------------------------------------
// waiting, shutdown
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn waits_return_when_condition_holds() {
    let tg = FakeTelegram::start().await;
    let t2 = tg.clone();
    let sender = tokio::spawn(async move {
        for i in 0..5 {
            call(
                &t2,
                "sendMessage",
                json!({"chat_id": 3, "text": format!("n{i}")}),
            )
            .await;
        }
    });
    let sent = tg.wait_sent_to(3, 5).await;
    assert_eq!(
        sent.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
        ["n0", "n1", "n2", "n3", "n4"]
    );
    assert_eq!(tg.wait_sent_total(5).await.len(), 5);
    assert!(tg.wait_calls("SendMessage", 5).await >= 5);
    tg.wait_until("five sends", |t| t.sent_total() == 5).await;
    sender.await.unwrap();
    // at() is monotonic
    assert!(sent.windows(2).all(|w| w[0].at <= w[1].at));
}

#[tokio::test]
#[should_panic(expected = "timed out")]
async fn wait_panics_after_deadline() {
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_millis(300));
    call(
        &tg,
        "sendMessage",
        json!({"chat_id": 1, "text": "only one"}),
    )
    .await;
    tg.wait_sent_to(1, 2).await;
}

#[tokio::test]
async fn wait_panic_message_shows_recordings() {
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_millis(200));
    call(
        &tg,
        "sendMessage",
        json!({"chat_id": 1, "text": "recorded text"}),
    )
    .await;
    bad_request(
        &tg,
        "sendMessage",
        json!({"chat_id": 1, "text": "bad.", "parse_mode": "MarkdownV2"}),
    )
    .await;
    let t2 = tg.clone();
    let err = tokio::spawn(async move { t2.wait_sent_to(1, 3).await })
        .await
        .unwrap_err();
    let msg = err
        .into_panic()
        .downcast::<String>()
        .map(|b| *b)
        .unwrap_or_default();
    assert!(msg.contains("at least 3 sends to chat 1"), "{msg}");
    assert!(msg.contains("recorded text"), "{msg}");
    assert!(msg.contains("unsupported parse_mode"), "{msg}");
}

#[tokio::test]
async fn shutdown_and_drop_stop_the_server() {
    let tg = FakeTelegram::start().await;
    let url = tg.method_url("getMe");
    let t2 = tg.clone();
    let poll = tokio::spawn(async move { call(&t2, "getUpdates", json!({"timeout": 30})).await });
    tg.wait_calls("getUpdates", 1).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    tg.shutdown();
    let start = Instant::now();
    let (s, v) = poll.await.unwrap();
    assert_eq!((s, v["result"].clone()), (200, json!([])));
    assert!(start.elapsed() < Duration::from_secs(2));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        reqwest::Client::new().post(&url).send().await.is_err(),
        "server still answering after shutdown"
    );

    let tg = FakeTelegram::start().await;
    let url = tg.method_url("getMe");
    assert!(reqwest::get(&url).await.is_ok());
    drop(tg);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        reqwest::Client::new().post(&url).send().await.is_err(),
        "server still answering after drop"
    );
}
