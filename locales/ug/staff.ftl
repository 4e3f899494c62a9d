# netplus: announcements (users) and broadcasts (staff), Uyghur (Arabic script).
# A staff member's broadcast text never goes through Fluent: it is sent as written.
# Right-to-left: no line may start with a Latin letter, a digit or a placeable.

## Users: announcements on and off
cmd-stop = ئۇقتۇرۇشنى توختىتىش
announce-off = بولىدۇ، بۇندىن كېيىن سىزگە ئۇقتۇرۇش ئەۋەتمەيمەن. قايتا تاپشۇرۇۋالماقچى بولسىڭىز، /start يوللاڭ ياكى تۆۋەندىكى كۇنۇپكىنى بېسىڭ.
announce-on = بولىدۇ، بۇندىن كېيىن سىزگە ئۇقتۇرۇش ئەۋەتىمەن.
announce-back-on = سىزگە يەنە ئۇقتۇرۇش ئەۋەتىلىدۇ.
settings-on = ئۇقتۇرۇش: تاپشۇرۇۋالىسىز
settings-off = ئۇقتۇرۇش: تاپشۇرۇۋالمايسىز
btn-announce-on = ئۇقتۇرۇش تاپشۇرۇۋېلىش
btn-announce-off = ئۇقتۇرۇشنى توختىتىش
btn-language = تىل

## Staff: composing a broadcast
# A staff member's own text, shown exactly as written (its preview): the same in every language.
bc-verbatim = { $text }
bc-text-prompt = تىل: { $language }. ئۇقتۇرۇش مەزمۇنىنى يوللاڭ (جەمئىي { $total } تىل، بۇ { $n }-تىل). مەزمۇن ئۆز پېتى ئەۋەتىلىدۇ. بۇ تىلدا مەزمۇن بولمىسا، «ئاتلاش» نى بېسىڭ.
bc-text-saved = مەزمۇن خاتىرىلەندى: { $language }، { $length } ھەرپ.
bc-text-empty = مەزمۇن قۇرۇق بولسا بولمايدۇ.
bc-text-too-long = مەزمۇن بەك ئۇزۇن: { $length } ھەرپ، Telegram دا ئەڭ كۆپ بولغاندا { $max } ھەرپ بولىدۇ. قىسقارتىپ قايتا يوللاڭ.
bc-text-none = مەزمۇن يوق
bc-no-text = ئاز دېگەندە بىر تىلدا مەزمۇن يېزىش كېرەك.
bc-audience-prompt = كىملەرگە ئەۋەتىسىز؟
bc-aud-all = ھەممە ئىشلەتكۈچى
bc-aud-by-lang = تىل بويىچە
bc-aud-by-county = ناھىيە بويىچە
bc-aud-by-package = بوغچا شەرتى بويىچە
bc-aud-lang-prompt = قايسى تىلدىكى ئىشلەتكۈچىلەرگە ئەۋەتىسىز؟
bc-aud-county-prompt = قايسى ناھىيىدىكى ئىشلەتكۈچىلەرگە ئەۋەتىسىز؟
bc-aud-package-prompt = سوئال جاۋابى قايسى بوغچىغا ماس كېلىدىغان ئىشلەتكۈچىلەرگە ئەۋەتىسىز؟
bc-aud-desc-all = ھەممە ئىشلەتكۈچى
bc-aud-desc-lang = تىلى { $language } بولغان ئىشلەتكۈچىلەر
bc-aud-desc-county = ناھىيىسى { $county } بولغان ئىشلەتكۈچىلەر
bc-aud-desc-package = بوغچا شەرتىگە ماس كېلىدىغانلار: { $package }
bc-when-prompt = قاچان ئەۋەتىسىز؟ «ھازىر ئەۋەتىش» نى بېسىڭ، ياكى بېيجىڭ ۋاقتىنى يېزىڭ، مەسىلەن 2026-12-01 09:00.
bc-when-bad = بۇ ۋاقىتنى چۈشەنمىدىم. مۇنداق يېزىڭ: 2026-12-01 09:00 (بېيجىڭ ۋاقتى).
bc-when-now = جەزملەشتۈرگەن ھامان
bc-when-at = بېيجىڭ ۋاقتى { $time }
bc-btn-skip = بۇ تىلنى ئاتلاش
bc-btn-now = ھازىر ئەۋەتىش
bc-btn-cancel = بىكار قىلىش
bc-btn-edit = مەزمۇننى قايتا يېزىش
bc-btn-confirm = جەزملەشتۈرۈپ ئەۋەتىش
bc-btn-fallback = مەزمۇنى يوقلارغا بۇنى ئەۋەتىش: { $language }
bc-btn-stop = توختىتىش #{ $id }
bc-btn-list = ھەممە ئۇقتۇرۇش
bc-cancelled = بىكار قىلىندى، ئۇقتۇرۇش ئەۋەتىلمىدى.

## Staff: preview
bc-preview-lang = ئالدىن كۆرۈش: تۆۋەندىكىسى { $count } ئىشلەتكۈچىگە ئەۋەتىلىدۇ ({ $language }):
bc-summary = ئەۋەتىلىدىغانلار: { $audience }. ۋاقتى: { $when }. جەمئىي { $total } ئادەم.
bc-summary-lang = ئىشلەتكۈچى تىلى { $language }: { $count } ئادەم، تاپشۇرۇۋالىدىغىنى: { $text }
bc-missing = ئەۋەتكىلى بولمايدۇ: بۇ تىللاردىكى ئىشلەتكۈچىلەرگە مەزمۇن يوق: { $languages }. مەزمۇن قوشۇڭ، ياكى ئۇلارغا بىر تىلدىكى مەزمۇننى تاللاڭ.
bc-fallback-set = ئۆز تىلىدا مەزمۇن يوق ئىشلەتكۈچىلەر مۇنۇ تىلدىكى مەزمۇننى تاپشۇرۇۋالىدۇ: { $language }.
bc-no-recipients = شەرتكە ماس كېلىدىغان ئىشلەتكۈچى يوق، ئەۋەتكىلى بولمايدۇ.

## Staff: jobs
bc-queued = ئۇقتۇرۇش #{ $id } ئەۋەتىلىشكە باشلىدى، ئەھۋالىنى كېيىنكى ئۇچۇردىن كۆرۈڭ.
bc-scheduled = ئۇقتۇرۇش #{ $id } بېيجىڭ ۋاقتى { $time } دا ئەۋەتىلىدۇ.
bc-progress = ئۇقتۇرۇش #{ $id }: ئەۋەتىلدى { $sent }، قالدى { $remaining }، چەكلىگەنلەر { $blocked }، مەغلۇپ { $failed }. يەنە تەخمىنەن { $eta } كېتىدۇ.
bc-progress-paused = تېلېگرام { $seconds } سېكۇنت توختاشنى تەلەپ قىلدى، ئاندىن داۋاملىشىدۇ.
bc-duration = تەخمىنەن { $minutes } مىنۇت { $seconds } سېكۇنت
bc-list-title = يېقىنقى ئۇقتۇرۇشلار:
bc-list-empty = تېخى ئۇقتۇرۇش يوق.
bc-list-item = ئۇقتۇرۇش #{ $id } · { $status } · { $when } · ئەۋەتىلدى { $sent }/{ $total }
bc-status-scheduled = ساقلاۋاتىدۇ
bc-status-running = ئەۋەتىلىۋاتىدۇ
bc-status-done = ئەۋەتىلىپ بولدى
bc-status-cancelled = توختىتىلدى
bc-stopped = ئۇقتۇرۇش #{ $id } توختىتىلدى.
bc-stop-finished = ئۇقتۇرۇش #{ $id } ئاللىبۇرۇن ئاخىرلاشقان.
bc-stop-unknown = ئۇقتۇرۇش #{ $id } تېپىلمىدى.
bc-report-title = ئۇقتۇرۇش #{ $id }: { $status }.
bc-report-lang = تىل { $language }: ئەۋەتىلدى { $sent }، چەكلىگەنلەر { $blocked }، مەغلۇپ { $failed }، ئەۋەتىلمىدى { $skipped }
bc-report-total = جەمئىي: ئەۋەتىلدى { $sent }، چەكلىگەنلەر { $blocked }، مەغلۇپ { $failed }، ئەۋەتىلمىدى { $skipped }، ۋاقىت { $duration }.
