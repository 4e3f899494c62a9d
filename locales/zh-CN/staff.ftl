# netplus: announcements (users) and broadcasts (staff), Mandarin (reference locale).
# A staff member's broadcast text never goes through Fluent: it is sent as written.

## Users: announcements on and off
cmd-stop = 不再接收通知
announce-off = 好的，以后不再给您发通知。想再收到，请发 /start 或点下面的按钮。
announce-on = 好的，以后会给您发通知。
announce-back-on = 您又会收到通知了。
settings-on = 通知：接收
settings-off = 通知：不接收
btn-announce-on = 接收通知
btn-announce-off = 不再接收通知
btn-language = 语言

## Staff: composing a broadcast
# A staff member's own text, shown exactly as written (its preview): the same in every language.
bc-verbatim = { $text }
bc-text-prompt = 请发送{ $language }的通知内容（第 { $n } 种语言，共 { $total } 种）。内容会原样发出。没有这种语言的内容，就点“跳过”。
bc-text-saved = 已记下{ $language }的内容（{ $length } 个字符）。
bc-text-empty = 内容不能是空的。
bc-text-too-long = 内容太长：{ $length } 个字符，Telegram 最多 { $max } 个。请改短再发。
bc-text-none = 没有内容
bc-no-text = 至少要写一种语言的内容。
bc-audience-prompt = 发给谁？
bc-aud-all = 所有用户
bc-aud-by-lang = 按语言
bc-aud-by-county = 按县
bc-aud-by-package = 按套餐资格
bc-aud-lang-prompt = 发给哪种语言的用户？
bc-aud-county-prompt = 发给哪个县的用户？
bc-aud-package-prompt = 发给问卷结果符合哪个套餐的用户？
bc-aud-desc-all = 所有用户
bc-aud-desc-lang = 使用{ $language }的用户
bc-aud-desc-county = { $county }的用户
bc-aud-desc-package = 符合“{ $package }”的用户
bc-when-prompt = 什么时候发？点“现在发”，或者打一个北京时间，例如 2026-12-01 09:00。
bc-when-bad = 看不懂这个时间。请这样写：2026-12-01 09:00（北京时间）。
bc-when-now = 确认后马上发
bc-when-at = { $time }（北京时间）
bc-btn-skip = 跳过这种语言
bc-btn-now = 现在发
bc-btn-cancel = 取消
bc-btn-edit = 重新写内容
bc-btn-confirm = 确认发送
bc-btn-fallback = 没有内容的用户收{ $language }的
bc-btn-stop = 停止 #{ $id }
bc-btn-list = 所有通知
bc-cancelled = 已取消，通知没有发出。

## Staff: preview
bc-preview-lang = 预览：下面这条会发给 { $count } 位用户（{ $language }）：
bc-summary = 发给：{ $audience }。时间：{ $when }。共 { $total } 人。
bc-summary-lang = { $language }用户：{ $count } 人，收到：{ $text }
bc-missing = 不能发送：这些语言的用户没有内容：{ $languages }。请补写内容，或者选一种语言的内容发给他们。
bc-fallback-set = 没有自己语言内容的用户会收到{ $language }的内容。
bc-no-recipients = 没有符合条件的用户，不能发送。

## Staff: jobs
bc-queued = 通知 #{ $id } 已经开始发送，进度见下一条消息。
bc-scheduled = 通知 #{ $id } 会在 { $time }（北京时间）发送。
bc-progress = 通知 #{ $id }：已发 { $sent }，还剩 { $remaining }，被拉黑 { $blocked }，失败 { $failed }。大约还要 { $eta }。
bc-progress-paused = Telegram 要求暂停 { $seconds } 秒，之后会继续。
bc-duration = { $minutes } 分 { $seconds } 秒
bc-list-title = 最近的通知：
bc-list-empty = 还没有通知。
bc-list-item = #{ $id } · { $status } · { $when } · 已发 { $sent }/{ $total }
bc-status-scheduled = 等待发送
bc-status-running = 正在发送
bc-status-done = 已发完
bc-status-cancelled = 已停止
bc-stopped = 通知 #{ $id } 已停止。
bc-stop-finished = 通知 #{ $id } 已经结束了。
bc-stop-unknown = 没有找到通知 #{ $id }。
bc-report-title = 通知 #{ $id }：{ $status }。
bc-report-lang = { $language }：发出 { $sent }，被拉黑 { $blocked }，失败 { $failed }，没发 { $skipped }
bc-report-total = 合计：发出 { $sent }，被拉黑 { $blocked }，失败 { $failed }，没发 { $skipped }，用时 { $duration }。
