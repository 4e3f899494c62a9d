# netplus: announcements (users) and broadcasts (staff), Tibetan.
# A staff member's broadcast text never goes through Fluent: it is sent as written.

## Users: announcements on and off
cmd-stop = བརྡ་ཐོ་མི་ལེན།
announce-off = ལགས་སོ། ད་ནས་བཟུང་ཁྱེད་ལ་བརྡ་ཐོ་མི་གཏོང་། ཡང་བསྐྱར་ལེན་འདོད་ན་ /start གཏོང་བའམ་འོག་གི་མཐེབ་གཅུས་ལ་མནན་རོགས།
announce-on = ལགས་སོ། ད་ནས་བཟུང་ཁྱེད་ལ་བརྡ་ཐོ་གཏོང་གི་ཡིན།
announce-back-on = ཁྱེད་ལ་བརྡ་ཐོ་ཡང་བསྐྱར་གཏོང་གི་ཡིན།
settings-on = བརྡ་ཐོ། ལེན་གྱི་ཡོད།
settings-off = བརྡ་ཐོ། མི་ལེན།
btn-announce-on = བརྡ་ཐོ་ལེན།
btn-announce-off = བརྡ་ཐོ་མི་ལེན།
btn-language = སྐད་ཡིག

## Staff: composing a broadcast
# A staff member's own text, shown exactly as written (its preview): the same in every language.
bc-verbatim = { $text }
bc-text-prompt = { $language } ཡི་བརྡ་ཐོའི་ནང་དོན་གཏོང་རོགས། (སྐད་ཡིག་ { $total } ཡི་ནང་ནས་ཨང་ { $n } པ།) ནང་དོན་ཇི་བཞིན་གཏོང་གི་ཡིན། སྐད་ཡིག་འདིའི་ནང་དོན་མེད་ན་“མཆོང་”ལ་མནན་རོགས།
bc-text-saved = { $language } ཡི་ནང་དོན་ཉར་ཟིན། (ཡིག་འབྲུ་ { $length })
bc-text-empty = ནང་དོན་སྟོང་པ་ཡིན་མི་ཆོག
bc-text-too-long = ནང་དོན་རིང་དྲགས་འདུག ཡིག་འབྲུ་ { $length } ཡོད། Telegram ལ་མང་ཤོས་ { $max } ལས་མི་ཆོག ཐུང་དུ་བཏང་ནས་ཡང་བསྐྱར་གཏོང་རོགས།
bc-text-none = ནང་དོན་མེད།
bc-no-text = ཉུང་མཐར་ཡང་སྐད་ཡིག་གཅིག་གི་ནང་དོན་དགོས།
bc-audience-prompt = སུ་ལ་གཏོང་དགོས་སམ།
bc-aud-all = སྤྱོད་མཁན་ཚང་མ།
bc-aud-by-lang = སྐད་ཡིག་ལྟར།
bc-aud-by-county = རྫོང་ལྟར།
bc-aud-by-package = ཐུམ་སྒྲིལ་གྱི་ཆ་རྐྱེན་ལྟར།
bc-aud-lang-prompt = སྐད་ཡིག་གང་གི་སྤྱོད་མཁན་ལ་གཏོང་དགོས་སམ།
bc-aud-county-prompt = རྫོང་གང་གི་སྤྱོད་མཁན་ལ་གཏོང་དགོས་སམ།
bc-aud-package-prompt = དྲི་ཤོག་གི་ལན་ལྟར་ཐུམ་སྒྲིལ་གང་ཞུ་ཆོག་པའི་སྤྱོད་མཁན་ལ་གཏོང་དགོས་སམ།
bc-aud-desc-all = སྤྱོད་མཁན་ཚང་མ།
bc-aud-desc-lang = { $language } བེད་སྤྱོད་བྱེད་མཁན།
bc-aud-desc-county = { $county } གི་སྤྱོད་མཁན།
bc-aud-desc-package = “{ $package }” ཞུ་ཆོག་པའི་སྤྱོད་མཁན།
bc-when-prompt = ནམ་གཏོང་དགོས་སམ། “ད་ལྟ་གཏོང་”ལ་མནན་པའམ། པེ་ཅིང་དུས་ཚོད་ཅིག་འབྲི་རོགས། དཔེར་ན། 2026-12-01 09:00
bc-when-bad = དུས་ཚོད་འདི་གོ་མ་སོང་། འདི་ལྟར་འབྲི་རོགས། 2026-12-01 09:00 (པེ་ཅིང་དུས་ཚོད།)
bc-when-now = གཏན་འཁེལ་བྱས་མ་ཐག་གཏོང་།
bc-when-at = { $time } (པེ་ཅིང་དུས་ཚོད།)
bc-btn-skip = སྐད་ཡིག་འདི་མཆོང་།
bc-btn-now = ད་ལྟ་གཏོང་།
bc-btn-cancel = མི་དགོས།
bc-btn-edit = ནང་དོན་བསྐྱར་དུ་འབྲི།
bc-btn-confirm = གཏན་འཁེལ་བྱས་ནས་གཏོང་།
bc-btn-fallback = ནང་དོན་མེད་པ་ཚོར་{ $language } ཡི་ནང་དོན་གཏོང་།
bc-btn-stop = #{ $id } མཚམས་འཇོག
bc-btn-list = བརྡ་ཐོ་ཚང་མ།
bc-cancelled = མི་དགོས་པར་བཟོས་ཟིན། བརྡ་ཐོ་བཏང་མེད།

## Staff: preview
bc-preview-lang = སྔོན་ལྟ། འོག་གི་འདི་སྤྱོད་མཁན་ { $count } ལ་གཏོང་གི་ཡིན། ({ $language })
bc-summary = གཏོང་ཡུལ། { $audience }། དུས་ཚོད། { $when }། ཁྱོན་མི་ { $total }།
bc-summary-lang = { $language } སྤྱོད་མཁན། མི་ { $count }། ལེན་རྒྱུ། { $text }
bc-missing = གཏོང་མི་ཐུབ། སྐད་ཡིག་འདི་དག་གི་སྤྱོད་མཁན་ལ་ནང་དོན་མེད། { $languages }། ནང་དོན་ཁ་སྣོན་བྱེད་པའམ། སྐད་ཡིག་གཅིག་གི་ནང་དོན་དེ་ཚོར་གཏོང་བ་འདེམས་རོགས།
bc-fallback-set = རང་སྐད་ཀྱི་ནང་དོན་མེད་པའི་སྤྱོད་མཁན་ལ་{ $language } ཡི་ནང་དོན་གཏོང་གི་ཡིན།
bc-no-recipients = ཆ་རྐྱེན་དང་མཐུན་པའི་སྤྱོད་མཁན་མེད་པས་གཏོང་མི་ཐུབ།

## Staff: jobs
bc-queued = བརྡ་ཐོ་ #{ $id } གཏོང་འགོ་ཚུགས་ཟིན། མྱུར་ཚད་འཕྲིན་ཕྲན་རྗེས་མར་ལྟ་རོགས།
bc-scheduled = བརྡ་ཐོ་ #{ $id } { $time } (པེ་ཅིང་དུས་ཚོད།) ལ་གཏོང་གི་ཡིན།
bc-progress = བརྡ་ཐོ་ #{ $id }། བཏང་ཟིན་ { $sent }། ལྷག་མ་ { $remaining }། བཀག་པ་ { $blocked }། མ་ཐུབ་པ་ { $failed }། ད་དུང་ { $eta } ཙམ་དགོས།
bc-progress-paused = Telegram གིས་སྐར་ཆ་ { $seconds } བར་མཚམས་འཇོག་དགོས་ཟེར། དེ་རྗེས་མུ་མཐུད་གཏོང་གི་ཡིན།
bc-duration = སྐར་མ་ { $minutes } སྐར་ཆ་ { $seconds }
bc-list-title = ཉེ་ཆར་གྱི་བརྡ་ཐོ།
bc-list-empty = བརྡ་ཐོ་ད་དུང་མེད།
bc-list-item = #{ $id } · { $status } · { $when } · བཏང་ཟིན་ { $sent }/{ $total }
bc-status-scheduled = གཏོང་རྒྱུ་སྒུག་བཞིན་པ།
bc-status-running = གཏོང་བཞིན་པ།
bc-status-done = བཏང་ཚར།
bc-status-cancelled = མཚམས་བཞག་ཟིན།
bc-stopped = བརྡ་ཐོ་ #{ $id } མཚམས་བཞག་ཟིན།
bc-stop-finished = བརྡ་ཐོ་ #{ $id } མཇུག་རྫོགས་ཟིན།
bc-stop-unknown = བརྡ་ཐོ་ #{ $id } རྙེད་མ་སོང་།
bc-report-title = བརྡ་ཐོ་ #{ $id }། { $status }
bc-report-lang = { $language }། བཏང་ཟིན་ { $sent }། བཀག་པ་ { $blocked }། མ་ཐུབ་པ་ { $failed }། མ་བཏང་བ་ { $skipped }
bc-report-total = ཁྱོན་བསྡོམས། བཏང་ཟིན་ { $sent }། བཀག་པ་ { $blocked }། མ་ཐུབ་པ་ { $failed }། མ་བཏང་བ་ { $skipped }། དུས་ཡུན་ { $duration }།
