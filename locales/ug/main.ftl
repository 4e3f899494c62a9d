# netplus: user interface, Uyghur (Arabic script, UEY orthography).
# Keep each message short: one idea, plain words. Prices arrive as plain numbers.
# Right-to-left: no line may start with a Latin letter, a digit or a placeable.

language-name = ئۇيغۇرچە
list-sep = { "، " }
list-or = { " ياكى " }
# One of several conditions would do.

## Start and menu
welcome = ياخشىمۇسىز! مەن «تور+» ياردەمچىسى. سىزگە تېلېفون بوغچىلىرى ۋە ئېتىبارلارنى چۈشەندۈرۈپ بېرىمەن.
help =
    كۇنۇپكىنى بېسىڭ، ياكى كۇنۇپكا ئالدىدىكى رەقەمنى يېزىڭ.
    بۇ يەردە بوغچىلارنى كۆرەلەيسىز، بېجىرەلەيدىغان-بېجىرەلمەيدىغانلىقىڭىزنى بىلەلەيسىز، سوئال سورىيالايسىز، خىزمەتچى ئىزدىيەلەيسىز.
    خالىغان ۋاقىتتا /menu يوللىسىڭىز، باش تىزىملىككە قايتىسىز.
menu-title = نېمە قىلماقچىسىز؟
menu-packages = بوغچا ۋە ئېتىبار
menu-check = مەن بېجىرەلەمدىمەن؟
menu-ask = سوئال سوراش
menu-human = خىزمەتچى ئىزدەش
# The language button, in every language's own script: { $words } are the
# language-word of each language, joined by words-join.
menu-language = 🌐 { $words }
language-word = تىل
words-join = { $a } · { $b }

## Language picker
lang-prompt = تىل تاللاڭ:
lang-set = بولىدۇ، ئۇيغۇرچە سۆزلىشەيلى.
lang-gone = سىز ئىلگىرى تاللىغان تىلنى ھازىر ئىشلەتكىلى بولمايدۇ.

## Packages
packages-title = تەپسىلاتىنى كۆرۈش ئۈچۈن بىر بوغچىنى تاللاڭ:
packages-none = ناھىيىڭىزدە ھازىر بېجىرگىلى بولىدىغان بوغچا يوق.
package-button = { $price } · { $name }
price-month = ھەر ئايدا { $amount } يۈەن
price-once = باھاسى { $amount } يۈەن
price-free = ھەقسىز
# In a package button, first (a cut on a narrow phone hides the end of the name, not the price).
price-month-short = ¥{ $amount }/ئاي
price-once-short = ¥{ $amount }
package-data = { -data }: ھەر ئايدا { $gb } GB
package-minutes = سۆزلىشىش: ھەر ئايدا { $minutes } مىنۇت
package-dates = بېجىرىش ۋاقتى: { $from } كۈنىدىن { $until } كۈنىگىچە
package-dates-open = بېجىرىش ۋاقتى: { $from } كۈنىدىن باشلاپ
package-counties = بېجىرىش رايونى: { $counties }
package-counties-all = بېجىرىش رايونى: ھەممە ناھىيە
apply-hotline = سوئالىڭىز بولسا، مۇلازىمەت تېلېفونى { $number } نومۇرىغا تېلېفون قىلىڭ.

## Buttons
btn-apply = قانداق بېجىرىش
btn-check = مەن بېجىرەلەمدىمەن؟
btn-back = قايتىش
btn-menu = باش بەت
btn-packages = بوغچىلار
btn-restart = يېڭىدىن
btn-human = خىزمەتچى

## Eligibility questionnaire
quiz-intro = بىر قانچە سوئالغا جاۋاب بەرسىڭىز، قايسى بوغچىلارنى بېجىرەلەيدىغانلىقىڭىزنى بىلىسىز.
quiz-progress = { $n }-سوئال (ئەڭ كۆپ بولسا { $total })
result-can = ✅ سىز بۇ { $count } نى بېجىرەلەيسىز. بىرىنى بېسىپ، نېمە ئېلىپ، قەيەرگە بېرىشنى كۆرۈڭ:
result-none = جاۋابىڭىزغا قارىغاندا، ھازىر بېجىرەلەيدىغان بوغچا يوق.
result-rest = قالغان { $count } نى ھازىر بېجىرەلمەيسىز.
btn-why-not = ❓ نېمىشقا؟
why-title = بىر بوغچىنى بېسىپ، نېمە كەم ئىكەنلىكىنى كۆرۈڭ:
result-one-yes = ✅ سىز { $package } نى بېجىرەلەيسىز.
result-one-no = ❌ سىز ھازىر { $package } نى بېجىرەلمەيسىز.
need-one = كېرەكلىكى: { $need }.
need-all = تۆۋەندىكىلەرنىڭ ھەممىسى كېرەك:
need-item = • { $need }
need-one-of = تۆۋەندىكىلەرنىڭ بىرى بولسىلا بولىدۇ: { $options }
need-live-in = { $counties } دا تۇرۇش
btn-try = 👉 كۆرۈپ بېقىڭ: { $package }

## Questions and staff
ask-prompt = بىر تېمىنى بېسىڭ ياكى سوئالىڭىزنى بىۋاسىتە يېزىپ يوللاڭ.
# A topic group of the FAQ: its emoji (from content) and its faq-group-<id> label.
faq-group-button = { $emoji } { $label }
faq-group-prompt = بىر سوئالنى بېسىڭ ياكى بىۋاسىتە يېزىپ سوراڭ.
btn-prev = ◀
btn-next = ▶
human-unavailable = ھازىر توردا خىزمەتچى يوق. مۇلازىمەت تېلېفونى { $number } نومۇرىغا تېلېفون قىلىڭ، ياكى { -service-hall }غا بېرىڭ، ھەر كۈنى { $hours } ئارىلىقىدا ئىشلەيدۇ.
handoff-open = خىزمەتچى ھەر كۈنى { $hours } ئارىلىقىدا بۇ يەردە سىزگە جاۋاب بېرىدۇ. بىۋاسىتە خەت يازسىڭىز، ئاۋازلىق ئۇچۇر ياكى رەسىم يوللىسىڭىز بولىدۇ.
handoff-waiting = سىز ھازىر خىزمەتچى بىلەن سۆزلىشىۋاتىسىز، ئۇچۇرىڭىزنى بىۋاسىتە يوللاڭ.
handoff-sent = خىزمەتچىگە يەتكۈزۈلدى.
handoff-voice = ئاۋازلىق ئۇچۇر تاپشۇرۇۋېلىندى، خىزمەتچى ئاڭلايدۇ.
handoff-closed = خىزمەتچى بىلەن سۆزلىشىش ئاخىرلاشتى.
handoff-staff-says = خىزمەتچى: { $text }
btn-end = توختىتىش

## Free-text questions
faq-helpful = بۇ جاۋاب پايدىلىق بولدىمۇ؟
btn-helpful-yes = پايدىلىق
btn-helpful-no = پايدىسىز
faq-thanks = رەھمەت!
faq-sorry = كەچۈرۈڭ. بۇ سوئالنى خاتىرىلىۋالدۇق، خىزمەتچى ئىزدىسىڭىزمۇ بولىدۇ.
faq-unsure = ئانچە جەزم قىلالمايمەن. مۇنۇلارنى سورىماقچىمىدىڭىز؟
faq-nothing = بۇ سوئالغا ھازىرچە جاۋاب بېرەلمەيمەن. خىزمەتچىدىن سورىسىڭىز بولىدۇ.
faq-other-lang = سىز { $language } يېزىقىدا يازدىڭىز. { $language } تىلىغا ئالماشتۇرامسىز؟
btn-switch-lang = تىل ئالماشتۇرۇش: { $language }

## Staff chat (read by staff, in the first enabled language)
staff-header = مەسىلە نومۇرى { $case } · { $lang } · { $county }
staff-header-no-county = مەسىلە نومۇرى { $case } · { $lang }
staff-voice-note = ئاۋازلىق ئۇچۇر، ئاڭلاپ بولۇپ جاۋاب قايتۇرۇڭ.
staff-reply-hint = بۇ ئۇچۇرغا جاۋاب قايتۇرسىڭىز، ئىشلەتكۈچىگە جاۋاب بەرگىلى بولىدۇ.
staff-reply-unknown = بۇ ئۇچۇرنىڭ ئىشلەتكۈچىسى تېپىلمىدى. مەسىلە نومۇرى بار ئۇچۇرغا جاۋاب قايتۇرۇڭ.
staff-reply-sent = ئىشلەتكۈچىگە يوللاندى.
staff-closed = ئىشلەتكۈچى سۆزلىشىشنى ئاخىرلاشتۇردى (مەسىلە نومۇرى { $case }).
inbox-title = جاۋاب بېرىلمىگەن سوئاللار (كۆپ سورالغانلىرى ئالدىدا):
inbox-empty = بىر تەرەپ قىلىنمىغان سوئال يوق.
inbox-item = سوئال { $n }. [{ $lang }] { $count } قېتىم: { $text }
inbox-done = بىر تەرەپ قىلىندى دەپ بەلگە قويۇلدى.
btn-inbox-done = ✓ { $n }
reload-ok = مەزمۇن قايتا يۈكلەندى.
reload-failed = مەزمۇندا خاتالىق بار، يۈكلەنمىدى، كونا مەزمۇن ئىشلىتىلىۋاتىدۇ: { $error }
reload-failed-signal = مەزمۇندا خاتالىق بار، يۈكلەنمىدى، كونا مەزمۇن ئىشلىتىلىۋاتىدۇ (SIGHUP، systemctl reload): { $error }

## Privacy and flood control
forget-confirm = بىز ساقلىغان بارلىق ئۇچۇرلىرىڭىزنى ئۆچۈرەمسىز؟ تىل، ناھىيە، سوئال جاۋابلىرى ۋە سۆھبەت ئۇنىڭ ئىچىدە.
forget-done = ئۆچۈرۈلدى. قايتا ئىشلەتمەكچى بولسىڭىز تۆۋەندىكى تىلنى بېسىڭ.
btn-forget-yes = ئۆچۈرۈش
notice-flood = سىز بەك تېز يوللاۋاتىسىز، بىر مىنۇت ساقلاپ ئاندىن يوللاڭ.

## Notices
notice-updated = روبوت يېڭىلاندى، بۇ كۇنۇپكا ئەمدى ئىشلىمەيدۇ. مانا يېڭى تىزىملىك.
notice-old-button = بۇ كۇنۇپكىنىڭ ۋاقتى ئۆتۈپ كەتتى.
notice-unsupported = مەن پەقەت خەت ۋە كۇنۇپكىلارنى چۈشىنىمەن.
notice-not-understood = كەچۈرۈڭ، چۈشەنمىدىم. كۇنۇپكىنى بېسىڭ، ياكى رەقەم يېزىڭ.
notice-number-range = رەقەم يېزىڭ، 1 بىلەن { $max } ئارىلىقىدا بولسۇن.
notice-unknown-command = بۇنداق بۇيرۇق يوق.
notice-county-set = ناھىيىڭىز خاتىرىلەندى: { $county }.
notice-county-unknown = بۇ ئىككى ئۆلچەملىك كودنى تونۇيالمىدىم، ھېچقىسى يوق، داۋاملىق ئىشلىتىۋېرىڭ.
notice-use-buttons = تۆۋەندىكى كۇنۇپكىلارنى بېسىپ جاۋاب بېرىڭ، ياكى رەقەم يېزىڭ.

## Command menu (descriptions)
cmd-start = باشلاش
cmd-menu = باش تىزىملىك
cmd-packages = بوغچا ۋە ئېتىبار
cmd-check = قايسى بوغچىلارنى بېجىرەلەيمەن
cmd-ask = سوئال سوراش
cmd-human = خىزمەتچى ئىزدەش
cmd-language = تىل ئالماشتۇرۇش
cmd-help = ئىشلىتىش ئۇسۇلى
cmd-forget = ئۇچۇرلىرىمنى ئۆچۈرۈش

## Typed keywords: comma-separated words that work like the button
kw-menu = تىزىملىك, باش تىزىملىك, باش بەت, مېنيۇ, menyu, tizimlik
kw-help = ياردەم, ئىشلىتىش ئۇسۇلى, قانداق ئىشلىتىمەن, yardem, help
kw-language = تىل, تىل ئالماشتۇرۇش, تىل تاللاش, til
kw-packages = بوغچا, بوغچىلار, ئېتىبار, باھا, ھەق, boghcha
kw-check = بېجىرەلەمدىمەن, شەرت, شەرتلەر, لاياقەت, تەكشۈرۈش, shert
kw-back = قايتىش, كەينىگە, ئارقىغا, qaytish
kw-restart = قايتا باشلاش, قايتىدىن باشلاش, قايتىدىن, يېڭىدىن, qayta bashlash
kw-ask = سوئال, سوئال سوراش, سوراش, مەسلىھەت, soal
kw-human = خىزمەتچى, خىزمەتچى ئىزدەش, مۇلازىمەت, ئادەم, xizmetchi
kw-apply = بېجىرىش, قانداق بېجىرىش, ئىلتىماس, ئىلتىماس قىلىش, bejirish
kw-choice-yes = ھەئە, شۇنداق, بار, بولىدۇ, hee
kw-choice-no = ياق, ئەمەس, يوق, ئۇنداق ئەمەس, yaq, yoq
kw-choice-unknown = بىلمەيمەن, بىلمىدىم, خەۋىرىم يوق, bilmeymen
kw-end = ئاخىرلاشتۇرۇش, سۆزلىشىشنى ئاخىرلاشتۇرۇش, تامام, خەير خوش, axirlashturush
kw-smalltalk-hello = ياخشىمۇسىز, ياخشىمۇ سىز, سالام, ئەسسالامۇ ئەلەيكۇم, ھەي, salam, yaxshimusiz, hi, hello
kw-smalltalk-thanks = رەھمەت, كۆپ رەھمەت, رەھمەت سىزگە, تەشەككۈر, rehmet, kop rehmet
kw-smalltalk-ok = ماقۇل, چۈشەندىم, بىلدىم, بولدى, ياخشى, maqul, ok

## Small talk: a greeting, thanks or "ok" (the buttons of the screen follow)
smalltalk-hello = ياخشىمۇسىز! تۆۋەندىكى كۇنۇپكىنى بېسىڭ.
smalltalk-thanks = ئەرزىمەيدۇ!
smalltalk-ok = ماقۇل.
