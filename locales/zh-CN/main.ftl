# netplus: user interface, Mandarin (reference locale).
# Keep each message short: one idea, plain words. Prices arrive as plain numbers.

language-name = 中文
list-sep = 、
list-or = 或
# One of several conditions would do.

## Start and menu
welcome = 您好！我是网络+助手，帮您了解话费套餐和优惠。
help =
    点按钮，或者打按钮前面的数字。
    可以查套餐、看自己能不能办、提问题、找工作人员。
    随时发 /menu 回到主菜单。
menu-title = 您想做什么？
menu-packages = 套餐和优惠
menu-check = 我能办吗？
menu-ask = 提问题
menu-human = 找工作人员
# The language button, in every language's own script: { $words } are the
# language-word of each language, joined by words-join.
menu-language = 🌐 { $words }
language-word = 语言
words-join = { $a } · { $b }

## Language picker
lang-prompt = 请选择语言：
lang-set = 好的，我们用中文。
lang-gone = 您以前选的语言现在不能用了。

## Packages
packages-title = 请选择一个套餐看详情：
packages-none = 您所在的县现在没有可办的套餐。
package-button = { $price } · { $name }
price-month = 每月 { $amount } 元
price-once = { $amount } 元
price-free = 免费
# In a package button, first (a cut on a narrow phone hides the end of the name, not the price).
price-month-short = ¥{ $amount }/月
price-once-short = ¥{ $amount }
package-data = { -data }：每月 { $gb } GB
package-minutes = 通话：每月 { $minutes } 分钟
package-dates = 办理时间：{ $from } 至 { $until }
package-dates-open = 办理时间：{ $from } 起
package-counties = 办理地区：{ $counties }
package-counties-all = 办理地区：所有县
apply-hotline = 有问题请打客服电话 { $number }。

## Buttons
btn-apply = 怎么办理
btn-check = 我能办吗？
btn-back = 返回
btn-menu = 主菜单
btn-packages = 看套餐
btn-restart = 重新答
btn-human = 找工作人员

## Eligibility questionnaire
quiz-intro = 回答几个问题，就知道您能办哪些套餐。
quiz-progress = 第 { $n } 题（最多 { $total } 题）
result-can = ✅ 您可以办这 { $count } 个。点一个，看要带什么、去哪里办：
result-none = 按您的回答，现在没有您能办的套餐。
result-rest = 另外 { $count } 个现在办不了。
btn-why-not = ❓ 为什么
why-title = 点一个套餐，看还差什么：
result-one-yes = ✅ 您可以办{ $package }。
result-one-no = ❌ 您现在还办不了{ $package }。
need-one = 需要：{ $need }。
need-all = 下面每一条都需要：
need-item = • { $need }
need-one-of = 下面任意一条就行：{ $options }
need-live-in = 住在{ $counties }
btn-try = 👉 看看{ $package }

## Questions and staff
ask-prompt = 点一个话题，或者直接把问题打出来。
# A topic group of the FAQ: its emoji (from content) and its faq-group-<id> label.
faq-group-button = { $emoji } { $label }
faq-group-prompt = 点一个问题，或者直接打字问。
btn-prev = ◀
btn-next = ▶
human-unavailable = 现在没有在线的工作人员。请打客服电话 { $number }，或到{ -service-hall }办理，时间是每天 { $hours }。
handoff-open = 工作人员会在这里回复您，时间是每天 { $hours }。可以直接打字、发语音或照片。
handoff-waiting = 您正在和工作人员说话，请直接发消息。
handoff-sent = 已转给工作人员。
handoff-voice = 语音收到了，工作人员会听。
handoff-closed = 和工作人员的对话结束了。
handoff-staff-says = 工作人员：{ $text }
btn-end = 结束对话

## Free-text questions
faq-helpful = 这个回答有用吗？
btn-helpful-yes = 有用
btn-helpful-no = 没用
faq-thanks = 谢谢！
faq-sorry = 对不起。我们记下了这个问题，您也可以找工作人员。
faq-unsure = 我不太确定。您是想问这些吗？
faq-nothing = 这个问题我还不会回答。您可以找工作人员。
faq-other-lang = 您写的是{ $language }。要换成{ $language }吗？
btn-switch-lang = 换成{ $language }

## Staff chat (read by staff, in the first enabled language)
staff-header = 个案 { $case } · { $lang } · { $county }
staff-header-no-county = 个案 { $case } · { $lang }
staff-voice-note = 语音留言，请听后回复。
staff-reply-hint = 回复这条消息，就能回答用户。
staff-reply-unknown = 找不到这条消息的用户。请回复带个案号的消息。
staff-reply-sent = 已发给用户。
staff-closed = 用户结束了对话（个案 { $case }）。
inbox-title = 没答上的问题（次数多的在前）：
inbox-empty = 没有待处理的问题。
inbox-item = { $n }. [{ $lang }] ×{ $count } { $text }
inbox-done = 已标记为处理完。
btn-inbox-done = ✓ { $n }
reload-ok = 内容已重新加载。
reload-failed = 内容有错误，没有加载，还在用旧内容：{ $error }
reload-failed-signal = SIGHUP（systemctl reload）：内容有错误，没有加载，还在用旧内容：{ $error }

## Privacy and flood control
forget-confirm = 要删除我们保存的您的所有信息吗？包括语言、县、问卷答案和对话。
forget-done = 已删除。要再用，请点下面的语言。
btn-forget-yes = 确定删除
notice-flood = 您发得太快了，请等一分钟再发。

## Notices
notice-updated = 机器人已经更新，这个按钮不能用了。这是新的菜单。
notice-old-button = 这个按钮已经过时了。
notice-unsupported = 我只能看文字和按钮。
notice-not-understood = 对不起，我没看懂。请点按钮，或者打数字。
notice-number-range = 请打 1 到 { $max } 之间的数字。
notice-unknown-command = 没有这个命令。
notice-county-set = 已记下您的县：{ $county }。
notice-county-unknown = 这个二维码我不认识，没关系，可以继续用。
notice-use-buttons = 请点下面的按钮回答，或者打数字。

## Command menu (descriptions)
cmd-start = 开始
cmd-menu = 主菜单
cmd-packages = 套餐和优惠
cmd-check = 我能办哪些套餐
cmd-ask = 提问题
cmd-human = 找工作人员
cmd-language = 换语言
cmd-help = 怎么用
cmd-forget = 删除我的信息

## Typed keywords: comma-separated words that work like the button
kw-menu = 菜单, 主菜单, 首页, menu
kw-help = 帮助, 怎么用, help
kw-language = 语言, 换语言, 语种
kw-packages = 套餐, 优惠, 资费, 价格
kw-check = 能办吗, 资格, 条件, 检查
kw-back = 返回, 上一步, 后退
kw-restart = 重新开始, 重来, 重新答
kw-ask = 提问, 问题, 咨询
kw-human = 人工, 客服, 工作人员, 找人
kw-apply = 办理, 怎么办, 申请
kw-choice-yes = 是, 是的, 对, 有, 嗯
kw-choice-no = 不是, 否, 没有, 不
kw-choice-unknown = 不知道, 不清楚, 不晓得, 不懂, 忘了
kw-end = 结束, 结束对话, 再见
kw-smalltalk-hello = 你好, 您好, 你好啊, 喂, 在吗, 在不在, 有人吗, 早上好, 晚上好, 哈喽, hi, hello
kw-smalltalk-thanks = 谢谢, 谢谢你, 谢谢您, 多谢, 感谢, 谢了, 辛苦了, 太感谢了
kw-smalltalk-ok = 好, 好的, 好吧, 行, 知道了, 明白了, 收到, 懂了, 嗯嗯, 哦, ok, 👌

## Small talk: a greeting, thanks or "ok" (the buttons of the screen follow)
smalltalk-hello = 您好！请点下面的按钮。
smalltalk-thanks = 不客气！
smalltalk-ok = 好的。
