# netplus: user interface, Tibetan (Unicode Tibetan script).
# Keep each message short: one idea, plain words. Prices arrive as plain numbers.

language-name = བོད་ཡིག
list-sep = { "། " }
list-or = { "། ཡང་ན་" }
# One of several conditions would do.

## Start and menu
welcome = བཀྲ་ཤིས་བདེ་ལེགས། ང་ནི་“དྲ་རྒྱ་+” ལག་རོགས་ཡིན། ཁྱེད་ལ་ཁ་པར་ཐུམ་སྒྲིལ་དང་ཁེ་ཕན་གོ་བར་རོགས་བྱེད་ཀྱི་ཡིན།
help =
    མཐེབ་གཅུས་ལ་མནན་རོགས། ཡང་ན་མཐེབ་གཅུས་མདུན་གྱི་ཨང་གྲངས་འབྲི་རོགས།
    ཐུམ་སྒྲིལ་ལྟ་བ། ཁྱེད་ཀྱིས་ཞུ་ཐུབ་མིན་ཤེས་པ། དྲི་བ་འདྲི་བ། ལས་བྱེད་པ་འཚོལ་བ་བཅས་བྱེད་ཐུབ།
    དུས་ནམ་ཡིན་ཡང་ /menu བཏང་ན་འདེམས་ཐོ་གཙོ་བོར་ལོག་ཐུབ།
menu-title = ཁྱེད་ཀྱིས་ཅི་ཞིག་བྱེད་འདོད་དམ།
menu-packages = ཐུམ་སྒྲིལ་དང་ཁེ་ཕན
menu-check = ངས་ཞུ་ཆོག་གམ།
menu-ask = དྲི་བ་འདྲི་བ
menu-human = ལས་བྱེད་པ་འཚོལ་བ
# The language button, in every language's own script: { $words } are the
# language-word of each language, joined by words-join.
menu-language = 🌐 { $words }
language-word = སྐད་ཡིག
words-join = { $a } · { $b }

## Language picker
lang-prompt = སྐད་ཡིག་ཅིག་འདེམས་རོགས།
lang-set = ལགས་སོ། ང་ཚོས་བོད་ཡིག་བེད་སྤྱོད་བྱེད་ཀྱི་ཡིན།
lang-gone = ཁྱེད་ཀྱིས་སྔོན་ལ་བདམས་པའི་སྐད་ཡིག་ད་ལྟ་བེད་སྤྱོད་བྱེད་མི་ཐུབ།

## Packages
packages-title = ཐུམ་སྒྲིལ་ཞིག་བདམས་ནས་ཞིབ་ཕྲ་ལྟ་རོགས།
packages-none = ཁྱེད་བཞུགས་སའི་རྫོང་དུ་ད་ལྟ་ཞུ་ཆོག་པའི་ཐུམ་སྒྲིལ་མེད།
package-button = { $price } · { $name }
price-month = ཟླ་རེར་སྒོར་ { $amount }
price-once = སྒོར་ { $amount }
price-free = རིན་མེད
# In a package button, first (a cut on a narrow phone hides the end of the name, not the price).
price-month-short = ¥{ $amount }/ཟླ
price-once-short = ¥{ $amount }
package-data = { -data }། ཟླ་རེར་ { $gb } GB
package-minutes = ཁ་པར་རྒྱག་ཡུན། ཟླ་རེར་སྐར་མ་ { $minutes }
package-dates = ཞུ་དུས། { $from } ནས་ { $until } བར།
package-dates-open = ཞུ་དུས། { $from } ནས་འགོ་ཚུགས།
package-counties = ཞུ་ཆོག་ས། { $counties }།
package-counties-all = ཞུ་ཆོག་ས། རྫོང་ཚང་མ།
apply-hotline = དྲི་བ་ཡོད་ན་ཞབས་ཞུའི་ཁ་པར་ { $number } ལ་ཁ་པར་རྒྱག་རོགས།

## Buttons
btn-apply = ཞུ་ཐབས
btn-check = ངས་ཞུ་ཆོག་གམ།
btn-back = ཕྱིར་ལོག
btn-menu = འདེམས་ཐོ།
btn-packages = ཐུམ་སྒྲིལ་ལྟ་བ
btn-restart = ཡང་བསྐྱར།
btn-human = ལས་བྱེད་པ།

## Eligibility questionnaire
quiz-intro = དྲི་བ་ཁ་ཤས་ལ་ལན་བཏབ་ན་ཁྱེད་ཀྱིས་ཐུམ་སྒྲིལ་གང་དག་ཞུ་ཆོག་པ་ཤེས་ཐུབ།
quiz-progress = དྲི་བ་ཨང་ { $n } པ། (མང་མཐའ་ { $total })
result-can = ✅ ཁྱེད་ཀྱིས་འདི་ { $count } ཞུ་ཆོག ཅིག་མནན་ནས་ཅི་ཁྱེར་དགོས་པ་དང་གང་དུ་འགྲོ་དགོས་པ་ལྟོས།
result-none = ཁྱེད་ཀྱི་ལན་ལྟར་ན། ད་ལྟ་ཞུ་ཆོག་པའི་ཐུམ་སྒྲིལ་མི་འདུག
result-rest = གཞན་ { $count } ད་ལྟ་ཞུ་མི་ཆོག
btn-why-not = ❓ ཅིའི་ཕྱིར།
why-title = ཐུམ་སྒྲིལ་ཞིག་མནན་ནས་ཆ་རྐྱེན་གང་མ་ཚང་བ་ལྟོས།
result-one-yes = ✅ ཁྱེད་ཀྱིས་{ $package } ཞུ་ཆོག
result-one-no = ❌ ཁྱེད་ཀྱིས་ད་ལྟ་{ $package } ཞུ་མི་ཆོག
need-one = { $need }།
need-all = གཤམ་གྱི་ཆ་རྐྱེན་ཚང་མ་དགོས།
need-item = • { $need }།
need-one-of = གཤམ་གྱི་གང་རུང་གཅིག་ཡིན་ན་ཆོག { $options }
need-live-in = { $counties } ལ་སྡོད་དགོས
btn-try = 👉 { $package } ལ་ལྟོས།

## Questions and staff
ask-prompt = བརྗོད་གཞི་ཞིག་ལ་མནན་རོགས། ཡང་ན་དྲི་བ་ཐད་ཀར་བྲིས་ནས་གཏོང་རོགས།
# A topic group of the FAQ: its emoji (from content) and its faq-group-<id> label.
faq-group-button = { $emoji } { $label }
faq-group-prompt = དྲི་བ་ཞིག་ལ་མནན་རོགས། ཡང་ན་ཐད་ཀར་བྲིས་ནས་དྲིས་ཆོག
btn-prev = ◀
btn-next = ▶
human-unavailable = ད་ལྟ་དྲ་ཐོག་ལས་བྱེད་པ་སུ་ཡང་མེད། ཞབས་ཞུའི་ཁ་པར་ { $number } ལ་ཁ་པར་རྒྱག་རོགས། ཡང་ན་{ -service-hall }་དུ་ཕེབས་རོགས། དུས་ཚོད་ནི་ཉིན་རེར་ { $hours } ཡིན།
handoff-open = ལས་བྱེད་པས་འདི་ནས་ཁྱེད་ལ་ལན་འདེབས་ཀྱི་རེད། དུས་ཚོད་ནི་ཉིན་རེར་ { $hours } ཡིན། ཡི་གེ་དང་སྐད་འཕྲིན། པར་རིས་བཅས་ཐད་ཀར་གཏོང་ཐུབ།
handoff-waiting = ཁྱེད་ད་ལྟ་ལས་བྱེད་པ་དང་ཁ་བརྡ་གནང་བཞིན་ཡོད། བརྡ་འཕྲིན་ཐད་ཀར་གཏོང་རོགས།
handoff-sent = ལས་བྱེད་པར་བསྐུར་ཟིན།
handoff-voice = སྐད་འཕྲིན་འབྱོར་ཟིན། ལས་བྱེད་པས་ཉན་གྱི་རེད།
handoff-closed = ལས་བྱེད་པ་དང་གི་ཁ་བརྡ་མཇུག་སྒྲིལ་ཟིན།
handoff-staff-says = ལས་བྱེད་པ། { $text }
btn-end = ཁ་བརྡ་མཇུག་སྒྲིལ

## Free-text questions
faq-helpful = ལན་འདི་ཕན་ཐོགས་ཡོད་དམ།
btn-helpful-yes = ཕན་ཐོགས་ཡོད
btn-helpful-no = ཕན་ཐོགས་མེད
faq-thanks = ཐུགས་རྗེ་ཆེ།
faq-sorry = དགོངས་དག ང་ཚོས་དྲི་བ་འདི་ཐོ་ལ་བཀོད་ཟིན། ཁྱེད་ཀྱིས་ལས་བྱེད་པ་ཡང་འཚོལ་ཐུབ།
faq-unsure = ངས་ཏན་ཏན་མི་ཤེས། ཁྱེད་ཀྱི་དྲི་བ་ནི་འདི་དག་ཡིན་ནམ།
faq-nothing = དྲི་བ་འདིའི་ལན་ངས་ད་ལྟ་འདེབས་མི་ཤེས། ལས་བྱེད་པར་འདྲི་ཐུབ།
faq-other-lang = ཁྱེད་ཀྱིས་ { $language } ཐོག་ནས་བྲིས་ཡོད་པ་འདྲ། སྐད་ཡིག་ { $language } ལ་བརྗེ་དགོས་སམ།
btn-switch-lang = { $language } ལ་བརྗེ་བ

## Staff chat (read by staff, in the first enabled language)
staff-header = གནད་དོན་ཨང་ { $case } · { $lang } · { $county }
staff-header-no-county = གནད་དོན་ཨང་ { $case } · { $lang }
staff-voice-note = སྐད་འཕྲིན་ཡིན། ཉན་རྗེས་ལན་འདེབས་རོགས།
staff-reply-hint = བརྡ་འཕྲིན་འདི་ལ་ལན་བཏབ་ན་སྤྱོད་མཁན་ལ་ལན་འདེབས་ཐུབ།
staff-reply-unknown = བརྡ་འཕྲིན་འདིའི་སྤྱོད་མཁན་རྙེད་མ་སོང་། གནད་དོན་ཨང་ཡོད་པའི་བརྡ་འཕྲིན་ལ་ལན་འདེབས་རོགས།
staff-reply-sent = སྤྱོད་མཁན་ལ་བཏང་ཟིན།
staff-closed = སྤྱོད་མཁན་གྱིས་ཁ་བརྡ་མཇུག་སྒྲིལ་ཟིན། གནད་དོན་ཨང་ནི་ { $case } ཡིན།
inbox-title = ལན་འདེབས་མ་ཐུབ་པའི་དྲི་བ། ཐེངས་གྲངས་མང་བ་གོང་དུ་བཀོད་ཡོད།
inbox-empty = ཐག་གཅོད་མ་བྱས་པའི་དྲི་བ་མེད།
inbox-item = { $n }. [{ $lang }] ×{ $count } { $text }
inbox-done = ཐག་གཅོད་ཟིན་པར་རྟགས་བརྒྱབ་ཟིན།
btn-inbox-done = ✓ { $n }
reload-ok = ནང་དོན་བསྐྱར་དུ་བླངས་ཟིན།
reload-failed = ནང་དོན་ལ་ནོར་འཁྲུལ་ཡོད་པས་མ་བླངས། ད་དུང་ནང་དོན་རྙིང་པ་བེད་སྤྱོད་བྱེད་བཞིན་ཡོད། { $error }
reload-failed-signal = SIGHUP (systemctl reload): ནང་དོན་ལ་ནོར་འཁྲུལ་ཡོད་པས་མ་བླངས། ད་དུང་ནང་དོན་རྙིང་པ་བེད་སྤྱོད་བྱེད་བཞིན་ཡོད། { $error }

## Privacy and flood control
forget-confirm = ང་ཚོས་ཉར་བའི་ཁྱེད་ཀྱི་ཆ་འཕྲིན་ཚང་མ་བསུབ་དགོས་སམ། སྐད་ཡིག་དང་རྫོང་། དྲི་ཤོག་གི་ལན། ཁ་བརྡ་བཅས་ཚུད་ཡོད།
forget-done = བསུབ་ཟིན། ཡང་བསྐྱར་བེད་སྤྱོད་བྱེད་ན་གཤམ་གྱི་སྐད་ཡིག་གནོན་རོགས།
btn-forget-yes = བསུབ་པ།
notice-flood = ཁྱེད་ཀྱིས་བརྡ་འཕྲིན་མགྱོགས་དྲགས་བཏང་སོང་། སྐར་མ་གཅིག་སྒུག་ནས་ཡང་བསྐྱར་གཏོང་རོགས།

## Notices
notice-updated = འཕྲུལ་མི་གསར་བསྒྱུར་བྱས་ཟིན་པས་མཐེབ་གཅུས་འདི་བེད་སྤྱོད་བྱེད་མི་ཐུབ། འདི་ནི་འདེམས་ཐོ་གསར་པ་ཡིན།
notice-old-button = མཐེབ་གཅུས་འདི་དུས་ཡོལ་ཟིན།
notice-unsupported = ངས་ཡི་གེ་དང་མཐེབ་གཅུས་ཁོ་ན་ཀློག་ཐུབ།
notice-not-understood = དགོངས་དག ངས་གོ་མ་སོང་། མཐེབ་གཅུས་ལ་མནན་རོགས། ཡང་ན་ཨང་གྲངས་འབྲི་རོགས།
notice-number-range = 1 ནས་ { $max } བར་གྱི་ཨང་གྲངས་ཤིག་འབྲི་རོགས།
notice-unknown-command = བཀའ་བརྡ་འདི་འདྲ་མེད།
notice-county-set = ཁྱེད་ཀྱི་རྫོང་ཐོ་ལ་བཀོད་ཟིན། { $county }།
notice-county-unknown = ཨང་རྟགས་འདི་ངས་ངོས་འཛིན་མ་ཐུབ། ཡིན་ན་ཡང་གནད་དོན་མེད། མུ་མཐུད་བེད་སྤྱོད་བྱེད་ཐུབ།
notice-use-buttons = འོག་གི་མཐེབ་གཅུས་ལ་མནན་ནས་ལན་འདེབས་རོགས། ཡང་ན་ཨང་གྲངས་འབྲི་རོགས།

## Command menu (descriptions)
cmd-start = འགོ་འཛུགས
cmd-menu = འདེམས་ཐོ་གཙོ་བོ
cmd-packages = ཐུམ་སྒྲིལ་དང་ཁེ་ཕན
cmd-check = ངས་ཐུམ་སྒྲིལ་གང་ཞུ་ཆོག
cmd-ask = དྲི་བ་འདྲི་བ
cmd-human = ལས་བྱེད་པ་འཚོལ་བ
cmd-language = སྐད་ཡིག་བརྗེ་བ
cmd-help = བེད་སྤྱོད་ཐབས
cmd-forget = ངའི་ཆ་འཕྲིན་བསུབ་པ

## Typed keywords: comma-separated words that work like the button
kw-menu = འདེམས་ཐོ, འདེམས་ཐོ་གཙོ་བོ, ཐོ་གཞུང, ཚལ་ཐོ, menu
kw-help = རོགས་རམ, བེད་སྤྱོད་ཐབས, ཇི་ལྟར་སྤྱོད, ག་འདྲ་བྱེད, help
kw-language = སྐད་ཡིག, སྐད་ཡིག་བརྗེ, སྐད་ཡིག་བརྗེ་བ, སྐད་རིགས
kw-packages = ཐུམ་སྒྲིལ, ཁེ་ཕན, རིན་གོང, གླ་ཆ, ཁ་པར་ཐུམ་སྒྲིལ
kw-check = ཞུ་ཆོག་གམ, ཞུ་ཆོག་པ, ཆ་རྐྱེན, ཁྱད་ཚད, ཞིབ་བཤེར
kw-back = ཕྱིར་ལོག, ལོག, རྒྱབ་ལོག, སྔོན་མ
kw-restart = བསྐྱར་དུ་འགོ་འཛུགས, བསྐྱར་འཛུགས, ཡང་བསྐྱར
kw-ask = དྲི་བ, འདྲི, དྲི་བ་འདྲི་བ, གྲོས་འདྲི
kw-human = ལས་བྱེད་པ, ཞབས་ཞུ, ལས་བྱེད་པ་འཚོལ, ལས་བྱེད་པ་འཚོལ་བ, མི་འཚོལ
kw-apply = ཞུ་བ, ཞུ་ཐབས, ཐོ་འགོད, ཇི་ལྟར་ཞུ, ག་འདྲ་ཞུ
kw-choice-yes = ཡིན, ཡོད, ལགས, ལགས་སོ, ཡིན་ལགས, འགྲིག
kw-choice-no = མིན, མ་རེད, མེད, མིན་ལགས, མེད་ལགས
kw-choice-unknown = མི་ཤེས, ངས་མི་ཤེས, ཧ་མི་གོ
kw-end = མཇུག་སྒྲིལ, ཁ་བརྡ་མཇུག་སྒྲིལ, རྫོགས་སོང, ག་ལེ་བཞུགས
kw-smalltalk-hello = བཀྲ་ཤིས་བདེ་ལེགས, བཀྲ་ཤིས་བདེ་ལེགས་ལགས, ཁྱེད་རང་བདེ་མོ, ཁྱེད་བདེ་མོ་ཡིན་ནམ, ཨ་ལགས, hi, hello
kw-smalltalk-thanks = ཐུགས་རྗེ་ཆེ, ཐུགས་རྗེ་ཆེ་ལགས, ཐུགས་རྗེ་ཆེ་ཆེ, བཀའ་དྲིན་ཆེ, ཐུགས་རྗེ
kw-smalltalk-ok = ཡག་པོ, ཡག་པོ་རེད, ཧ་གོ་སོང, ཧ་གོ་བྱུང, ok

## Small talk: a greeting, thanks or "ok" (the buttons of the screen follow)
smalltalk-hello = བཀྲ་ཤིས་བདེ་ལེགས། གཤམ་གྱི་མཐེབ་གཅུས་གནོན་རོགས།
smalltalk-thanks = ལགས་སོ། རོགས་རམ་དགོས་ན་ཡང་འབྲི་རོགས།
smalltalk-ok = ལགས་སོ།
