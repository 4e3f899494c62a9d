# netplus: texts for the content data (content/*.toml), Uyghur (Arabic script, UEY).
# SAMPLE content: the operator replaces packages, prices and rules.
# Right-to-left: every package name must start with a Uyghur word.

## Packages: pkg-<id>-name, -gives, -who, -bring, -where
pkg-village-name = كەنت ئېتىبار بوغچىسى
pkg-village-gives = ئايلىق ھەققى يېرىمغا چۈشىدۇ، كەلگەن تېلېفون ھەقسىز.
pkg-village-who = كىملەر ئۈچۈن: بەلگىلەنگەن ياردەم ناھىيىسىدىكى نامراتلىقتىن قۇتۇلغان ئائىلىلەر، تۇرمۇش كاپالىتىدىكى ئائىلىلەر ۋە مېيىپلار.
pkg-village-bring = ئېلىپ بېرىڭ: كىملىك ۋە نوپۇس دەپتىرى، تۇرمۇش كاپالىتى كىنىشكىسى ياكى مېيىپلىك كىنىشكىسى.
pkg-village-where = ناھىيە ياكى يېزىدىكى مۇلازىمەت زالىغا بېرىپ بېجىرىڭ.

pkg-broadband-name = ئائىلە كەڭ بەلۋاغ ئېتىبارى
pkg-broadband-gives = كەڭ بەلۋاغ يېرىم باھادا، ئورنىتىش ھەقسىز.
pkg-broadband-who = كىملەر ئۈچۈن: بەزى بەلگىلەنگەن ياردەم ناھىيىلىرىدىكى نامراتلىقتىن قۇتۇلغان ئائىلىلەر ۋە تۇرمۇش كاپالىتىدىكى ئائىلىلەر.
pkg-broadband-bring = ئېلىپ بېرىڭ: ئائىلە باشلىقىنىڭ كىملىكى ۋە نوپۇس دەپتىرى.
pkg-broadband-where = مۇلازىمەت زالىدا بېجىرىڭ، ياكى مۇلازىمەت تېلېفونىغا تېلېفون قىلسىڭىز، ئۆيىڭىزگە كېلىدۇ.

pkg-elderly-name = ياشانغانلارغا كۆڭۈل بۆلۈش بوغچىسى
pkg-elderly-gives = كەلگەن تېلېفون نومۇرىنى كۆرسىتىش ھەقسىز، پەرزەنتلىرى تېلېفون ھەققىنى تۆلەپ بېرەلەيدۇ.
pkg-elderly-who = كىملەر ئۈچۈن: 60 ياش ۋە ئۇنىڭدىن چوڭ ياشانغانلار.
pkg-elderly-bring = ئېلىپ بېرىڭ: ياشانغان كىشىنىڭ كىملىكى.
pkg-elderly-where = مۇلازىمەت زالىدا بېجىرىڭ، ئائىلە كىشىلىرى بىللە بارسا بولىدۇ.

pkg-student-name = ئوقۇغۇچىلار ئۆگىنىش ئېقىم بوغچىسى
pkg-student-gives = تور دەرسى ۋە ئۆگىنىش ئەپلىرىنىڭ ئېقىمى ھەقسىز.
pkg-student-who = كىملەر ئۈچۈن: مەكتەپتە ئوقۇۋاتقان ئوقۇغۇچىلار.
pkg-student-bring = ئېلىپ بېرىڭ: ئوقۇغۇچىلىق كىنىشكىسى ياكى مەكتەپ ئىسپاتى، ۋە كىملىك.
pkg-student-where = مۇلازىمەت زالىدا بېجىرىڭ.

pkg-phone-name = ئەرزان 4G يانفون
pkg-phone-gives = تېلېفون ھەققى 100 يۈەن سوۋغا قىلىنىدۇ، بىر يىل ھەقسىز رېمونت قىلىپ بېرىلىدۇ.
pkg-phone-who = كىملەر ئۈچۈن: نامراتلىقتىن قۇتۇلغان ئائىلىلەر، تۇرمۇش كاپالىتىدىكى ئائىلىلەر ۋە 60 ياشتىن يۇقىرى ياشانغانلار.
pkg-phone-bring = ئېلىپ بېرىڭ: كىملىك.
pkg-phone-where = مۇلازىمەت زالىدىن سېتىۋېلىڭ.

pkg-bilingual-phone-name = قوش تىللىق يانفون
pkg-bilingual-phone-gives = ئۇيغۇرچە-خەنزۇچە ياكى زاڭزۇچە-خەنزۇچە قوش تىللىق، تېلېفون ھەققى 50 يۈەن سوۋغا قىلىنىدۇ.
pkg-bilingual-phone-who = كىملەر ئۈچۈن: بەلگىلەنگەن ياردەم ناھىيىسىدىكى ئاھالىلەر.
pkg-bilingual-phone-bring = ئېلىپ بېرىڭ: كىملىك.
pkg-bilingual-phone-where = مۇلازىمەت زالىدىن سېتىۋېلىڭ.

pkg-gift-name = يېڭى ئابونتلارغا سوۋغا
pkg-gift-gives = يېڭى نومۇر ئالسىڭىز، 1 GB ئېقىم ۋە بىر يانفون كارتىسى غىلاپى سوۋغا قىلىنىدۇ.
pkg-gift-who = كىملەر ئۈچۈن: بارلىق يېڭى ئابونتلار.
pkg-gift-bring = ئېلىپ بېرىڭ: كىملىك.
pkg-gift-where = مۇلازىمەت زالىغا بېرىپ ئېلىڭ.

## Questionnaire: q-<id> and q-<id>-<choice>
q-household = ئائىلىڭىز نامراتلىقتىن قۇتۇلغان ئائىلىمۇ ياكى تۇرمۇش كاپالىتىدىكى ئائىلىمۇ؟
q-household-low-income = نامراتلىقتىن قۇتۇلغان ئائىلە
q-household-dibao = تۇرمۇش كاپالىتىدىكى ئائىلە
q-household-neither = ھېچقايسىسى ئەمەس
q-disability = سىزدە مېيىپلىك كىنىشكىسى بارمۇ؟
q-disability-yes = بار
q-disability-no = يوق
q-age = يېشىڭىز قانچىدە؟
q-age-under-18 = يېشىم 18 دىن كىچىك
q-age-18-59 = يېشىم 18 بىلەن 59 ئارىلىقىدا
q-age-60-plus = يېشىم 60 ياكى ئۇنىڭدىن چوڭ
q-student = سىز ئوقۇغۇچىمۇ؟
q-student-yes = ھەئە
q-student-no = ياق
q-county = سىز قايسى ناھىيىدە تۇرىسىز؟
q-county-unknown = بىلمەيمەن
q-has-support = ياردەم بوغچىسىنى بېجىرگەنمۇسىز؟
q-has-support-yes = بېجىرگەن
q-has-support-no = بېجىرمىگەن

## Requirements, said as what is needed: need-<question>-<choice>
## (need-not-<question>-<choice> for a condition that rules a package out)
need-household-low-income = نامراتلىقتىن قۇتۇلغان ئائىلە بولۇش
need-household-dibao = تۇرمۇش كاپالىتىدىكى ئائىلە بولۇش
need-disability-yes = مېيىپلىك كىنىشكىسى بولۇش
need-age-60-plus = يېشى 60 قا توشقان بولۇش
need-student-yes = ئوقۇغۇچى بولۇش
need-not-has-support-yes = ياردەم بوغچىسىنى تېخى بېجىرمىگەن بولۇش

## Counties: county-<code>
county-540121 = لخۈنجۇپ ناھىيىسى
county-540122 = دامشۇڭ ناھىيىسى
county-540123 = نيېمو ناھىيىسى
county-653121 = كونىشەھەر ناھىيىسى
county-653122 = يېڭىشەھەر ناھىيىسى
county-653221 = خوتەن ناھىيىسى
